"""The next meeting, first on the project home (registered with ``projects.home``)."""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from projects.for_you import ForYou
from projects.models import Membership, Project

from .calendar import where
from .selectors import agenda_of, next_meeting
from .times import Zones


def next_meeting_panel(
    request: HttpRequest, project: Project, membership: Membership
) -> SafeString:
    """Three queries; the panel says where or how, shows the agenda and links to it.

    What the meeting is and when are in "For you now" (``next_meeting_for_you``), just above
    it, so the page says them once.
    """
    meeting = next_meeting(project)
    ctx = {
        "project": project,
        "meeting": meeting,
        "where": where(meeting) if meeting else "",
        # The agenda comes first too: two more queries, however many items.
        "agenda": agenda_of(meeting) if meeting else None,
    }
    return SafeString(render_to_string("meetings/_next_meeting.html", ctx, request=request))


def next_meeting_for_you(request: HttpRequest, project: Project, membership: Membership):
    """ "For you now": the next meeting with a time, and when it is (with the project's zone)."""
    meeting = next_meeting(project)
    if meeting is None:
        return []
    zones = Zones.for_reader(project, request.user)
    when = "{} {}".format(
        zones.describe(meeting.chosen.starts_at, meeting.chosen.ends_at),
        _("(%(zone)s)") % {"zone": zones.project_label},
    )
    text = _("The next meeting: %(title)s, %(when)s") % {"title": meeting.title, "when": when}
    return [ForYou(text, reverse("meetings:meeting", args=[project.pk, meeting.pk]), order=10)]
