"""The marks' kind of idea the group answers: notes. Listed in sharing/answers.py.

"We're taking this forward" may add an action about the note's mark to the action plan.
"""

from django.utils.translation import gettext_lazy as _

from projects.answers.kinds import AnswerKind

from .actions import services as actions
from .aside import _where
from .models import ACTION_TEXT_LIMIT, Action, Note, NoteAnswer


def _make_action(note: Note, *, actor, text: str) -> Action:
    return actions.action_taking_forward(
        project=note.mark.project, actor=actor, text=text, mark=note.mark
    )


NOTE = AnswerKind(
    key="note",
    label=_("note"),
    label_plural=_("notes"),
    model=Note,
    project_path="mark__project",
    text_field="text",
    where=_where,
    history=NoteAnswer,
    history_field="note",
    make_action=_make_action,
    action_limit=ACTION_TEXT_LIMIT,
    mark_of=lambda note: note.mark,
    related=("mark",),
    shown=lambda note: note.deleted_at is None,
    current={"deleted_at": None},
)
