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


def register_home_panel(panel: HomePanel) -> None:
    if panel not in HOME_PANELS:
        HOME_PANELS.append(panel)


def home_panels(request: HttpRequest, project: Project, membership: Membership) -> list[str]:
    return [html for panel in HOME_PANELS if (html := panel(request, project, membership))]
