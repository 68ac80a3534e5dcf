"""The agendas' part of the whole-project file, in the meetings section.

Each agenda names its meeting by its place in the file's list of meetings, keeps its items
in order (a mark or a proposal by the ref the file gives it) and where the meeting got to.
A file from before agendas imports with none.
"""

from projects.models import Project
from projects.parts import BadFile, People, Reader, iso

from .models import AGENDA_MAX_MINUTES, AGENDA_TEXT_LIMIT, Agenda, AgendaItem, Meeting

WORDS_NEEDED = {AgendaItem.Kind.CHECKIN, AgendaItem.Kind.ICEBREAKER, AgendaItem.Kind.OTHER}


def _meetings(project: Project) -> list[Meeting]:
    # The order meetings/portable.py writes them in, and makes them in on import.
    return list(Meeting.objects.filter(project=project).order_by("created_at", "pk"))


def export(project: Project, people: People) -> dict:
    meetings = _meetings(project)
    place = {m.pk: n for n, m in enumerate(meetings)}
    agendas = {a.meeting_id: a for a in Agenda.objects.filter(meeting__project=project)}
    items: dict[int, list[AgendaItem]] = {}
    for item in AgendaItem.objects.filter(meeting__project=project).order_by(
        "meeting_id", "position"
    ):
        items.setdefault(item.meeting_id, []).append(item)
    found = []
    for meeting in meetings:
        own = items.get(meeting.pk, [])
        if not own:
            continue
        agenda = agendas.get(meeting.pk)
        current = next((n for n, i in enumerate(own) if agenda and i.pk == agenda.current_id), None)
        found.append(
            {
                "meeting": place[meeting.pk],
                "started_at": iso(agenda.started_at) if agenda else None,
                # The place in "items" of the item the meeting is on; null before it starts.
                "current": current,
                "items": [
                    {
                        "kind": i.kind,
                        "text": i.text,
                        "minutes": i.minutes,
                        "mark": people.object_ref("mark", i.mark_id),
                        "proposal": people.object_ref("proposal", i.proposal_id),
                        "suggested_by": people.ref(i.suggested_by_id),
                    }
                    for i in own
                ],
            }
        )
    return {"agendas": found}


def import_(project: Project, data: Reader, people: People) -> None:
    if "agendas" not in data.data:
        return
    meetings = list(Meeting.objects.filter(project=project).order_by("pk"))
    seen = set()
    for entry in data.objects("agendas"):
        if not meetings:
            raise BadFile(f"{entry.path_of('meeting')}: the file has no meetings.")
        index = entry.integer("meeting", high=len(meetings) - 1)
        if index in seen:
            raise BadFile(f"{entry.path_of('meeting')}: this meeting has two agendas.")
        seen.add(index)
        _import_agenda(meetings[index], entry, people)


def _import_agenda(meeting: Meeting, entry: Reader, people: People) -> None:
    made = []
    for position, item in enumerate(entry.objects("items"), start=1):
        kind = item.choice("kind", AgendaItem.Kind.values, what="kind of agenda item")
        text = item.text("text", blank=kind not in WORDS_NEEDED, limit=AGENDA_TEXT_LIMIT)
        mark = people.object(item, "mark", "mark")
        proposal = people.object(item, "proposal", "proposal")
        if (kind == AgendaItem.Kind.MARK) != (mark is not None):
            raise BadFile(f"{item.path_of('mark')}: a mark item, and only one, names a mark.")
        if (kind == AgendaItem.Kind.PROPOSAL) != (proposal is not None):
            raise BadFile(
                f"{item.path_of('proposal')}: a proposal item, and only one, names a proposal."
            )
        made.append(
            AgendaItem.objects.create(
                meeting=meeting,
                position=position,
                kind=kind,
                text=text,
                minutes=item.integer("minutes", null=True, low=1, high=AGENDA_MAX_MINUTES),
                mark_id=getattr(mark, "pk", mark),
                proposal_id=getattr(proposal, "pk", proposal),
                suggested_by=people.user(item, "suggested_by"),
            )
        )
    started_at = entry.when("started_at", null=True)
    current = entry.integer("current", null=True, high=max(len(made) - 1, 0))
    if current is not None and (started_at is None or not made):
        raise BadFile(f"{entry.path_of('current')}: an agenda is on an item only once started.")
    Agenda.objects.create(
        meeting=meeting,
        version=1,
        started_at=started_at,
        current=made[current] if current is not None else None,
    )
