from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"

    def ready(self) -> None:
        from projects.for_you import register_for_you
        from projects.home import register_home_panel
        from projects.models import register_activity_kinds

        from .home import next_meeting_for_you, next_meeting_panel

        register_activity_kinds(
            {
                "meeting_proposed": _("proposed a meeting"),
                "meeting_answered": _("answered a meeting's times"),
                "meeting_chosen": _("chose a meeting's time"),
                "meeting_changed": _("changed where and how a meeting happens"),
                "meeting_attendance": _("said whether they are coming to a meeting"),
                "meeting_thoughts": _("left their thoughts for a meeting"),
            }
        )
        register_home_panel(next_meeting_panel)
        register_for_you(next_meeting_for_you)
