"""The printable report of a project, and each member's certificate of contribution."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from . import certificate as certificates
from . import report
from .access import get_project_for_user
from .certificate_forms import CertificateLineForm
from .models import Membership

require_form_methods = require_http_methods(["GET", "HEAD", "POST"])


@login_required
@require_safe
def report_page(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    sections = report.sections_for(request, project, membership)
    stylesheets = list(dict.fromkeys(css for s in sections for css in s.stylesheets))
    ctx = {
        "project": project,
        "membership": membership,
        "sections": sections,
        "stylesheets": stylesheets,
        "made_on": timezone.localdate(),
    }
    return render(request, "projects/report.html", ctx)


@login_required
@require_form_methods
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
    if membership.is_facilitator:
        form = CertificateLineForm(
            request.POST if request.method == "POST" else None, instance=member
        )
        if form.is_bound:
            if form.is_valid():
                with transaction.atomic():
                    member.save(update_fields=["certificate_line"])
                messages.success(request, _("The personal line has been saved."))
                return redirect("projects:certificate", project_id=project.pk, user_id=user_id)
            status = 400
            # The page shows the saved line, not the one that was refused.
            member.refresh_from_db(fields=["certificate_line"])
    ctx = {
        "project": project,
        "membership": membership,
        "member": member,
        "contributions": certificates.contributions(project=project, user=member.user),
        "form": form,
    }
    return render(request, "projects/certificate.html", ctx, status=status)
