"""The meetings' part of the printable report: each meeting that has ended, with how many
came and its notes. Nothing anyone said in a check-out is in it, not even a count."""

from django.db.models import Count, Q
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from projects.models import Membership, Project
from projects.parts import Section

from ..models import Meeting
from ..times import Zones
from .services import CAME


def meetings(*, request: HttpRequest, project: Project, membership: Membership) -> Section | None:
    """Ended meetings in date order. 1 query however many."""
    ended = list(
        Meeting.objects.filter(project=project, ended_at__isnull=False)
        .select_related("chosen", "notes")
        .annotate(
            came_in_person=Count("attendances", filter=Q(attendances__status=CAME[0])),
            came_online=Count("attendances", filter=Q(attendances__status=CAME[1])),
        )
        .order_by("chosen__starts_at", "pk")
    )
    if not ended:
        return None
    zones = Zones(project.time_zone, "")
    for meeting in ended:
        meeting.when = zones.describe(meeting.chosen.starts_at, meeting.chosen.ends_at)
        meeting.notes_text = getattr(meeting, "notes", None) and meeting.notes.text
    html = render_to_string(
        "meetings/after/report.html", {"project": project, "meetings": ended}, request=request
    )
    return Section(heading=_("Meetings"), html=html)
