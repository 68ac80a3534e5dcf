"""Demo content for marks: a group that has reworded, hidden and added marks, and written notes.

Listed in ``sharing.demo.PARTS``, which ``manage.py demo`` runs on its demo project.
"""

from datetime import timedelta

from django.utils import timezone

from projects.answers.models import Reply
from projects.answers.services import answer_set
from projects.models import Project
from projects.on_behalf.models import Via
from projects.stages import Stage

from . import services
from .answers import NOTE
from .models import Mark, Note, ScoringRound
from .scoring import services as scoring


def _first(project: Project, stage: Stage, offset: int = 0) -> Mark | None:
    marks = list(Mark.objects.filter(project=project, stage=stage).order_by("position", "pk"))
    return marks[offset] if len(marks) > offset else None


def extend(project: Project, users: dict) -> None:
    sam, amina, jo, priya = (users[n] for n in ("Sam", "Amina", "Jo", "Priya"))
    # The demo shows anonymous notes, so the group allows them.
    if not project.allow_anonymous:
        project.allow_anonymous = True
        project.save(update_fields=["allow_anonymous"])

    own = services.mark_add(
        project=project,
        author=jo,
        stage=Stage.PROCESS,
        title="Make every meeting easy to get to",
        explanation=(
            "Meet somewhere on a bus route, at a time that works for people with caring "
            "duties, and offer a phone line for anyone who can't come in person."
        ),
    )

    reworded = _first(project, Stage.PLANNING)
    if reworded is not None and reworded.pk != own.pk:
        services.mark_reword(
            mark=reworded,
            editor=amina,
            base_version=reworded.version,
            title="Starting well: bringing our group together as equals",
            explanation=reworded.explanation,
        )

    hidden = _first(project, Stage.REVIEW, offset=1) or _first(project, Stage.REVIEW)
    if hidden is not None:
        services.mark_set_hidden(mark=hidden, actor=sam, hidden=True)

    notes = [
        (
            reworded,
            amina,
            Note.Kind.MEANING,
            "That nobody walks into the first meeting alone.",
            False,
        ),
        (reworded, jo, Note.Kind.LADDER, "Priya's welcome pack with photos of the room.", False),
        (reworded, None, Note.Kind.SNAKE, "Some of us felt talked down to last time.", True),
        (own, priya, Note.Kind.LADDER, "Bus fares paid on the day, in cash.", False),
        (own, sam, Note.Kind.SNAKE, "The room we booked has steps at the door.", False),
        (
            _first(project, Stage.PROCESS),
            priya,
            Note.Kind.MEANING,
            "Everyone gets a turn before anyone speaks twice.",
            False,
        ),
        (_first(project, Stage.COMPLETING), jo, Note.Kind.LADDER, "A thank-you lunch.", False),
    ]
    for mark, author, kind, text, anonymous in notes:
        if mark is None:
            continue
        services.note_add(mark=mark, author=author or jo, kind=kind, text=text, anonymous=anonymous)

    # Amina said others may add her words: she told Sam this one in a one-to-one.
    process_mark = _first(project, Stage.PROCESS)
    if process_mark is not None:
        services.note_add(
            mark=process_mark,
            author=amina,
            kind=Note.Kind.LADDER,
            text="A quiet room to go to when the meeting gets too much.",
            added_by=sam,
            given_via=Via.ONE_TO_ONE,
        )

    # One note changed by its author, so the demo shows a note's earlier wording.
    ladder = Note.objects.filter(mark__project=project, author=priya, kind=Note.Kind.LADDER).first()
    if ladder is not None:
        services.note_edit(
            note=ladder,
            base_version=ladder.version,
            text="Bus fares paid on the day, in cash, with no forms to fill in.",
        )

    _scoring_rounds(project, users)
    _actions(project, users)
    _answers(project, users)


def _answers(project: Project, users: dict) -> None:
    """Sam answers two notes (one taken forward with an action, one "not this time"); the
    others have no answer yet."""
    sam = users["Sam"]
    forward = Note.objects.filter(mark__project=project, text__startswith="Bus fares").first()
    if forward is not None:
        answer_set(
            project=project,
            kind=NOTE,
            item=forward,
            actor=sam,
            answer=Reply.FORWARD,
            reason="We'll ask the council for a petty cash float.",
            base_version=forward.answer_version,
            action_text="Ask the council for a petty cash float for bus fares.",
        )
    not_now = Note.objects.filter(mark__project=project, text="A thank-you lunch.").first()
    if not_now is not None:
        answer_set(
            project=project,
            kind=NOTE,
            item=not_now,
            actor=sam,
            answer=Reply.NOT_NOW,
            reason="There is no money left for food this year. Could we bring a dish each?",
            base_version=not_now.answer_version,
        )


