"""What the mark page shows of its notes: the three questions, each with its notes and form."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy

from accounts.models import User
from projects.answers.services import tally
from projects.models import Membership, Project
from projects.on_behalf import services as on_behalf

from .forms import NoteForm
from .library import LIBRARY
from .models import Mark, Note

QUESTION_HINTS = {
    Note.Kind.MEANING: gettext_lazy("What would doing this well look like in your group?"),
    Note.Kind.LADDER: gettext_lazy("Ladders are things that help the group move forward."),
    Note.Kind.SNAKE: gettext_lazy(
        "Snakes are misunderstandings or actions that could set the group back."
    ),
}


NOTE_LABELS = {
    Note.Kind.MEANING: gettext_lazy("Your note on what this means for your project"),
    Note.Kind.LADDER: gettext_lazy("A ladder your group has"),
    Note.Kind.SNAKE: gettext_lazy("A snake that might lie in wait"),
}

# The button that opens each question's form, under the group's notes.
OPEN_BUTTONS = {
    Note.Kind.MEANING: gettext_lazy("Add a note"),
    Note.Kind.LADDER: gettext_lazy("Add a ladder"),
    Note.Kind.SNAKE: gettext_lazy("Add a snake"),
}

NOTE_BUTTONS = {
    Note.Kind.MEANING: gettext_lazy("Add the note"),
    Note.Kind.LADDER: gettext_lazy("Add the ladder"),
    Note.Kind.SNAKE: gettext_lazy("Add the snake"),
}


def note_form(
    project: Project, kind: str, data=None, *, adder: User, choosable: list[Membership]
) -> NoteForm:
    """The add form; ``choosable`` (read once for the page) offers "Whose words are these?"."""
    form = NoteForm(
        data,
        prefix=kind,
        allow_anonymous=project.allow_anonymous,
        label=NOTE_LABELS[kind],
    )
    form.add_on_behalf_fields(project, adder, choosable)
    return form


def lake_url(note: Note, project: Project) -> str:
    # By URL name: the lake is built on marks, so marks can't import it.
    return reverse("lake:from_note", args=[project.pk, note.pk])


def _examples(mark: Mark) -> dict[str, list[str]]:
    item = (
        next((m for m in LIBRARY if m.key == mark.library_key), None) if mark.library_key else None
    )
    if item is None:
        return {}
    return {Note.Kind.LADDER: item.ladders, Note.Kind.SNAKE: item.snakes}


def questions(
    request: HttpRequest,
    project: Project,
    mark: Mark,
    *,
    forms: dict[str, NoteForm] | None = None,
    undo: Note | None = None,
) -> list[dict]:
    """The three questions that take notes, each with its notes, examples and form.

    ``forms`` holds a form that failed to validate, by its kind, to be shown with its errors.
    """
    forms = forms or {}
    notes = list(
        Note.objects.filter(mark=mark, deleted_at=None)
        .with_set_aside()
        .select_related("author", "added_by", "answered_by")
    )
    choosable = [] if project.is_completed else on_behalf.choosable(project, request.user)
    examples = _examples(mark)
    found = []
    for kind in Note.Kind:
        kind_notes = [n for n in notes if n.kind == kind]
        for note in kind_notes:
            # A completed project's notes can be read, not changed or sent on.
            note.editable = not project.is_completed and note.can_edit(request.user)
            note.lake_url = None if project.is_completed else lake_url(note, project)
        found.append(
            {
                "kind": kind.value,
                "label": kind.label,
                "hint": QUESTION_HINTS[kind],
                "notes": kind_notes,
                # Notes set aside are nobody's idea to answer: they are left out of the count.
                "answer_counts": tally(n for n in kind_notes if not n.aside_pk),
                "examples": [str(e) for e in examples.get(kind, [])],
                "form": forms.get(kind)
                or note_form(project, kind, adder=request.user, choosable=choosable),
                "button": NOTE_BUTTONS[kind],
                "open_button": OPEN_BUTTONS[kind],
                "undo": undo if undo is not None and undo.kind == kind else None,
            }
        )
    return found
