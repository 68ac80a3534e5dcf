"""Every change to a meeting: proposing, answering, choosing, where and how, coming or not.

Each is keyword-only and atomic, and tells the project (``record_activity``), so the live
pages that poll its revision see the change.
"""

from datetime import datetime
from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from projects.activity import record_activity
from projects.models import Project

from .emails import send_check_out, send_meeting_changed, send_meeting_chosen
from .models import (
    AGENDA_MAX_ITEMS,
    MAX_OPTIONS,
    MIN_OPTIONS,
    Agenda,
    AgendaItem,
    Answer,
    AnswerNote,
    Attendance,
    EmailChoice,
    Meeting,
    MeetingOption,
    Thoughts,
)

# The fields of "where and how": changing any of them is news for a calendar.
PLACE_FIELDS = [
    "in_person",
    "online",
    "address",
    "directions",
    "step_free",
    "accessible_toilet",
    "hearing_loop",
    "quiet_room",
    "food_and_drink",
    "arrival_contact",
    "link",
    "phone_join",
    "cameras_optional",
    "what_to_expect",
]


class NotOpen(Exception):
    """The meeting's time is already chosen, so its times take no more answers."""


class NotSet(Exception):
    """The meeting's time is not chosen yet, so nobody can say whether they are coming."""


class AlreadyEnded(Exception):
    """Someone else ended the meeting first."""


@transaction.atomic
def meeting_propose(
    *,
    project: Project,
    proposer: User,
    title: str,
    note: str = "",
    times: list[tuple[datetime, datetime]],
) -> Meeting:
    """A new meeting with its possible times (aware datetimes; stored in UTC)."""
    if not MIN_OPTIONS <= len(times) <= MAX_OPTIONS:
        raise ValueError(f"A meeting needs {MIN_OPTIONS} to {MAX_OPTIONS} possible times.")
    meeting = Meeting.objects.create(project=project, proposed_by=proposer, title=title, note=note)
    MeetingOption.objects.bulk_create(
        MeetingOption(meeting=meeting, starts_at=start, ends_at=end) for start, end in sorted(times)
    )
    record_activity(project=project, actor=proposer, kind="meeting_proposed", detail=title)
    return meeting


@transaction.atomic
def meeting_answer(
    *, meeting: Meeting, member: User, answers: dict[int, str], note: str | None = None
) -> None:
    """Save a member's answers: ``answers`` maps option ids to values; others stay as they were.

    Two tabs sending at once each lock the meeting in turn, so the later one wins and the
    unique row per person and time is updated, never doubled. A ``note`` of "" removes it.
    """
    # Locked, so a facilitator choosing the time at this moment waits or goes first.
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not meeting.is_planned:
        raise NotOpen
    option_ids = set(meeting.options.values_list("pk", flat=True))
    now = timezone.now()
    for option_id, value in answers.items():
        if option_id not in option_ids:
            continue
        _upsert(
            Answer,
            {"option_id": option_id, "user": member},
            {"value": value, "answered_at": now},
        )
    if note is not None:
        if note:
            _upsert(AnswerNote, {"meeting": meeting, "user": member}, {"text": note})
        else:
            AnswerNote.objects.filter(meeting=meeting, user=member).delete()
    record_activity(project=meeting.project, actor=member, kind="meeting_answered")


def _upsert(model, keys: dict, values: dict) -> None:
    """Update the one row for ``keys``, or make it; a row made at the same moment is updated."""
    if model.objects.filter(**keys).update(**values):
        return
    try:
        with transaction.atomic():
            model.objects.create(**keys, **values)
    except IntegrityError:
        model.objects.filter(**keys).update(**values)


