"""The printable report: sections that each app offers, put together in one page.

Each app that has something for the report keeps a module named ``report`` with a
function registered here. The report page finds those modules by name, so
``projects`` never imports the apps that build on it. A section function takes the
project and the reader's membership and returns a ``Section`` (or None to leave
itself out); it renders its own template and must cost the same number of queries
however much the project holds.
"""

from dataclasses import dataclass

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from .models import Membership, Project
from .registry import Registry


@dataclass(frozen=True)
class Section:
    """One part of the report: where it goes, its heading and its HTML, already escaped."""

    order: int
    heading: str
    html: SafeString
    # Stylesheets (static paths) the section's HTML needs, e.g. for its charts.
    stylesheets: tuple[str, ...] = ()


_sections = Registry("report")
register = _sections.register


def sections_for(request: HttpRequest, project: Project, membership: Membership) -> list[Section]:
    """Every app's section for this reader, in order."""
    found = []
    for func in _sections:
        section = func(request=request, project=project, membership=membership)
        if section is not None:
            found.append(section)
    return sorted(found, key=lambda s: s.order)


# -- this app's own section: what the project is for and who is in it -------------


@register
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
    return Section(order=10, heading=_("About the project"), html=html)
