""" "For you now" (registered with ``projects.for_you``): an open check-in this member hasn't answered."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from projects.for_you import ForYou
from projects.models import Membership, Project

from .models import CheckIn, CheckInResponse
from .services import answered_anonymously


def checkin_for_you(request: HttpRequest, project: Project, membership: Membership):
    """Two or three small queries: the one open check-in, and whether this member answered it."""
    checkin = CheckIn.objects.filter(project=project, closed_at=None).first()
    if checkin is None:
        return []
    if CheckInResponse.objects.filter(checkin=checkin, author=request.user).exists():
        return []
    if answered_anonymously(checkin, request.user):
        return []
    url = reverse("checkins:checkin", args=[project.pk, checkin.pk])
    return [ForYou(_("A check-in is open: say how things are going"), url, order=40)]
