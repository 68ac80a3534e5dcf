"""The marks' kind of words that can be set aside: notes. Listed in sharing/setting_aside.py."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from projects.setting_aside.kinds import Kind

from .models import NOTE_LIMIT, Note


def _where(note: Note) -> str:
    return reverse("marks:mark", args=[note.mark.project_id, note.mark_id]) + f"#note-{note.pk}"


NOTE = Kind(
    key=Note.set_aside_kind,
    label=_("note"),
    model=Note,
    project_path="mark__project",
    author_path="author",
    text_field="text",
    limit=NOTE_LIMIT,
    where=_where,
    related=("mark",),
    shown=lambda note: note.deleted_at is None,
)
