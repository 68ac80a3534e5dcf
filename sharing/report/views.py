from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from decisions import report as decisions_report
from lake import report as lake_report
from marks import report as marks_report
from meetings.after import report as meetings_after_report
from projects import report as projects_report
from projects.access import get_project_for_user
from projects.answers import report as answers_report

# The report's sections, in the order it shows them. Each takes the request, the project
# and the reader's membership and gives a ``projects.parts.Section``, or None to leave
# itself out; each costs the same number of queries however much the project holds.
SECTIONS = [
    projects_report.about,
    marks_report.benchmark,
    marks_report.action_plan,
    lake_report.lake,
    decisions_report.decisions,
    meetings_after_report.meetings,
    answers_report.answers,
]


@login_required
@require_safe
def report_page(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    sections = []
    for part in SECTIONS:
        section = part(request=request, project=project, membership=membership)
        if section is not None:
            sections.append(section)
    stylesheets = list(dict.fromkeys(css for s in sections for css in s.stylesheets))
    ctx = {
        "project": project,
        "membership": membership,
        "sections": sections,
        "stylesheets": stylesheets,
        "made_on": timezone.localdate(),
    }
    return render(request, "sharing/report/report.html", ctx)
