"""The answers' part of the printable report: how many of the group's ideas have had an answer,
and each answer with its reason.

Listed in ``sharing.report.views.SECTIONS``. Ideas set aside or removed are left out. Who
wrote an idea is not said here: the answer is the group's, named by who recorded it.
"""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from ..models import Membership, Project
from ..parts import Section
from .kinds import KINDS
from .services import tally


def answers(*, request: HttpRequest, project: Project, membership: Membership) -> Section:
    """One query for each kind of idea, however many."""
    kinds = []
    for kind in KINDS.values():
        items = list(kind.readable(project).order_by("answered_at", "pk"))
        if not items:
            continue
        kinds.append(
            {
                "kind": kind,
                "counts": tally(items),
                "answered": [(i, kind.text(i)) for i in items if i.answer],
            }
        )
    html = render_to_string(
        "projects/answers/report.html", {"project": project, "kinds": kinds}, request=request
    )
    return Section(heading=_("Answers to our ideas"), html=html)
