"""The payments panel on the project home: the terms, and claims waiting for handlers."""

from datetime import timedelta

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import ngettext

from projects.for_you import ForYou
from projects.models import Membership, Project

from .models import Claim, Handler, PaymentChoice, PaymentTerms

# Joining takes a person to the project home: for this long, until they have said how they
# would like to be paid, the panel asks them first to read the terms.
NEW_MEMBER_DAYS = 14


def payments_panel(request: HttpRequest, project: Project, membership: Membership) -> SafeString:
    """Four queries at most, however many claims."""
    handler = Handler.objects.filter(project=project, user=request.user).exists()
    waiting = (
        Claim.objects.filter(project=project, status=Claim.Status.SENT).count() if handler else 0
    )
    new_here = (
        membership.joined_at >= timezone.now() - timedelta(days=NEW_MEMBER_DAYS)
        and PaymentTerms.objects.filter(project=project).exists()
        and not PaymentChoice.objects.filter(project=project, user=request.user).exists()
    )
    ctx = {"project": project, "handler": handler, "waiting": waiting, "new_here": new_here}
    return SafeString(render_to_string("payments/_panel.html", ctx, request=request))


def claims_for_you(request: HttpRequest, project: Project, membership: Membership):
    """ "For you now", for the people who handle payments: sent claims waiting for them."""
    if not Handler.objects.filter(project=project, user=request.user).exists():
        return []
    waiting = Claim.objects.filter(project=project, status=Claim.Status.SENT).count()
    if not waiting:
        return []
    text = ngettext(
        "%(count)d claim is waiting for your approval",
        "%(count)d claims are waiting for your approval",
        waiting,
    ) % {"count": waiting}
    return [ForYou(text, reverse("handling:waiting", args=[project.pk]), order=45)]
