from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CheckinsConfig(AppConfig):
    name = "checkins"

    def ready(self) -> None:
        from projects.for_you import register_for_you
        from projects.models import register_activity_kinds

        register_activity_kinds(
            {
                "checkin_started": _("started a check-in"),
                "checkin_answered": _("answered a check-in"),
                "checkin_answered_for": _("added check-in answers for another member"),
                "checkin_closed": _("closed a check-in and shared its answers"),
            }
        )
        from .home import checkin_for_you

        register_for_you(checkin_for_you)
