from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LakeConfig(AppConfig):
    name = "lake"

    def ready(self) -> None:
        from projects.home import register_home_panel
        from projects.models import register_activity_kinds

        from .home import lake_glance_panel

        register_home_panel(lake_glance_panel, story=True)

        register_activity_kinds(
            {
                "postit_added": _("added a post-it to the lake of ideas"),
                "postit_added_for": _("added a post-it for another member"),
                "postit_moved": _("moved a post-it on the lake of ideas"),
                "postit_edited": _("changed a post-it on the lake of ideas"),
                "postit_deleted": _("removed a post-it from the lake of ideas"),
                "postit_restored": _("brought back a post-it to the lake of ideas"),
                "lake_timer_start": _("started the five minutes with the lake"),
                "lake_timer_pause": _("paused the five minutes with the lake"),
                "lake_timer_stop": _("stopped the five minutes with the lake"),
            }
        )
