"""The marks app's parts of the printable report: the benchmark and the action plan.

Listed in ``sharing.report.views.SECTIONS``. Only agreed scores appear, as on the benchmark
page: a round still open or only revealed never reaches the report.
"""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from projects.models import Membership, Project
from projects.parts import Section

from .actions import selectors as review


def benchmark(*, request: HttpRequest, project: Project, membership: Membership) -> Section:
    """Each stage's visible marks with their latest agreed score and its history. 2 queries."""
    stages = review.benchmark(project)
    html = render_to_string(
        "marks/report_benchmark.html",
        {"project": project, "stages": stages, "any_scores": any(s.scored for s in stages)},
        request=request,
    )
    return Section(heading=_("Benchmark"), html=html, stylesheets=("css/review.css",))


def action_plan(*, request: HttpRequest, project: Project, membership: Membership) -> Section:
    """What the group decided to do, by stage: what, who, by when and how far. 2 queries."""
    actions = list(review.actions_of(project))
    for a in actions:
        a.owners_text = review.owners_text(a)
    html = render_to_string(
        "marks/report_actions.html",
        {"project": project, "groups": review.by_stage(actions)},
        request=request,
    )
    return Section(heading=_("Action plan"), html=html)