def _scoring_rounds(project: Project, users: dict) -> None:
    """Agreed scores over several months on a few marks, and one round still open."""
    sam, amina, jo, priya = (users[n] for n in ("Sam", "Amina", "Jo", "Priya"))
    facilitator = project.memberships.filter(role="facilitator").first()
    runner = facilitator.user if facilitator else sam
    people = [sam, amina, jo, priya]
    now = timezone.now()
    history = [
        # (mark, [(days ago, each person's score, agreed score, why)])
        (
            _first(project, Stage.PLANNING),
            [
                (150, [2, 4, 3, 3], 3, "Most of us had only met once."),
                (90, [3, 5, 4, None], 4, "We hadn't met everyone yet."),
                (45, [6, 7, 5, 6], 6, "The welcome pack helped; some still feel new."),
                (10, [8, 7, 8, 9], 8, "Everyone came to the last two meetings."),
            ],
        ),
        (
            _first(project, Stage.PROCESS),
            [
                (60, [2, 8, 5, 3], 4, "We disagreed a lot: the loudest voices took over."),
                (20, [6, 6, 7, 5], 6, "Taking turns is working, most of the time."),
            ],
        ),
        (
            _first(project, Stage.PROCESS, offset=1),
            [(30, [5, 5, 6, 4], 5, "Training is planned but hasn't started.")],
        ),
        (
            _first(project, Stage.PLANNING, offset=1),
            [
                (120, [5, 6, 5, 6], 6, "We wrote our aims together."),
                (40, [5, 4, 6, 5], 5, "We drifted from the aims over the summer."),
            ],
        ),
        (
            _first(project, Stage.REVIEW),
            [(15, [7, 8, 6, 7], 7, "We look back together after every meeting.")],
        ),
    ]
    for mark, rounds in history:
        if mark is None:
            continue
        for days, values, agreed, why in rounds:
            when = now - timedelta(days=days)
            r = scoring.round_open(mark=mark, actor=runner)
            for person, value in zip(people, values, strict=True):
                scoring.score_set(scoring_round=r, member=person, value=value)
            scoring.round_reveal(scoring_round=r, actor=runner)
            scoring.round_agree(scoring_round=r, actor=runner, value=agreed, note=why)
            ScoringRound.objects.filter(pk=r.pk).update(
                opened_at=when, revealed_at=when, closed_at=when + timedelta(hours=1)
            )
    # Left open after a meeting, for the people who couldn't come.
    waiting = _first(project, Stage.COMPLETING)
    if waiting is not None:
        r = scoring.round_open(mark=waiting, actor=runner)
        scoring.score_set(scoring_round=r, member=jo, value=6)
        # Amina gave Sam her score on the phone.
        scoring.score_set(scoring_round=r, member=amina, value=7, added_by=sam, given_via=Via.PHONE)


def _actions(project: Project, users: dict) -> None:
    """An action plan in several states, some about a mark and one about the whole project."""
    from .actions import services as review
    from .models import Action

    sam, amina, jo, priya = (users[n] for n in ("Sam", "Amina", "Jo", "Priya"))
    today = timezone.localdate()
    plan = [
        (
            _first(project, Stage.PLANNING),
            sam,
            "Send the welcome pack to anyone who joins late.",
            Action.Kind.FORWARD,
            [amina],
            False,
            today + timedelta(days=14),
            Action.Status.DOING,
        ),
        (
            _first(project, Stage.PROCESS),
            priya,
            "Stop going round the table in the same order.",
            Action.Kind.DIFFERENTLY,
            [],
            True,
            None,
            Action.Status.DONE,
        ),
        (
            _first(project, Stage.PROCESS, offset=1),
            jo,
            "Ask the council about paid training.",
            Action.Kind.FORWARD,
            [jo, priya],
            False,
            today + timedelta(days=30),
            Action.Status.TODO,
        ),
        (
            None,
            amina,
            "Drop the long written reports: share a short video instead.",
            Action.Kind.DROP,
            [sam],
            False,
            today - timedelta(days=5),
            Action.Status.DROPPED,
        ),
    ]
    for mark, actor, text, kind, owners, everyone, due, status in plan:
        review.action_add(
            project=project,
            actor=actor,
            text=text,
            kind=kind,
            owners=owners,
            everyone=everyone,
            due=due,
            status=status,
            mark=mark,
        )
