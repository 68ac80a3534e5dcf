"""Reads the meeting pages share: the answer table, the next meeting, the lists."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from accounts.models import User
from projects.models import Membership, Project

from .models import (
    Agenda,
    AgendaItem,
    Answer,
    AnswerNote,
    Attendance,
    Meeting,
    MeetingOption,
    Thoughts,
)
from .times import Zones


@dataclass
class Row:
    """One possible time in the answer table: its words, each person's answer, the totals."""

    option: MeetingOption
    label: str
    cells: list[str | None] = field(default_factory=list)
    yes: int = 0
    if_need_be: int = 0
    no: int = 0


@dataclass(frozen=True)
class Column:
    """A person in the answer table; ``former`` once they have left the project."""

    user: User
    former: bool


@dataclass
class Table:
    """The answers as times × people; only people who have answered appear in it."""

    rows: list[Row]
    people: list[Column]
    notes: list[AnswerNote]
    # Members with no answer yet: a number only, so nobody is named and pressed.
    waiting: int
    member_ids: set[int]


def answer_table(meeting: Meeting, zones: Zones) -> Table:
    """Four queries, however many times and people."""
    options = list(meeting.options.all())
    answers = list(
        Answer.objects.filter(option__meeting=meeting)
        .select_related("user")
        .order_by("user__name", "user_id")
    )
    people: dict[int, User] = {}
    values: dict[tuple[int, int], str] = {}
    for answer in answers:
        people.setdefault(answer.user_id, answer.user)
        values[(answer.option_id, answer.user_id)] = answer.value
    rows = []
    for option in options:
        row = Row(option=option, label=zones.describe(option.starts_at, option.ends_at))
        for user_id in people:
            value = values.get((option.pk, user_id))
            row.cells.append(value)
            if value == Answer.Value.YES:
                row.yes += 1
            elif value == Answer.Value.IF_NEED_BE:
                row.if_need_be += 1
            elif value == Answer.Value.NO:
                row.no += 1
        rows.append(row)
    member_ids = set(
        Membership.objects.filter(project_id=meeting.project_id).values_list("user_id", flat=True)
    )
    # Members on a break are not waited for.
    waiting = (
        Membership.objects.filter(project_id=meeting.project_id)
        .taking_part()
        .exclude(user_id__in=list(people))
        .count()
    )
    notes = list(
        AnswerNote.objects.filter(meeting=meeting).select_related("user").order_by("user__name")
    )
    # Someone who has left the project still counts, but is no longer named.
    columns = [Column(user=user, former=user.pk not in member_ids) for user in people.values()]
    return Table(rows=rows, people=columns, notes=notes, waiting=waiting, member_ids=member_ids)


def own_answers(meeting: Meeting, user: User) -> dict[int, str]:
    return dict(
        Answer.objects.filter(option__meeting=meeting, user=user).values_list("option_id", "value")
    )


def own_note(meeting: Meeting, user: User) -> str:
    return (
        AnswerNote.objects.filter(meeting=meeting, user=user).values_list("text", flat=True).first()
        or ""
    )


def meetings_of(project: Project) -> QuerySet[Meeting]:
    """Each with its chosen time and how many times it offers, in one query."""
    return (
        Meeting.objects.filter(project=project)
        .select_related("chosen", "proposed_by")
        .annotate(option_count=Count("options", distinct=True))
    )


def meetings_grouped(project: Project) -> dict[str, list[Meeting]]:
    """Planned (finding a time), set (coming up, soonest first) and past (latest first)."""
    now = timezone.now()
    groups: dict[str, list[Meeting]] = {"planned": [], "set": [], "past": []}
    for meeting in meetings_of(project):
        if meeting.is_planned:
            groups["planned"].append(meeting)
        elif meeting.chosen.ends_at > now:
            groups["set"].append(meeting)
        else:
            groups["past"].append(meeting)
    groups["set"].sort(key=lambda m: m.chosen.starts_at)
    groups["past"].sort(key=lambda m: m.chosen.starts_at, reverse=True)
    return groups


def next_meeting(project: Project) -> Meeting | None:
    """The soonest meeting with a set time that hasn't ended yet. One query."""
    return (
        Meeting.objects.filter(project=project, chosen__ends_at__gt=timezone.now())
        .select_related("chosen")
        .order_by("chosen__starts_at", "pk")
        .first()
    )


@dataclass
class Coming:
    """Who said what about coming, for a meeting with a set time."""

    in_person: list[Attendance]
    online: list[Attendance]
    not_coming: list[Attendance]
    # Members who haven't said yet: a number only.
    waiting: int


def coming(meeting: Meeting) -> Coming:
    """Two queries, however many members."""
    rows = list(
        Attendance.objects.filter(meeting=meeting)
        .select_related("user")
        .order_by("user__name", "user_id")
    )
    said = [a.user_id for a in rows]
    waiting = (
        Membership.objects.filter(project_id=meeting.project_id)
        .taking_part()
        .exclude(user_id__in=said)
        .count()
    )
    by = {status: [a for a in rows if a.status == status] for status in Attendance.Status.values}
    return Coming(
        in_person=by[Attendance.Status.IN_PERSON],
        online=by[Attendance.Status.ONLINE],
        not_coming=by[Attendance.Status.NOT_COMING],
        waiting=waiting,
    )


def thoughts_for(meeting: Meeting) -> list[Thoughts]:
    return list(Thoughts.objects.filter(meeting=meeting).select_related("author"))


def anyone_answered(meeting: Meeting) -> QuerySet[User]:
    return User.objects.filter(Q(meeting_answers__option__meeting=meeting)).distinct()


# -- the agenda ---------------------------------------------------------------------


@dataclass
class AgendaView:
    """A meeting's agenda as pages show it: the items in order, and where the meeting is."""

    items: list[AgendaItem]
    version: int
    started: bool
    started_at: datetime | None
    current: AgendaItem | None
    next: AgendaItem | None
    previous: AgendaItem | None
    total_minutes: int


def agenda_of(meeting: Meeting) -> AgendaView:
    """Two queries, however many items: the agenda row and the items with what they link."""
    agenda = Agenda.objects.filter(meeting=meeting).first()
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("mark", "proposal", "suggested_by")
        .order_by("position")
    )
    current = previous = following = None
    if agenda is not None and agenda.current_id is not None:
        for index, item in enumerate(items):
            if item.pk == agenda.current_id:
                current = item
                previous = items[index - 1] if index > 0 else None
                following = items[index + 1] if index + 1 < len(items) else None
    return AgendaView(
        items=items,
        version=agenda.version if agenda else 0,
        started=bool(agenda and agenda.is_started),
        started_at=agenda.started_at if agenda else None,
        current=current,
        next=following,
        previous=previous,
        total_minutes=sum(item.minutes or 0 for item in items),
    )


def meeting_running(project: Project) -> Meeting | None:
    """The meeting a facilitator has started and not yet ended, the latest first. One query.

    One whose time ended more than half a day ago is over, even if nobody pressed "End".
    """
    over = timezone.now() - timedelta(hours=12)
    return (
        Meeting.objects.filter(
            project=project,
            agenda__started_at__isnull=False,
            ended_at=None,
            chosen__ends_at__gt=over,
        )
        .order_by("-agenda__started_at", "-pk")
        .first()
    )
