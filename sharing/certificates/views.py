from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.models import User
from checkins import certificate as checkins_certificate
from lake import certificate as lake_certificate
from marks import certificate as marks_certificate
from meetings.after import certificate as meetings_after_certificate
from projects import certificate as projects_certificate
from projects.access import get_project_for_user
from projects.models import Membership, Project
from projects.parts import Contribution
from projects.services import membership_set_certificate_line
from projects.shared_words.services import StaleEdit
from projects.shared_words.views import settings_conflict

from .forms import CertificateLineForm

# What a certificate counts, in the order it says so. Each takes the project and the
# member and gives ``(count, sentence)`` pairs, at a fixed number of queries.
COUNTERS = [
    projects_certificate.project_counts,
    marks_certificate.marks_counts,
    checkins_certificate.checkins_counts,
    lake_certificate.lake_counts,
    meetings_after_certificate.meetings_counts,
]


def contributions(*, project: Project, user: User) -> list[Contribution]:
    """Everything counted for this member, none of it zero."""
    return [
        (n, text) for counter in COUNTERS for n, text in counter(project=project, user=user) if n
    ]


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def certificate(request: HttpRequest, project_id: int, user_id: int) -> HttpResponse:
    """A member's certificate: theirs to open, and any facilitator's, who may add a line.

    A former member has no membership left (leaving deletes it, keeping only their
    words), so their certificate is gone too: 404, like anyone who never joined.
    """
    project, membership = get_project_for_user(
        request, project_id, facilitator=request.method == "POST"
    )
    member = get_object_or_404(
        Membership.objects.select_related("user"), project=project, user_id=user_id
    )
    if member.pk != membership.pk and not membership.is_facilitator:
        raise PermissionDenied(
            _("Only the member it names and the project's facilitators can open a certificate.")
        )
    form = None
    status = 200
    conflict = None
    if membership.is_facilitator:

        def make_form(data):
            return CertificateLineForm(
                data, instance=member, initial={"version": member.certificate_line_version}
            )

        form = make_form(request.POST if request.method == "POST" else None)
        if form.is_bound:
            if form.is_valid():
                try:
                    membership_set_certificate_line(
                        membership=member,
                        line=form.cleaned_data["certificate_line"],
                        version=form.cleaned_data["version"],
                    )
                except StaleEdit:
                    mine = dict(form.cleaned_data)
                    member.refresh_from_db(fields=["certificate_line", "certificate_line_version"])
                    form, conflict = settings_conflict(
                        make_form,
                        request.POST,
                        mine=mine,
                        newer={"certificate_line": member.certificate_line},
                        version=member.certificate_line_version,
                    )
                    status = 409
                else:
                    messages.success(request, _("The personal line has been saved."))
                    return redirect(
                        "certificates:certificate", project_id=project.pk, user_id=user_id
                    )
            else:
                status = 400
                # The page shows the saved line, not the one that was refused.
                member.refresh_from_db(fields=["certificate_line"])
    ctx = {
        "project": project,
        "membership": membership,
        "member": member,
        "contributions": contributions(project=project, user=member.user),
        "form": form,
        "conflict": conflict,
        "conflict_title": _("Someone else changed the personal line while you had it open"),
        "keep_newer_url": request.path,
    }
    return render(request, "sharing/certificates/certificate.html", ctx, status=status)