@transaction.atomic
def meeting_choose(*, meeting: Meeting, option: MeetingOption, actor: User) -> Meeting:
    """Set the meeting's time, and tell everyone who answered once that is saved."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not meeting.is_planned:
        raise NotOpen
    if option.meeting_id != meeting.pk:
        raise ValueError("That time belongs to another meeting.")
    now = timezone.now()
    Meeting.objects.filter(pk=meeting.pk).update(
        chosen=option, chosen_by=actor, chosen_at=now, sequence=F("sequence") + 1, updated_at=now
    )
    meeting.refresh_from_db()
    record_activity(
        project=meeting.project, actor=actor, kind="meeting_chosen", detail=meeting.title
    )
    # After commit, so a background worker never finds the time still unchosen.
    transaction.on_commit(partial(send_meeting_chosen.enqueue, meeting_id=meeting.pk))
    return meeting


@transaction.atomic
def meeting_end(*, meeting: Meeting, actor: User) -> Meeting:
    """End the meeting once: a second press, or a second facilitator, changes nothing."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_planned:
        raise NotSet
    if meeting.has_ended:
        raise AlreadyEnded
    meeting.ended_at = timezone.now()
    meeting.ended_by = actor
    meeting.save(update_fields=["ended_at", "ended_by"])
    record_activity(
        project=meeting.project, actor=actor, kind="meeting_ended", detail=meeting.title
    )
    # After commit: the gentle check-out goes to those who came and chose email.
    transaction.on_commit(partial(send_check_out.enqueue, meeting_id=meeting.pk))
    return meeting


@transaction.atomic
def meeting_set_place(*, meeting: Meeting, actor: User, **values) -> bool:
    """Save where and how; returns whether anything changed (and the sequence went up)."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    changed = [
        name for name in PLACE_FIELDS if name in values and getattr(meeting, name) != values[name]
    ]
    if not changed:
        return False
    for name in changed:
        setattr(meeting, name, values[name])
    meeting.sequence += 1
    meeting.updated_at = timezone.now()
    meeting.save(update_fields=[*changed, "sequence", "updated_at"])
    record_activity(
        project=meeting.project, actor=actor, kind="meeting_changed", detail=meeting.title
    )
    # A meeting whose time is set tells people what changed, once for this change.
    if not meeting.is_planned and not meeting.has_ended:
        transaction.on_commit(
            partial(
                send_meeting_changed.enqueue,
                meeting_id=meeting.pk,
                sequence=meeting.sequence,
                changed=changed,
            )
        )
    return True


@transaction.atomic
def attendance_set(*, meeting: Meeting, member: User, status: str) -> Attendance:
    """One attendance row per member and meeting; the latest choice wins."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_planned:
        raise NotSet
    _upsert(
        Attendance,
        {"meeting": meeting, "user": member},
        {"status": status, "updated_at": timezone.now()},
    )
    record_activity(project=meeting.project, actor=member, kind="meeting_attendance")
    return Attendance.objects.get(meeting=meeting, user=member)


@transaction.atomic
def thoughts_add(*, meeting: Meeting, author: User, text: str, anonymous: bool) -> Thoughts:
    """Thoughts for the meeting, under the member's name or with no name kept at all."""
    thoughts = Thoughts.objects.create(
        meeting=meeting,
        author=None if anonymous else author,
        is_anonymous=anonymous,
        text=text,
    )
    # Who wrote anonymously is not recorded anywhere, not even in the activity.
    record_activity(
        project=meeting.project, actor=None if anonymous else author, kind="meeting_thoughts"
    )
    return thoughts


def email_choice_set(*, project: Project, user: User, email: bool) -> None:
    """A member's own choice about meeting emails: it changes nothing others see."""
    _upsert(EmailChoice, {"project": project, "user": user}, {"email": email})


# -- the agenda ---------------------------------------------------------------------
# Every change to the order locks the agenda row first, so two facilitators ordering at once
# take turns; the version sent with each form tells an order made from an older page.


class StaleOrder(Exception):
    """The agenda changed since the form was drawn: nothing was moved."""


class CannotMove(Exception):
    """The item can't go there (already first or last, or past the end of the meeting)."""


class TooManyItems(Exception):
    """The agenda already holds as many items as a meeting can get through."""


def _locked_agenda(meeting: Meeting) -> Agenda:
    Agenda.objects.get_or_create(meeting=meeting)
    return Agenda.objects.select_for_update().get(meeting=meeting)


def _check_version(agenda: Agenda, version: int | None) -> None:
    if version is not None and version != agenda.version:
        raise StaleOrder


