"""The payments panel on the project home: the terms, and claims waiting for handlers."""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from projects.models import Membership, Project

from .models import Claim, Handler


def payments_panel(request: HttpRequest, project: Project, membership: Membership) -> SafeString:
    """Two queries at most, however many claims."""
    handler = Handler.objects.filter(project=project, user=request.user).exists()
    waiting = (
        Claim.objects.filter(project=project, status=Claim.Status.SENT).count() if handler else 0
    )
    ctx = {"project": project, "handler": handler, "waiting": waiting}
    return SafeString(render_to_string("payments/_panel.html", ctx, request=request))
