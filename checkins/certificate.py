"""What a member answered in check-ins, for their certificate of contribution.

Found by name by ``projects.certificate``. Anonymous answers store no author, so they
can't be counted for anyone: that is the point of them.
"""

from django.utils.translation import ngettext

from accounts.models import User
from projects.certificate import Contribution, register
from projects.models import Project

from .models import CheckInResponse


@register
def checkins_counts(*, project: Project, user: User) -> list[Contribution]:
    """Check-ins the member answered under their name. 1 query."""
    answered = CheckInResponse.objects.filter(checkin__project=project, author=user).count()
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