def _renumber(agenda: Agenda, items: list[AgendaItem]) -> None:
    """Give ``items`` the places 1, 2, 3 ... in this order, never two on one place.

    Each moves out of the way first (past every place in use), then into its new place,
    so the unique place per item holds at every step.
    """
    if not items:
        return
    top = max(item.position for item in items) + len(items) + 1
    for offset, item in enumerate(items):
        item.position = top + offset
    AgendaItem.objects.bulk_update(items, ["position"])
    for number, item in enumerate(items, start=1):
        item.position = number
    AgendaItem.objects.bulk_update(items, ["position"])
    agenda.version += 1
    agenda.save(update_fields=["version"])


@transaction.atomic
def agenda_suggest(
    *,
    meeting: Meeting,
    member: User,
    kind: str,
    text: str = "",
    minutes: int | None = None,
    mark=None,
    proposal=None,
) -> AgendaItem:
    """Any member adds an item at the end; a facilitator puts it in its place later."""
    agenda = _locked_agenda(meeting)
    last = meeting.agenda_items.order_by("-position").values_list("position", flat=True).first()
    if (last or 0) >= AGENDA_MAX_ITEMS:
        raise TooManyItems
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=(last or 0) + 1,
        kind=kind,
        text=text,
        minutes=minutes,
        mark=mark,
        proposal=proposal,
        suggested_by=member,
    )
    agenda.version += 1
    agenda.save(update_fields=["version"])
    record_activity(
        project=meeting.project, actor=member, kind="agenda_suggested", detail=meeting.title
    )
    return item


@transaction.atomic
def agenda_move(*, item: AgendaItem, actor: User, to: int, version: int | None) -> AgendaItem:
    """Put an item at place ``to`` (1 is first); the others close up around it."""
    agenda = _locked_agenda(item.meeting)
    _check_version(agenda, version)
    items = list(AgendaItem.objects.filter(meeting_id=item.meeting_id).order_by("position"))
    moving = next((i for i in items if i.pk == item.pk), None)
    if moving is None:
        raise StaleOrder
    if not 1 <= to <= len(items):
        raise CannotMove
    if moving.position == to:
        return moving
    items.remove(moving)
    items.insert(to - 1, moving)
    _renumber(agenda, items)
    record_activity(
        project=item.meeting.project, actor=actor, kind="agenda_ordered", detail=item.meeting.title
    )
    return moving


@transaction.atomic
def agenda_remove(*, item: AgendaItem, actor: User, version: int | None) -> None:
    """Take an item off; if the meeting is on it, the screen moves to the one after."""
    agenda = _locked_agenda(item.meeting)
    _check_version(agenda, version)
    items = list(AgendaItem.objects.filter(meeting_id=item.meeting_id).order_by("position"))
    gone = next((i for i in items if i.pk == item.pk), None)
    if gone is None:
        raise StaleOrder
    index = items.index(gone)
    items.remove(gone)
    if agenda.current_id == gone.pk:
        agenda.current = items[index] if index < len(items) else (items[-1] if items else None)
        agenda.save(update_fields=["current"])
    gone.delete()
    _renumber(agenda, items)
    if not items:
        agenda.version += 1
        agenda.save(update_fields=["version"])
    record_activity(
        project=item.meeting.project, actor=actor, kind="agenda_ordered", detail=item.meeting.title
    )


@transaction.atomic
def agenda_step(*, meeting: Meeting, actor: User, step: str, current: int | None = None) -> Agenda:
    """Start the meeting on its first item, or move to the next or the previous one.

    ``current`` is the item the facilitator saw: if the meeting has moved on since (a second
    press, another facilitator), nothing moves, so nobody skips an item by accident.
    """
    agenda = _locked_agenda(meeting)
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position"))
    if not items:
        raise CannotMove
    if step == "start":
        if agenda.is_started:
            raise StaleOrder
        agenda.started_at = timezone.now()
        agenda.current = items[0]
        agenda.save(update_fields=["started_at", "current"])
    else:
        if not agenda.is_started or current != agenda.current_id:
            raise StaleOrder
        index = next((n for n, i in enumerate(items) if i.pk == agenda.current_id), 0)
        index += 1 if step == "next" else -1
        if not 0 <= index < len(items):
            raise CannotMove
        agenda.current = items[index]
        agenda.save(update_fields=["current"])
    record_activity(project=meeting.project, actor=actor, kind="agenda_moved", detail=meeting.title)
    return agenda
