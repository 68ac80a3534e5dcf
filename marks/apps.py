from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarksConfig(AppConfig):
    name = "marks"

    def ready(self) -> None:
        from projects.for_you import register_for_you
        from projects.models import register_activity_kinds
        from projects.signals import project_created

        register_activity_kinds(
            {
                "mark_added": _("added a mark"),
                "mark_reworded": _("reworded a mark"),
                "mark_hidden": _("hid a mark"),
                "mark_shown": _("brought back a mark"),
                "note_added": _("added a note on a mark"),
                "note_added_for": _("added a note for another member"),
                "score_added_for": _("gave a score for another member"),
                "note_edited": _("changed a note on a mark"),
                "note_deleted": _("deleted a note on a mark"),
                "note_restored": _("brought back a note on a mark"),
                "round_opened": _("opened a scoring round"),
                "round_revealed": _("revealed the scores of a round"),
                "round_agreed": _("recorded the group's agreed score"),
                "names_shown": _("chose to show names beside scores in rounds opened from now on"),
                "names_hidden": _("chose to hide names beside scores in rounds opened from now on"),
                "round_runners": _("changed who can run scoring rounds"),
                "action_added": _("added an action to the plan"),
                "action_changed": _("changed an action in the plan"),
                "action_status": _("changed how far an action has got"),
            }
        )
        from .scoring.home import rounds_for_you

        register_for_you(rounds_for_you)
        project_created.connect(copy_library, dispatch_uid="marks.copy_library")


def copy_library(sender, project, creator, **kwargs) -> None:
    """Every new project starts with its own copy of the mark library."""
    from .services import library_copy

    library_copy(project=project)
