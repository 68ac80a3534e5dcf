from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "payments"

    def ready(self) -> None:
        from projects.for_you import register_for_you
        from projects.home import register_home_panel
        from projects.models import register_activity_kinds

        from .home import claims_for_you, payments_panel

        # Only the terms make an activity line: claims and choices are private.
        register_activity_kinds({"payment_terms_changed": _("changed the payment terms")})
        register_home_panel(payments_panel)
        register_for_you(claims_for_you)
