"""What a member did in the project itself, for their certificate of contribution.

Listed in ``sharing.certificates.views.COUNTERS``.
"""

from django.db.models import Count, Q
from django.utils.translation import ngettext

from accounts.models import User

from .models import GroundRule, Project, Thanks
from .parts import Contribution


def project_counts(*, project: Project, user: User) -> list[Contribution]:
    """Thank-yous given and received, and ground rules written. 2 queries."""
    # A thank-you set aside for breaking a ground rule counts neither way.
    thanks = (
        Thanks.objects.visible()
        .filter(project=project)
        .aggregate(
            given=Count("pk", filter=Q(from_user=user)),
            received=Count("pk", filter=Q(to_user=user)),
        )
    )
    rules = GroundRule.objects.filter(project=project, created_by=user).count()
    return [
        (
            rules,
            ngettext(
                "Wrote %(count)d ground rule for the group",
                "Wrote %(count)d ground rules for the group",
                rules,
            )
            % {"count": rules},
        ),
        (
            thanks["given"],
            ngettext(
                "Thanked others %(count)d time",
                "Thanked others %(count)d times",
                thanks["given"],
            )
            % {"count": thanks["given"]},
        ),
        (
            thanks["received"],
            ngettext(
                "Was thanked by name %(count)d time",
                "Was thanked by name %(count)d times",
                thanks["received"],
            )
            % {"count": thanks["received"]},
        ),
    ]
