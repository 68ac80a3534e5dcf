"""Every change after a meeting: a person's check-out, the support contacts, the notes.

A check-out writes no activity line: even "someone answered" would tell the group more
than the person chose to say.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from projects.activity import record_activity
from projects.models import Project
from projects.shared_words.services import StaleEdit, words_save

from ..models import (
    MAX_SUPPORT_CONTACTS,
    Attendance,
    CheckOut,
    Meeting,
    MeetingNotes,
    MeetingNotesRevision,
    SupportContact,
)

CAME = [Attendance.Status.IN_PERSON, Attendance.Status.ONLINE]


class NotForYou(Exception):
    """The check-out is for people who came to a meeting that has ended."""


class TooMany(Exception):
    """The project already has as many support contacts as the list holds."""


def came(meeting: Meeting, user: User) -> bool:
    return Attendance.objects.filter(meeting=meeting, user=user, status__in=CAME).exists()


@transaction.atomic
def check_out_save(
    *, meeting: Meeting, member: User, feeling: str, words: str, share_name: bool
) -> CheckOut:
    """One check-out per person and meeting: the latest answer replaces the one before."""
    if not meeting.has_ended or not came(meeting, member):
        raise NotForYou
    values = {
        "feeling": feeling,
        "words": words,
        "share_name": share_name and feeling == CheckOut.Feeling.TALK,
        "updated_at": timezone.now(),
    }
    if not CheckOut.objects.filter(meeting=meeting, user=member).update(**values):
        try:
            with transaction.atomic():
                CheckOut.objects.create(meeting=meeting, user=member, **values)
        except IntegrityError:
            # The same person sending from two tabs at once: the later one wins.
            CheckOut.objects.filter(meeting=meeting, user=member).update(**values)
    return CheckOut.objects.get(meeting=meeting, user=member)


def check_out_remove(*, meeting: Meeting, member: User) -> bool:
    return CheckOut.objects.filter(meeting=meeting, user=member).delete()[0] > 0


@transaction.atomic
def support_contact_add(
    *, project: Project, actor: User, name: str, reach: str, offer: str
) -> SupportContact:
    # Locked, so two facilitators adding at once can't pass the limit together.
    Project.objects.select_for_update().filter(pk=project.pk).first()
    if SupportContact.objects.filter(project=project).count() >= MAX_SUPPORT_CONTACTS:
        raise TooMany
    contact = SupportContact.objects.create(project=project, name=name, reach=reach, offer=offer)
    record_activity(project=project, actor=actor, kind="support_contact_added", detail=name)
    return contact


@transaction.atomic
def support_contact_remove(*, contact: SupportContact, actor: User) -> None:
    project, name = contact.project, contact.name
    if SupportContact.objects.filter(pk=contact.pk).delete()[0]:
        record_activity(project=project, actor=actor, kind="support_contact_removed", detail=name)


@transaction.atomic
def meeting_notes_save(
    *, meeting: Meeting, item: MeetingNotes, editor: User, base_version: int, text: str
) -> MeetingNotes:
    """The first save makes the notes (version 1); later ones go through ``words_save``.

    Two people saving the first notes at once: the second is told, as for any stale edit,
    and ``item`` becomes the saved notes so the conflict box can show them.
    """
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    existing = MeetingNotes.objects.filter(meeting=meeting).first()
    if existing is None:
        if base_version != 0:
            raise StaleEdit
        notes = MeetingNotes.objects.create(meeting=meeting, text=text, created_by=editor)
        MeetingNotesRevision.objects.create(notes=notes, version=1, text=text, edited_by=editor)
        record_activity(
            project=meeting.project, actor=editor, kind="meeting_notes_added", detail=meeting.title
        )
        return notes
    if base_version == 0:
        item.pk = existing.pk
        raise StaleEdit
    return words_save(
        item=existing,
        base_version=base_version,
        changes={"text": text},
        project=meeting.project,
        actor=editor,
        kind="meeting_notes_edited",
        detail=meeting.title,
        record=record_activity,
    )
