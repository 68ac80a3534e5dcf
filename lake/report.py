"""The lake's part of the printable report: every post-it, island by island.

Listed in ``sharing.report.views.SECTIONS``. Removed post-its are left out, and an
anonymous post-it says "Anonymous": it stores no author to name. Each post-it says the
group's answer to it, or that it has none yet.
"""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from projects.answers.services import tally
from projects.models import Membership, Project
from projects.parts import Section
from projects.stages import Stage

from .models import PLACES, PostIt, place_label


def lake(*, request: HttpRequest, project: Project, membership: Membership) -> Section:
    """The post-its grouped by where they sit: the four islands, then the water. 1 query."""
    by_place: dict[str, list[PostIt]] = {place: [] for place in PLACES}
    postits = list(
        PostIt.objects.visible()
        .filter(project=project, deleted_at=None)
        .select_related("author", "answered_by")
        .order_by("position", "pk")
    )
    for postit in postits:
        by_place.setdefault(postit.place, []).append(postit)
    islands = {stage.value for stage in Stage}
    # Every island is listed, even an empty one; the water only where something swims.
    places = [
        (place, place_label(place), found)
        for place, found in by_place.items()
        if place in islands or found
    ]
    html = render_to_string(
        "lake/report_lake.html",
        {
            "project": project,
            "places": places,
            "count": sum(len(p[2]) for p in places),
            "answer_counts": tally(postits),
        },
        request=request,
    )
    return Section(heading=_("The lake of ideas"), html=html)
