""" "For you now" (registered with ``projects.for_you``): proposals waiting for this member's answer."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from projects.for_you import ForYou
from projects.models import Membership, Project

from ..models import AnonymousKey, Proposal, Response
from ..services import anonymous_key


def proposals_for_you(request: HttpRequest, project: Project, membership: Membership):
    """Three queries at most: the open proposals, this member's named answers among them, and
    the keys that say (without saying what) that they answered an anonymous one."""
    if project.is_completed:
        return []
    proposals = list(Proposal.objects.filter(project=project, closed_at=None).order_by("pk"))
    if not proposals:
        return []
    answered = set(
        Response.objects.filter(proposal__in=proposals, author=request.user).values_list(
            "proposal_id", flat=True
        )
    )
    anonymous = {p.pk: anonymous_key(p.pk, request.user.pk) for p in proposals if p.anonymous}
    if anonymous:
        keys = set(
            AnonymousKey.objects.filter(
                proposal_id__in=anonymous, key__in=anonymous.values()
            ).values_list("key", flat=True)
        )
        answered |= {pk for pk, key in anonymous.items() if key in keys}
    return [
        ForYou(
            _("Answer the proposal “%(title)s”") % {"title": p.title},
            reverse("proposals:proposal", args=[project.pk, p.pk]),
            order=30,
        )
        for p in proposals
        if p.pk not in answered
    ]
