"""The projects app's part of the printable report: what the project is for and who is in it.

Listed in ``sharing.report.views.SECTIONS``.
"""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .models import Membership, Project
from .parts import Section


def about(*, request: HttpRequest, project: Project, membership: Membership) -> Section:
    members = list(
        Membership.objects.filter(project=project)
        .select_related("user")
        .order_by("user__name", "pk")
    )
    html = render_to_string(
        "projects/report_about.html",
        {"project": project, "members": members},
        request=request,
    )
    return Section(heading=_("About the project"), html=html)
