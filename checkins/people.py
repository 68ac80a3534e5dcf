"""What check-ins hold about one person, and how they let go of someone deleting their account."""

from django.urls import reverse
from django.utils.translation import gettext

from accounts.models import User
from projects.on_behalf.services import trace
from projects.parts import Blocker

from .models import AnonymousAnswerer, CheckIn, CheckInAnswer, CheckInResponse
from .services import QUESTIONS, answerer_key

QUESTION_LABELS = dict(QUESTIONS)


def _when(moment) -> str | None:
    return moment.isoformat() if moment else None


def personal_data(user: User) -> dict:
    """The person's named answers, in one query however many there are."""
    answers = CheckInAnswer.objects.filter(response__author=user).select_related(
        "response__checkin__project", "response__added_by"
    )
    return {
        "check_in_answers": [
            {
                "project": a.response.checkin.project.name,
                "check_in_started": _when(a.response.checkin.started_at),
                "question": str(QUESTION_LABELS.get(a.question, a.question)),
                "answer": a.text,
                **trace(a.response),
            }
            for a in answers
        ],
    }


def words_added_for(user: User) -> list[dict]:
    """Check-in answers someone else added for the person, in one query however many."""
    responses = (
        CheckInResponse.objects.filter(author=user)
        .exclude(given_via="")
        .select_related("checkin__project", "added_by")
        .prefetch_related("answers")
    )
    return [
        {
            "what": gettext("Your answers to a check-in"),
            "project": r.checkin.project.name,
            "text": "\n".join(a.text for a in r.answers.all()),
            "given": r.given_line(),
            "when": r.created_at,
            "url": reverse("checkins:checkin", args=[r.checkin.project_id, r.checkin_id]),
            "action": (
                gettext("Change them on the check-in’s page")
                if r.checkin.is_open
                else gettext("Read them on the check-in’s page")
            ),
        }
        for r in responses
    ]


def blockers(user: User) -> list[Blocker]:
    """Nothing in check-ins needs a choice first."""
    return []


def forget(user: User, remove: bool) -> None:
    """With ``remove``, delete the person's named answers; the check-ins themselves stay.

    Anonymous answers store no author, so they were never the person's to take away.
    The marks saying that they answered one anonymously go either way: the person is
    still a member here (projects let go after check-ins), so their check-ins are known.
    """
    checkins = CheckIn.objects.filter(project__memberships__user=user)
    AnonymousAnswerer.objects.filter(key__in=[answerer_key(c, user) for c in checkins]).delete()
    if not remove:
        return
    CheckInResponse.objects.filter(author=user).delete()
    CheckIn.objects.filter(started_by=user).update(started_by=None)
    CheckIn.objects.filter(closed_by=user).update(closed_by=None)
