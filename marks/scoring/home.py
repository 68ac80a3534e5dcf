""" "For you now" (registered with ``projects.for_you``): rounds waiting for this member's score."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from projects.for_you import ForYou
from projects.models import Membership, Project

from ..models import ScoringRound


def rounds_for_you(request: HttpRequest, project: Project, membership: Membership):
    """One query: the open rounds of visible marks that have no score from this member yet."""
    if project.is_completed:
        return []
    rounds = (
        ScoringRound.objects.filter(
            mark__project=project, mark__hidden=False, status=ScoringRound.Status.OPEN
        )
        .exclude(scores__member=request.user)
        .select_related("mark")
        .order_by("pk")
    )
    return [
        ForYou(
            _("Give your score for “%(title)s”: a round is open") % {"title": r.mark.title},
            reverse("marks:mark", args=[project.pk, r.mark_id]) + "#score",
            order=20,
        )
        for r in rounds
    ]
