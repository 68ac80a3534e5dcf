"""The break's part of the project home (registered with ``projects.home``): for someone on
a break, that they are and how to come back; after, what changed while they were away."""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from ..models import Membership, Project
from .selectors import while_away


def break_panel(request: HttpRequest, project: Project, membership: Membership) -> SafeString | str:
    away = None if membership.on_break else while_away(membership)
    if not membership.on_break and away is None:
        return ""
    ctx = {"project": project, "membership": membership, "away": away}
    return SafeString(render_to_string("projects/breaks/_home.html", ctx, request=request))
