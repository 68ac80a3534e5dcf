"""Decisions' part of the printable report: the decision log, with each closed proposal's
responses and reasons. Open proposals show only that they are open: their responses are
private until they close. Anonymous responses say "Anonymous"."""

from django.db.models import Count, Prefetch
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from projects.models import Membership, Project
from projects.parts import Section

from .models import Proposal, Response
from .services import decisions_of


def decisions(*, request: HttpRequest, project: Project, membership: Membership) -> Section:
    """The log in date order, then open proposals by title. 4 queries however many."""
    log = list(
        decisions_of(project).prefetch_related(
            Prefetch(
                "proposal__responses",
                # Responses set aside are left out, as the lake's post-its are.
                Response.objects.visible()
                .select_related("author", "option")
                .prefetch_related("ranks__option"),
            )
        )
    )
    still_open = list(
        Proposal.objects.filter(project=project, closed_at__isnull=True)
        .annotate(responded=Count("responses"))
        .order_by("created_at")
    )
    html = render_to_string(
        "decisions/report.html",
        {"project": project, "decisions": log, "still_open": still_open},
        request=request,
    )
    return Section(heading=_("Decisions"), html=html)
