"""Certificates of contribution: what each member did, counted by every app.

Each app that has something to count keeps a module named ``certificate`` with a
function registered here. The certificate page finds those modules by name, so
``projects`` never imports the apps that build on it. A counting function takes the
project and the member and returns ``(count, sentence)`` pairs; zero counts are left
off the certificate. Each function costs a fixed number of queries, however much
the member did.
"""

from django.db.models import Count, Q
from django.utils.translation import ngettext

from accounts.models import User

from .models import GroundRule, Project, Thanks
from .registry import Registry

Contribution = tuple[int, str]
_counters = Registry("certificate")
register = _counters.register


def contributions(*, project: Project, user: User) -> list[Contribution]:
    """Every app's counts for this member, in the order the apps are installed, none zero."""
    found = []
    for func in _counters:
        found.extend((n, text) for n, text in func(project=project, user=user) if n)
    return found


# -- this app's own counts: thanks and ground rules ------------------------------------


@register
def project_counts(*, project: Project, user: User) -> list[Contribution]:
    """Thank-yous given and received, and ground rules written. 2 queries."""
    thanks = Thanks.objects.filter(project=project).aggregate(
        given=Count("pk", filter=Q(from_user=user)),
        received=Count("pk", filter=Q(to_user=user)),
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
