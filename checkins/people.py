"""What check-ins hold about one person, and how they let go of someone deleting their account."""

from accounts.models import User
from projects.parts import Blocker

from .models import AnonymousAnswerer, CheckIn, CheckInAnswer, CheckInResponse
from .services import QUESTIONS, answerer_key

QUESTION_LABELS = dict(QUESTIONS)


def _when(moment) -> str | None:
    return moment.isoformat() if moment else None


def personal_data(user: User) -> dict:
    """The person's named answers, in one query however many there are."""
    answers = CheckInAnswer.objects.filter(response__author=user).select_related(
        "response__checkin__project"
    )
    return {
        "check_in_answers": [
            {
                "project": a.response.checkin.project.name,
                "check_in_started": _when(a.response.checkin.started_at),
                "question": str(QUESTION_LABELS.get(a.question, a.question)),
                "answer": a.text,
            }
            for a in answers
        ],
    }


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
