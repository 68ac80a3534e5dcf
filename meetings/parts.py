"""Parts that the features beside ``planning/`` add to the meeting page.

The meeting page is drawn by ``planning``, which never imports the other features (the
agenda, the record): each registers a function here in ``MeetingsConfig.ready``. A part
takes the request, the project, the member's membership and the meeting, and returns HTML
(already escaped) or an empty string, in a query or two however big the meeting.
"""

from collections.abc import Callable

from django.http import HttpRequest
from django.utils.safestring import SafeString

from projects.models import Membership, Project

from .models import Meeting

MeetingPart = Callable[[HttpRequest, Project, Membership, Meeting], SafeString | str]

MEETING_PARTS: list[MeetingPart] = []


def register_meeting_part(part: MeetingPart) -> None:
    if part not in MEETING_PARTS:
        MEETING_PARTS.append(part)


def meeting_parts(
    request: HttpRequest, project: Project, membership: Membership, meeting: Meeting
) -> list[str]:
    return [html for part in MEETING_PARTS if (html := part(request, project, membership, meeting))]
