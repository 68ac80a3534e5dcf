"""The lake at a glance on the project home (registered with ``projects.home`` as a story panel)."""

from django.db.models import Count
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from projects.models import Membership, Project
from projects.stages import Stage

from .models import WATER, PostIt, place_region


def lake_glance_panel(request: HttpRequest, project: Project, membership: Membership) -> SafeString:
    """One query: how many post-its each island and the water hold."""
    counts = dict.fromkeys([s.value for s in Stage] + [WATER], 0)
    rows = (
        PostIt.objects.filter(project=project, deleted_at=None)
        .values("place")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        counts[place_region(row["place"])] += row["n"]
    regions = [(s.label, counts[s.value]) for s in Stage] + [(_("The water"), counts[WATER])]
    ctx = {"project": project, "regions": regions, "total": sum(counts.values())}
    return SafeString(render_to_string("lake/_home_glance.html", ctx, request=request))
