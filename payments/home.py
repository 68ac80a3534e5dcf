"""The payments panel on the project home: the terms, and claims waiting for handlers."""

from datetime import timedelta

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString

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
