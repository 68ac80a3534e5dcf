"""What comes after meetings in the whole-project file: when each meeting ended, its notes
with every wording, and the support contacts.

The check-outs are left out, and the file says so: how each person was after a meeting is
theirs alone (it is in their own data download). Meetings are named by their place in the
``meetings`` list the meetings part writes, in the same order. A file from before this part
imports with none of it.
"""

from django.db.models import Prefetch

from projects.models import Project
from projects.parts import BadFile, People, Reader, iso, unique_versions

from ..models import (
    MAX_SUPPORT_CONTACTS,
    MEETING_NOTES_LIMIT,
    SUPPORT_NAME_LIMIT,
    SUPPORT_OFFER_LIMIT,
    SUPPORT_REACH_LIMIT,
    Meeting,
    MeetingNotes,
    MeetingNotesRevision,
    SupportContact,
)

LEFT_OUT = (
    "How each person was after a meeting (the check-out) is theirs alone, so it is not in "
    "this file."
)


def _meetings(project: Project):
    # The order the meetings part writes them in, and imports them in.
    return Meeting.objects.filter(project=project).order_by("created_at", "pk")


def export(project: Project, people: People) -> dict:
    meetings = list(
        _meetings(project)
        .prefetch_related(
            Prefetch("notes__revisions", MeetingNotesRevision.objects.order_by("version"))
        )
        .select_related("notes")
    )
    ended, notes = [], []
    for index, meeting in enumerate(meetings):
        if meeting.ended_at:
            ended.append({"meeting": index, "ended_at": iso(meeting.ended_at)})
        item = getattr(meeting, "notes", None)
        if item is None:
            continue
        notes.append(
            {
                "meeting": index,
                "text": item.text,
                "created_by": people.ref(item.created_by_id),
                "created_at": iso(item.created_at),
                "history": [
                    {
                        "version": r.version,
                        "text": r.text,
                        "edited_by": people.ref(r.edited_by_id),
                        "edited_at": iso(r.edited_at),
                    }
                    for r in item.revisions.all()
                ],
            }
        )
    return {
        "meetings_ended": ended,
        "meeting_notes": notes,
        "support_contacts": [
            {"name": c.name, "reach": c.reach, "offer": c.offer}
            for c in SupportContact.objects.filter(project=project)
        ],
        "check_outs": LEFT_OUT,
    }


def import_(project: Project, data: Reader, people: People) -> None:
    meetings = list(_meetings(project))

    def meeting_of(item: Reader) -> Meeting:
        index = item.integer("meeting", high=max(len(meetings) - 1, 0))
        if not meetings:
            raise BadFile(f"{item.path_of('meeting')}: the file has no meetings.")
        return meetings[index]

    if "meetings_ended" in data.data:
        for item in data.objects("meetings_ended"):
            meeting = meeting_of(item)
            if meeting.chosen_id is None:
                raise BadFile(
                    f"{item.path_of('meeting')}: a meeting with no time can't have ended."
                )
            Meeting.objects.filter(pk=meeting.pk).update(ended_at=item.when("ended_at"))
    if "meeting_notes" in data.data:
        seen = set()
        for item in data.objects("meeting_notes"):
            meeting = meeting_of(item)
            if meeting.pk in seen:
                raise BadFile(f"{item.path_of('meeting')}: a meeting has its notes once.")
            seen.add(meeting.pk)
            history = [
                (entry, {"version": entry.integer("version", low=1)})
                for entry in item.objects("history")
            ]
            unique_versions(history, "these notes' history")
            notes = MeetingNotes.objects.create(
                meeting=meeting,
                text=item.text("text", blank=False, limit=MEETING_NOTES_LIMIT),
                created_by=people.user(item, "created_by"),
                created_at=item.when("created_at"),
                version=max((f["version"] for _e, f in history), default=1),
            )
            for entry, fields in history:
                MeetingNotesRevision.objects.create(
                    notes=notes,
                    version=fields["version"],
                    text=entry.text("text", blank=False, limit=MEETING_NOTES_LIMIT),
                    edited_by=people.user(entry, "edited_by"),
                    edited_at=entry.when("edited_at"),
                )
    if "support_contacts" in data.data:
        contacts = data.objects("support_contacts")
        if len(contacts) > MAX_SUPPORT_CONTACTS:
            raise BadFile(
                f"{data.path_of('support_contacts')} holds more than {MAX_SUPPORT_CONTACTS}."
            )
        for c in contacts:
            SupportContact.objects.create(
                project=project,
                name=c.text("name", blank=False, limit=SUPPORT_NAME_LIMIT),
                reach=c.text("reach", blank=False, limit=SUPPORT_REACH_LIMIT),
                offer=c.text("offer", limit=SUPPORT_OFFER_LIMIT),
            )
