"""Workflows that change a project's marks and notes, each in one transaction."""

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from accounts.models import User
from projects.activity import record_activity
from projects.models import Project
from projects.on_behalf.services import activity_detail
from projects.shared_words.services import words_save
from projects.stages import Stage

from .library import LIBRARY
from .models import Mark, MarkRevision, Note, NoteRevision


@transaction.atomic
def library_copy(*, project: Project) -> list[Mark]:
    """Give a new project its own copy of every library mark, in the library's order."""
    positions: dict[str, int] = {}
    marks = []
    for item in LIBRARY:
        position = positions.get(item.stage, 0)
        positions[item.stage] = position + 1
        marks.append(
            Mark(
                project=project,
                stage=item.stage,
                library_key=item.key,
                title=str(item.title),
                explanation=str(item.explanation),
                position=position,
            )
        )
    marks = Mark.objects.bulk_create(marks)
    MarkRevision.objects.bulk_create(
        MarkRevision(mark=m, version=1, title=m.title, explanation=m.explanation) for m in marks
    )
    return marks


@transaction.atomic
def mark_add(*, project: Project, author: User, stage: str, title: str, explanation: str) -> Mark:
    """Add a mark of the group's own at the end of a stage."""
    last = Mark.objects.filter(project=project, stage=stage).aggregate(last=Max("position"))
    position = 0 if last["last"] is None else last["last"] + 1
    mark = Mark.objects.create(
        project=project,
        stage=stage,
        title=title,
        explanation=explanation,
        position=position,
        created_by=author,
    )
    MarkRevision.objects.create(
        mark=mark, version=1, title=title, explanation=explanation, edited_by=author
    )
    record_activity(project=project, actor=author, kind="mark_added", detail=title)
    return mark


def mark_reword(
    *, mark: Mark, editor: User, base_version: int, title: str, explanation: str
) -> Mark:
    """Save new wording, keeping the old; refuse if the form was based on an old version."""
    return words_save(
        item=mark,
        base_version=base_version,
        changes={"title": title, "explanation": explanation},
        project=mark.project,
        actor=editor,
        kind="mark_reworded",
        detail=title,
        record=record_activity,
    )


@transaction.atomic
def mark_set_hidden(*, mark: Mark, actor: User, hidden: bool) -> None:
    if mark.hidden == hidden:
        return
    mark.hidden = hidden
    mark.save(update_fields=["hidden"])
    kind = "mark_hidden" if hidden else "mark_shown"
    record_activity(project=mark.project, actor=actor, kind=kind, detail=mark.title)


@transaction.atomic
def mark_move(*, mark: Mark, direction: str) -> bool:
    """Swap a mark with its visible neighbour above or below. Returns whether it moved.

    The stage's marks are renumbered in their current order first, so marks that
    happen to share a position still move one place.
    """
    marks = list(
        Mark.objects.select_for_update()
        .filter(project_id=mark.project_id, stage=mark.stage)
        .order_by("position", "pk")
    )
    visible = [m for m in marks if not m.hidden or m.pk == mark.pk]
    index = next(i for i, m in enumerate(visible) if m.pk == mark.pk)
    other_index = index - 1 if direction == "up" else index + 1
    if not 0 <= other_index < len(visible):
        return False
    for position, m in enumerate(marks):
        m.position = position
    a, b = visible[index], visible[other_index]
    a.position, b.position = b.position, a.position
    Mark.objects.bulk_update(marks, ["position"])
    # The order shows on every page that lists the stage, and on the mark page's next link.
    revision_bump(project_id=mark.project_id)
    return True


def revision_bump(*, project_id: int) -> None:
    """Tell the live pages that poll the project's revision that something changed."""
    Project.objects.filter(pk=project_id).update(revision=F("revision") + 1)


@transaction.atomic
def note_add(
    *,
    mark: Mark,
    author: User,
    kind: str,
    text: str,
    anonymous: bool = False,
    added_by: User | None = None,
    given_via: str = "",
) -> Note:
    """Add a note. An anonymous note, and its activity, keep no link to the author.

    With ``added_by``, someone adds the author's words for them, given ``given_via``: the
    note is the author's, and the activity line says who added it and how it reached them.
    """
    anonymous = anonymous and mark.project.allow_anonymous and added_by is None
    note = Note.objects.create(
        mark=mark,
        kind=kind,
        text=text,
        author=None if anonymous else author,
        is_anonymous=anonymous,
        added_by=added_by,
        given_via=given_via if added_by is not None else "",
    )
    NoteRevision.objects.create(note=note, version=1, text=text, edited_at=note.created_at)
    if added_by is not None:
        record_activity(
            project=mark.project,
            actor=added_by,
            kind="note_added_for",
            detail=activity_detail(author, given_via),
        )
    else:
        record_activity(
            project=mark.project,
            actor=None if anonymous else author,
            kind="note_added",
            detail=mark.title,
        )
    return note


def note_edit(*, note: Note, base_version: int, text: str) -> Note:
    """Save the author's new wording; refuse if it changed, or was deleted, meanwhile."""
    return words_save(
        item=note,
        base_version=base_version,
        changes={"text": text},
        project=note.mark.project,
        actor=note.author,
        kind="note_edited",
        detail=note.mark.title,
        only_if={"deleted_at": None},
        record=record_activity,
    )


@transaction.atomic
def note_delete(*, note: Note) -> None:
    """Delete a note so that its author can still undo it."""
    if note.deleted_at is None:
        note.deleted_at = timezone.now()
        note.save(update_fields=["deleted_at"])
        record_activity(
            project=note.mark.project,
            actor=note.author,
            kind="note_deleted",
            detail=note.mark.title,
        )


@transaction.atomic
def note_restore(*, note: Note) -> None:
    if note.deleted_at is not None:
        note.deleted_at = None
        note.save(update_fields=["deleted_at"])
        record_activity(
            project=note.mark.project,
            actor=note.author,
            kind="note_restored",
            detail=note.mark.title,
        )


def stage_or_none(value: str) -> Stage | None:
    return Stage(value) if value in Stage.values else None
