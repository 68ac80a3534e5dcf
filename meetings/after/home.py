"""The gentle check-out on the project home, for a person who came to a meeting that ended
in the last week and hasn't answered (registered with ``projects.home``)."""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from projects.models import Membership, Project

from .context import waiting_check_out


def check_out_panel(request: HttpRequest, project: Project, membership: Membership) -> str:
    """One query; nothing at all when there is nothing to ask."""
    meeting = waiting_check_out(project.pk, request.user)
    if meeting is None:
        return ""
    ctx = {"project": project, "meeting": meeting}
    return SafeString(render_to_string("meetings/after/_home_panel.html", ctx, request=request))
