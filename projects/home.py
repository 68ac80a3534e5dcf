"""Panels that apps above ``projects`` put at the top of the project home.

``projects`` can't import the apps above it, so each one that has something to show
first (the next meeting, say) registers a function here in its ``AppConfig.ready``. A
panel takes the request, the project and the member's membership, and returns HTML
(already escaped) or an empty string; it should cost a query or two, however big the
project.
"""

from collections.abc import Callable

from django.http import HttpRequest
from django.utils.safestring import SafeString

from .models import Membership, Project

HomePanel = Callable[[HttpRequest, Project, Membership], SafeString | str]

HOME_PANELS: list[HomePanel] = []
# Panels that tell the project's own story, after its aims and stages (the lake at a glance).
STORY_PANELS: list[HomePanel] = []


def register_home_panel(panel: HomePanel, *, story: bool = False) -> None:
    panels = STORY_PANELS if story else HOME_PANELS
    if panel not in panels:
        panels.append(panel)


def home_panels(
    request: HttpRequest, project: Project, membership: Membership, *, story: bool = False
) -> list[str]:
    panels = STORY_PANELS if story else HOME_PANELS
    return [html for panel in panels if (html := panel(request, project, membership))]
