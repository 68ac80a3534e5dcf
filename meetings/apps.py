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
                "meeting_ended": _("ended a meeting"),
            }
        )
        register_home_panel(next_meeting_panel)

        # After a meeting (meetings/after): the notes and the support contacts. A check-out
        # has no activity kind: it is never in the activity.
        from .after.home import check_out_panel

        register_activity_kinds(
            {
                "meeting_notes_added": _("added notes of a meeting"),
                "meeting_notes_edited": _("changed the notes of a meeting"),
                "support_contact_added": _("added a support contact"),
                "support_contact_removed": _("removed a support contact"),
            }
        )
        register_home_panel(check_out_panel)

        register_for_you(next_meeting_for_you)

        _register_agenda_and_screen()


def _register_agenda_and_screen() -> None:
    """The agenda and the meeting screen: their activity words and their meeting-page parts."""
    from projects.models import register_activity_kinds

    from .agenda.views import agenda_part
    from .parts import register_meeting_part
    from .screen.views import screen_part

    register_activity_kinds(
        {
            "agenda_suggested": _("suggested an item for a meeting's agenda"),
            "agenda_ordered": _("put a meeting's agenda in order"),
            "agenda_moved": _("moved a meeting on to its next item"),
        }
    )
    register_meeting_part(screen_part)
    register_meeting_part(agenda_part)
