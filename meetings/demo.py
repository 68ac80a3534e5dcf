"""Demo content for meetings: one past meeting with who came, one still finding a time,
and the agendas of both.

Listed in ``sharing.demo.PARTS``; runs on the demo project with the cast by name.
"""

from datetime import time, timedelta

from django.utils import timezone

from projects.models import Project

from . import services
from .models import MeetingOption
from .times import aware


def _local(days: int, hour: int, project: Project):
    day = (timezone.now() + timedelta(days=days)).date()
    start = aware(day, time(hour, 0), project.time_zone)
    return start, start + timedelta(hours=2)


def extend(project: Project, users: dict) -> None:
    sam, amina, jo, priya = (users[n] for n in ("Sam", "Amina", "Jo", "Priya"))

    # Last month's meeting: its time was found, three came, Priya sent her thoughts.
    past = services.meeting_propose(
        project=project,
        proposer=sam,
        title="Looking at the welcome desk",
        note="We'll walk through a first visit together.",
        times=[_local(7, 10, project), _local(8, 18, project)],
    )
    for member, values in [
        (sam, ["yes", "yes"]),
        (amina, ["no", "yes"]),
        (jo, ["if_need_be", "yes"]),
        (priya, ["no", "no"]),
    ]:
        services.meeting_answer(
            meeting=past,
            member=member,
            answers=dict(zip(past.options.values_list("pk", flat=True), values, strict=True)),
        )
    services.meeting_set_place(
        meeting=past,
        actor=sam,
        in_person=True,
        online=True,
        address="The drop-in, 12 Station Road",
        directions="Buses 5 and 17 stop outside. Two parking spaces for blue badge holders at the back.",
        step_free="yes",
        accessible_toilet="yes",
        hearing_loop="no",
        quiet_room="yes",
        food_and_drink="Tea, coffee and sandwiches. Tell Sam what you can't eat.",
        arrival_contact="Sam on 07700 900123",
        link="https://meet.example.org/drop-in",
        phone_join="Call 020 7946 0000 and enter 4321.",
        cameras_optional="yes",
        what_to_expect="About two hours with a break in the middle. Nobody has to speak.",
    )
    evening = past.options.order_by("starts_at")[1]
    services.meeting_choose(meeting=past, option=evening, actor=sam)
    for member, status in [
        (sam, "in_person"),
        (amina, "in_person"),
        (jo, "online"),
        (priya, "not_coming"),
    ]:
        services.attendance_set(meeting=past, member=member, status=status)
    services.thoughts_add(
        meeting=past,
        author=priya,
        text="I can't make evenings this month. The sign by the door is hard to read from the street.",
        anonymous=False,
    )
    # Moved into the past: it happened about a month ago.
    shift = timedelta(days=38)
    for option in MeetingOption.objects.filter(meeting=past):
        MeetingOption.objects.filter(pk=option.pk).update(
            starts_at=option.starts_at - shift, ends_at=option.ends_at - shift
        )

    # The next meeting, still finding a time: half the group has answered.
    planned = services.meeting_propose(
        project=project,
        proposer=amina,
        title="Planning the summer open day",
        note="Bring ideas for stalls and who we'd like to invite.",
        times=[_local(12, 10, project), _local(13, 14, project), _local(15, 18, project)],
    )
    ids = list(planned.options.values_list("pk", flat=True))
    services.meeting_answer(
        meeting=planned,
        member=amina,
        answers=dict(zip(ids, ["yes", "if_need_be", "yes"], strict=True)),
    )
    services.meeting_answer(
        meeting=planned,
        member=sam,
        answers=dict(zip(ids, ["no", "yes", "yes"], strict=True)),
        note="I need to leave by 3 for school pick-up.",
    )


# -- agendas ------------------------------------------------------------------------


def extend_agendas(project: Project, users: dict) -> None:
    """The past meeting's agenda, run through to its last item; the planned one's so far."""
    from decisions.models import Proposal
    from marks.models import Mark

    from .models import Meeting

    sam, amina, jo, priya = (users[n] for n in ("Sam", "Amina", "Jo", "Priya"))
    past = Meeting.objects.get(project=project, title="Looking at the welcome desk")
    planned = Meeting.objects.get(project=project, title="Planning the summer open day")
    mark = Mark.objects.filter(project=project, hidden=False).order_by("stage", "position").first()
    items = [
        services.agenda_suggest(
            meeting=past,
            member=sam,
            kind="checkin",
            text="How are you arriving today, in a word or two?",
            minutes=10,
        ),
        services.agenda_suggest(meeting=past, member=amina, kind="mark", mark=mark, minutes=30),
        services.agenda_suggest(meeting=past, member=sam, kind="break", minutes=15),
        services.agenda_suggest(meeting=past, member=jo, kind="lake", minutes=5),
        services.agenda_suggest(
            meeting=past, member=priya, kind="other", text="The sign by the door", minutes=20
        ),
    ]
    services.agenda_step(meeting=past, actor=sam, step="start")
    for item in items[:-1]:
        services.agenda_step(meeting=past, actor=sam, step="next", current=item.pk)

    services.agenda_suggest(
        meeting=planned,
        member=amina,
        kind="icebreaker",
        text="Three words: say three words about how your week has been. Pass if you like.",
        minutes=5,
    )
    services.agenda_suggest(
        meeting=planned, member=amina, kind="other", text="Ideas for stalls", minutes=40
    )
    proposal = Proposal.objects.filter(project=project, closed_at=None).first()
    if proposal is not None:
        services.agenda_suggest(meeting=planned, member=sam, kind="proposal", proposal=proposal)
    services.agenda_suggest(meeting=planned, member=jo, kind="lake", minutes=5)
