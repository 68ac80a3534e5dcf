"""Check-ins: the questions the group asks each other throughout, and what changes them."""

import hashlib
import hmac
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from projects.activity import record_activity
from projects.models import Project
from projects.on_behalf.services import activity_detail

from .models import AnonymousAnswerer, CheckIn, CheckInAnswer, CheckInResponse

# Below this many anonymous answers, closing a check-in hardly hides anyone: the page asks first.
FEW_ANSWERS = 3

# The tool's "at a minimum, ask each other throughout" questions, in plain words.
# The keys are stored with each answer, so never change or reuse one.
QUESTIONS: list[tuple[str, str]] = [
    (
        "planning",
        _(
            "Is every co-producer who wants to be part of planning and deciding, not only of sharing their experience?"
        ),
    ),
    ("voices", _("Whose voices do we hear most? Whose are missing, and what will we do about it?")),
    (
        "excluding",
        _("Do the ways we pay people, set meeting times or run the work leave anyone out?"),
    ),
    ("care", _("Are we looking after ourselves and each other? Does anyone need more support?")),
    ("direction", _("Is there anything where we should change direction or try another way?")),
    ("feedback", _("How can we collect feedback as we go, and use it?")),
    ("six_months", _("Six months after the work, what has changed and what has not?")),
    (
        "sharing",
        _(
            "How can we share and celebrate what we did, and help make co-production the usual way to work?"
        ),
    ),
]
QUESTION_KEYS = [key for key, _text in QUESTIONS]


class AlreadyOpen(Exception):
    """The project already has an open check-in; the group should answer that one."""

    def __init__(self, checkin: CheckIn):
        self.checkin = checkin


class Closed(Exception):
    """The check-in has closed, so it takes no more answers."""


class AnsweredAnonymously(Exception):
    """The person has already answered this check-in anonymously, which can't be changed."""


def answerer_key(checkin: CheckIn, member: User) -> str:
    """A keyed hash of the check-in and the person: the same for them each time, and
    unreadable without the site's secret key. It says that they answered, never what."""
    message = f"checkin-answerer:{checkin.pk}:{member.pk}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def answered_anonymously(checkin: CheckIn, member: User) -> bool:
    return AnonymousAnswerer.objects.filter(key=answerer_key(checkin, member)).exists()


def anonymous_count(checkin: CheckIn) -> int:
    return CheckInResponse.objects.filter(checkin=checkin, is_anonymous=True).count()


def checkins_of(project: Project) -> QuerySet[CheckIn]:
    """Newest first, each with how many answers it has, in one query."""
    return (
        CheckIn.objects.filter(project=project)
        .select_related("started_by", "closed_by")
        .annotate(answered=Count("responses"))
        .order_by("-started_at", "-pk")
    )


@transaction.atomic
def checkin_start(*, project: Project, actor: User) -> CheckIn:
    current = CheckIn.objects.filter(project=project, closed_at__isnull=True).first()
    if current is not None:
        raise AlreadyOpen(current)
    try:
        with transaction.atomic():
            checkin = CheckIn.objects.create(project=project, started_by=actor)
    except IntegrityError:
        raise AlreadyOpen(CheckIn.objects.get(project=project, closed_at__isnull=True)) from None
    record_activity(project=project, actor=actor, kind="checkin_started")
    return checkin


@transaction.atomic
def checkin_answer(
    *,
    checkin: CheckIn,
    member: User,
    answers: dict[str, str],
    anonymous: bool,
    added_by: User | None = None,
    given_via: str = "",
) -> CheckInResponse:
    """Save one member's answers: one set per person, named or anonymous.

    With ``added_by``, someone adds the member's answers for them, given ``given_via``
    (never anonymously); when the member saves their answers themselves, they are theirs.

    Named answers replace their earlier ones. Anonymous answers take the place of the
    person's named ones, if any, and then can't be changed or added to: nothing links
    them to the person, only a keyed hash says that the person has answered.
    """
    # Lock the check-in so nobody answers in the moment it closes.
    checkin = CheckIn.objects.select_for_update().get(pk=checkin.pk)
    if not checkin.is_open:
        raise Closed
    key = answerer_key(checkin, member)
    # Adding for someone never asks whether they answered anonymously: refusing would tell
    # the person adding that they had.
    if added_by is None and AnonymousAnswerer.objects.filter(key=key).exists():
        raise AnsweredAnonymously
    if added_by is not None:
        anonymous = False
    if anonymous:
        try:
            with transaction.atomic():
                AnonymousAnswerer.objects.create(key=key, checkin=checkin)
        except IntegrityError:
            # The same person's other tab got there first.
            raise AnsweredAnonymously from None
        CheckInResponse.objects.filter(checkin=checkin, author=member).delete()
        response = CheckInResponse.objects.create(checkin=checkin, author=None, is_anonymous=True)
    else:
        response, _created = CheckInResponse.objects.get_or_create(checkin=checkin, author=member)
        response.added_by = added_by
        response.given_via = given_via if added_by is not None else ""
        response.save(update_fields=["added_by", "given_via"])
        response.answers.all().delete()
    CheckInAnswer.objects.bulk_create(
        CheckInAnswer(response=response, question=key, text=answers[key])
        for key in QUESTION_KEYS
        if answers.get(key)
    )
    if added_by is not None:
        record_activity(
            project=checkin.project,
            actor=added_by,
            kind="checkin_answered_for",
            detail=activity_detail(member, given_via),
        )
        return response
    # Who answered anonymously is not recorded anywhere, not even in the activity.
    actor = None if anonymous else member
    record_activity(project=checkin.project, actor=actor, kind="checkin_answered")
    return response


@transaction.atomic
def checkin_close(*, checkin: CheckIn, actor: User) -> None:
    checkin = CheckIn.objects.select_for_update().get(pk=checkin.pk)
    if not checkin.is_open:
        raise Closed
    checkin.closed_at = timezone.now()
    checkin.closed_by = actor
    checkin.save(update_fields=["closed_at", "closed_by"])
    record_activity(project=checkin.project, actor=actor, kind="checkin_closed")


def own_answers(checkin: CheckIn, member: User) -> dict[str, str]:
    """A member's own named answers, by question key."""
    return dict(
        CheckInAnswer.objects.filter(
            response__checkin=checkin, response__author=member
        ).values_list("question", "text")
    )


@dataclass
class Shared:
    """One question with everyone's answers, for a closed check-in."""

    key: str
    text: str
    answers: list[CheckInAnswer] = field(default_factory=list)


def answers_by_question(checkin: CheckIn) -> list[Shared]:
    """All answers grouped by question, in one query however many there are."""
    groups = {key: Shared(key, text) for key, text in QUESTIONS}
    for answer in (
        CheckInAnswer.objects.filter(response__checkin=checkin)
        .with_set_aside()
        .select_related("response__author", "response__added_by")
        .order_by("response__created_at", "response__pk")
    ):
        if answer.question in groups:
            groups[answer.question].answers.append(answer)
    return list(groups.values())
