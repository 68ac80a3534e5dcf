"""What the pages after a meeting show: read here, so the meeting page's part, the check-out
page and the project home panel read it the same way. Each costs a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from accounts.timezones import zone
from lake.models import PostIt
from marks.models import ScoringRound
from projects.models import Membership

from ..models import Attendance, CheckOut, Meeting, MeetingNotes, SupportContact
from .forms import CheckOutForm
from .services import CAME

# How long after a meeting the project home still offers its check-out.
HOME_DAYS = 7


def support_contacts(project_id: int) -> list[SupportContact]:
    return list(SupportContact.objects.filter(project_id=project_id))


def own_check_out(meeting: Meeting, user: User) -> CheckOut | None:
    return CheckOut.objects.filter(meeting=meeting, user=user).first()


def check_out_form(mine: CheckOut | None, data=None) -> CheckOutForm:
    initial = None
    if mine is not None:
        initial = {"feeling": mine.feeling, "words": mine.words, "share_name": mine.share_name}
    return CheckOutForm(data, initial=initial, prefix="checkout")


@dataclass
class TalkSummary:
    """All a facilitator learns from the check-outs: how many asked to talk, and who chose
    to give their name. Never anyone's words or other answers."""

    asked: int = 0
    named: list[str] = field(default_factory=list)


def talk_summary(meeting: Meeting) -> TalkSummary:
    """One query."""
    rows = list(
        CheckOut.objects.filter(meeting=meeting, feeling=CheckOut.Feeling.TALK)
        .select_related("user")
        .order_by("user__name", "user_id")
    )
    return TalkSummary(
        asked=len(rows), named=[str(c.user.display_name) for c in rows if c.share_name]
    )


def day_window(meeting: Meeting) -> tuple[datetime, datetime]:
    """The meeting's day in the project's zone, from midnight to midnight, stretched to take
    in the moment it was ended."""
    tz = zone(meeting.project.time_zone)

    def midnight(moment: datetime) -> datetime:
        return datetime.combine(moment.astimezone(tz).date(), time(0, 0), tzinfo=tz)

    start = midnight(meeting.chosen.starts_at)
    end = start + timedelta(days=1)
    if meeting.ended_at:
        # Ended on another day than planned (early, or late in the evening): that day counts.
        start = min(start, midnight(meeting.ended_at))
        end = max(end, meeting.ended_at)
    return start, end


@dataclass
class Record:
    came: list[Attendance]
    notes: MeetingNotes | None
    marks: list
    postits: list[PostIt]


def record(meeting: Meeting) -> Record:
    """Four queries, however many came, scored or wrote."""
    came = list(
        Attendance.objects.filter(meeting=meeting, status__in=CAME)
        .select_related("user")
        .order_by("user__name", "user_id")
    )
    notes = MeetingNotes.objects.filter(meeting=meeting).select_related("created_by").first()
    marks, postits = [], []
    if meeting.has_ended:
        start, end = day_window(meeting)
        rounds = (
            ScoringRound.objects.filter(mark__project_id=meeting.project_id, mark__hidden=False)
            .filter(Q(revealed_at__range=(start, end)) | Q(closed_at__range=(start, end)))
            .select_related("mark")
            .order_by("mark__stage", "mark__position", "mark_id", "pk")
        )
        seen = set()
        for r in rounds:
            if r.mark_id not in seen:
                seen.add(r.mark_id)
                marks.append(r.mark)
        postits = list(
            PostIt.objects.filter(
                project_id=meeting.project_id,
                created_at__range=(start, end),
                deleted_at__isnull=True,
            ).order_by("created_at", "pk")
        )
    return Record(came=came, notes=notes, marks=marks, postits=postits)


def meeting_part(meeting: Meeting, user: User, membership: Membership) -> dict:
    """What the meeting page shows after its time is set: the record, and once the meeting
    has ended, the person's own check-out (if they came), the support contacts and, for a
    facilitator, the talk summary."""
    if meeting.is_planned:
        return {"shown": False}
    ctx = {"shown": True, "record": record(meeting)}
    if meeting.has_ended:
        came_ids = {a.user_id for a in ctx["record"].came}
        ctx["came"] = user.pk in came_ids
        ctx["contacts"] = support_contacts(meeting.project_id)
        if ctx["came"]:
            mine = own_check_out(meeting, user)
            ctx["mine"] = mine
            ctx["check_out_form"] = check_out_form(mine)
        if membership.is_facilitator:
            ctx["talk"] = talk_summary(meeting)
    return ctx


def waiting_check_out(project_id: int, user: User) -> Meeting | None:
    """The latest meeting of the last week that the person came to and hasn't answered."""
    since = timezone.now() - timedelta(days=HOME_DAYS)
    answered = CheckOut.objects.filter(user=user).values("meeting_id")
    return (
        Meeting.objects.filter(
            project_id=project_id,
            ended_at__gte=since,
            attendances__user=user,
            attendances__status__in=CAME,
        )
        .exclude(pk__in=answered)
        .order_by("-ended_at", "-pk")
        .first()
    )
