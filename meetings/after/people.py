"""What comes after meetings holds about one person, and how it lets go of someone deleting
their account. Listed in ``sharing.people.services.PARTS``.

A check-out is the person's own, so it is in their download and always goes with their
account. Their wordings of a meeting's notes are shared words: they stay, under "A former
member", unless the person asks for their words to be removed.
"""

from accounts.models import User
from projects.parts import Blocker

from ..models import CheckOut, MeetingNotes, MeetingNotesRevision


def _when(moment) -> str | None:
    return moment.isoformat() if moment else None


def personal_data(user: User) -> dict:
    """Two queries, however many meetings."""
    check_outs = CheckOut.objects.filter(user=user).select_related("meeting__project")
    wordings = MeetingNotesRevision.objects.filter(edited_by=user).select_related(
        "notes__meeting__project"
    )
    return {
        "meeting_check_outs": [
            {
                "project": c.meeting.project.name,
                "meeting": c.meeting.title,
                "how_i_was": str(CheckOut.Feeling(c.feeling).label) if c.feeling else None,
                "words": c.words,
                "gave_my_name_to_talk": c.share_name,
                "said_at": _when(c.updated_at),
            }
            for c in check_outs
        ],
        "meeting_notes_wordings": [
            {
                "project": w.notes.meeting.project.name,
                "meeting": w.notes.meeting.title,
                "version": w.version,
                "text": w.text,
                "written_at": _when(w.edited_at),
            }
            for w in wordings
        ],
    }


def blockers(user: User) -> list[Blocker]:
    return []


def forget(user: User, remove: bool) -> None:
    """Check-outs always go. Notes keep their words under "A former member" (the account row
    stays, nameless), unless the person asks for their words to be removed: then notes whose
    every wording was theirs go, and the group's other notes keep their text without the name,
    as the aims and ground rules do."""
    CheckOut.objects.filter(user=user).delete()
    if not remove:
        return
    mine = set(
        MeetingNotesRevision.objects.filter(edited_by=user).values_list("notes_id", flat=True)
    )
    others = set(
        MeetingNotesRevision.objects.filter(notes_id__in=mine)
        .exclude(edited_by=user)
        .values_list("notes_id", flat=True)
    )
    MeetingNotes.objects.filter(pk__in=mine - others).delete()
    MeetingNotes.objects.filter(created_by=user).update(created_by=None)
    MeetingNotesRevision.objects.filter(edited_by=user).update(edited_by=None)
