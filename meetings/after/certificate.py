"""Meetings a member came to, for their certificate of contribution.

Listed in ``sharing.certificates.views.COUNTERS``. Counts meetings that have ended where the
member said they came, in person or online.
"""

from django.utils.translation import ngettext

from accounts.models import User
from projects.models import Project
from projects.parts import Contribution

from ..models import Attendance
from .services import CAME


def meetings_counts(*, project: Project, user: User) -> list[Contribution]:
    """1 query."""
    came = Attendance.objects.filter(
        meeting__project=project,
        meeting__ended_at__isnull=False,
        user=user,
        status__in=CAME,
    ).count()
    return [
        (
            came,
            ngettext("Came to %(count)d meeting", "Came to %(count)d meetings", came)
            % {"count": came},
        ),
    ]
