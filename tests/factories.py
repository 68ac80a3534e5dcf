"""Building the people, projects and project data that tests need.

Plain functions, no fixtures: ``tests/conftest.py`` turns the cast into fixtures,
and any test module calls these directly for a second project, a tenth member or a
mark with a history of agreed scores.
"""

import os
import socket
from datetime import timedelta
from urllib.parse import urlsplit

from django.utils import timezone

from accounts.models import User
from lake import services as lake_services
from marks import services as marks_services
from marks.models import Mark, Note, ScoringRound
from marks.scoring import services as scoring
from projects import services
from projects.models import Membership, Project
from projects.stages import Stage
from projects.taking_part import services as taking_part_services

PASSWORD = "a-long-test-password-1"


# -- people and projects -----------------------------------------------------


def make_user(name: str = "Alex", email: str | None = None, password: str = PASSWORD) -> User:
    email = email or f"{name.lower().replace(' ', '.')}@example.org"
    user = User.objects.create_user(email=email, password=password, name=name)
    user.emailaddress_set.create(email=email, verified=True, primary=True)
    return user


def make_project(facilitator: User, name: str = "Better drop-in", **fields) -> Project:
    return services.project_create(creator=facilitator, name=name, **fields)


def add_member(project: Project, user: User, role: str = Membership.Role.CO_PRODUCER) -> Membership:
    return Membership.objects.create(project=project, user=user, role=role)


# -- marks and notes ---------------------------------------------------------


def marks_of(project: Project, stage: str = Stage.PROCESS) -> list[Mark]:
    """The stage's marks in the order the stage page shows them."""
    return list(Mark.objects.filter(project=project, stage=stage).order_by("position", "pk"))


def make_mark(
    project: Project,
    author: User,
    stage: str = Stage.PROCESS,
    title: str = "Share the paperwork",
    explanation: str = "",
) -> Mark:
    return marks_services.mark_add(
        project=project, author=author, stage=stage, title=title, explanation=explanation
    )


def make_note(
    mark: Mark,
    author: User,
    kind: str = Note.Kind.LADDER,
    text: str = "A buddy for every new member.",
    anonymous: bool = False,
) -> Note:
    return marks_services.note_add(
        mark=mark, author=author, kind=kind, text=text, anonymous=anonymous
    )


# -- scoring -----------------------------------------------------------------


def agree(
    mark: Mark, actor: User, scores: list[tuple], value: int, note: str = "", days_ago: int = 0
) -> ScoringRound:
    """A whole round: open, each member scores, reveal, agree; dated days_ago."""
    r = scoring.round_open(mark=mark, actor=actor)
    for member, v in scores:
        scoring.score_set(scoring_round=r, member=member, value=v)
    scoring.round_reveal(scoring_round=r, actor=actor)
    scoring.round_agree(scoring_round=r, actor=actor, value=value, note=note)
    when = timezone.now() - timedelta(days=days_ago)
    ScoringRound.objects.filter(pk=r.pk).update(opened_at=when, revealed_at=when, closed_at=when)
    return r


# -- the lake ----------------------------------------------------------------


def make_postit(
    project: Project,
    author: User,
    text: str = "Meet somewhere with good buses.",
    place: str = Stage.PLANNING.value,
    colour: str = "yellow",
    **fields,
):
    return lake_services.postit_add(
        project=project, author=author, text=text, place=place, colour=colour, **fields
    )


# -- meetings ----------------------------------------------------------------


def make_set_meeting(
    project: Project, facilitator: User, title: str = "Our monthly meeting", days: int = 7
):
    """A meeting with two possible times, the first chosen (so it can start and end)."""
    from meetings import services as meeting_services

    start = (timezone.now() + timedelta(days=days)).replace(microsecond=0)
    meeting = meeting_services.meeting_propose(
        project=project,
        proposer=facilitator,
        title=title,
        times=[
            (start, start + timedelta(hours=2)),
            (start + timedelta(days=1), start + timedelta(days=1, hours=2)),
        ],
    )
    return meeting_services.meeting_choose(
        meeting=meeting, option=meeting.options.first(), actor=facilitator
    )


def add_agenda_item(meeting, member: User, kind: str = "other", **fields):
    """An agenda item at the end of the meeting's agenda; "other" gets plain words."""
    from meetings import services as meeting_services

    if kind == "other":
        fields.setdefault("text", "Any other business")
    return meeting_services.agenda_suggest(meeting=meeting, member=member, kind=kind, **fields)


# -- words given another way (projects/on_behalf) ----------------------------


def allow_words_on_behalf(project: Project, user: User, allowed: bool = True) -> None:
    """The person says, on their "what helps me take part" page, that others may add for them."""
    taking_part_services.taking_part_save(
        membership=Membership.objects.get(project=project, user=user),
        needs=set(),
        other_needs="",
        ways={"by_phone"},
        words_on_behalf=allowed,
        visibility="facilitators",
    )


# -- services the tests can use when they run ---------------------------------


def redis_address() -> str | None:
    """CACHE_URL if it names Redis, or a Redis (or Valkey) on 127.0.0.1:6379; None if the
    server or the redis package is missing."""
    url = os.environ.get("CACHE_URL") or "redis://127.0.0.1:6379/15"
    if not url.startswith("redis://"):
        return None
    try:
        import redis  # noqa: F401
    except ImportError:
        return None
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname, parts.port or 6379), timeout=1).close()
    except OSError:
        return None
    return url
