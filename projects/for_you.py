""" "For you now": the few things waiting for this member today, first on the project home.

``projects`` can't import the apps above it, so each app that has something waiting for a
member (the next meeting, a scoring round without their score, a proposal without their
answer, an open check-in) registers a function here in its ``AppConfig.ready``, from a module
of its own (``meetings/home.py``, ``marks/scoring/home.py`` ...). A source takes the request,
the project and the member's membership and returns a list of ``ForYou`` items: each one line
of plain words and one link. It should cost a query or two however big the project, and
never say anything about another member's private answers.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from .models import Membership, Project


@dataclass(frozen=True)
class ForYou:
    text: str
    url: str
    # Lower comes first: the meeting (10), then what waits for an answer (20 to 40).
    order: int = 50


ForYouSource = Callable[[HttpRequest, Project, Membership], list[ForYou]]

FOR_YOU_SOURCES: list[ForYouSource] = []


def register_for_you(source: ForYouSource) -> None:
    if source not in FOR_YOU_SOURCES:
        FOR_YOU_SOURCES.append(source)


def for_you(request: HttpRequest, project: Project, membership: Membership) -> list[ForYou]:
    items = [item for source in FOR_YOU_SOURCES for item in source(request, project, membership)]
    return sorted(items, key=lambda item: item.order)
