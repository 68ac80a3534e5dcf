"""What a member answered in check-ins, for their certificate of contribution.

Listed in ``sharing.certificates.views.COUNTERS``. Anonymous answers store no author, so they
can't be counted for anyone: that is the point of them.
"""

from django.db.models import Exists, OuterRef
from django.utils.translation import ngettext

from accounts.models import User
from projects.models import Project
from projects.parts import Contribution

from .models import CheckInAnswer, CheckInResponse


def checkins_counts(*, project: Project, user: User) -> list[Contribution]:
    """Check-ins the member answered under their name. 1 query."""
    # A response whose words were all set aside for breaking a ground rule is not counted.
    answers = CheckInAnswer.objects.filter(response=OuterRef("pk"))
    answered = (
        CheckInResponse.objects.filter(checkin__project=project, author=user)
        .exclude(Exists(answers) & ~Exists(answers.visible()))
        .count()
    )
    return [
        (
            answered,
            ngettext(
                "Answered %(count)d check-in",
                "Answered %(count)d check-ins",
                answered,
            )
            % {"count": answered},
        ),
    ]
