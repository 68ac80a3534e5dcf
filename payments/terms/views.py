"""The project's payment terms: read by every member, written by facilitators, with history."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from payments import services
from payments.forms import TermsForm
from payments.models import PaymentTerms
from payments.selectors import is_handler, terms_of
from projects.access import get_project_for_user
from projects.shared_words.views import edit_words


@login_required
@require_safe
def terms(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    ctx = {
        "project": project,
        "membership": membership,
        "terms": terms_of(project),
        "handler": is_handler(project, request.user),
    }
    return render(request, "payments/terms/terms.html", ctx)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def terms_edit(request: HttpRequest, project_id: int) -> HttpResponse:
    # Terms may be put right after a project is completed: people are still being paid.
    project, membership = get_project_for_user(request, project_id, facilitator=True)
    item = terms_of(project) or PaymentTerms(project=project)
    return edit_words(
        request,
        item=item,
        make_form=TermsForm,
        save=partial(services.terms_edit, project=project, editor=request.user),
        context={"project": project, "membership": membership},
        template="payments/terms/terms_edit.html",
        back_url=reverse("payment_terms:terms", args=[project.pk]),
        saved_message=_("The payment terms have been saved."),
    )


@login_required
@require_safe
def terms_history(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    item = terms_of(project)
    revisions = item.revisions.select_related("edited_by") if item else []
    ctx = {"project": project, "membership": membership, "revisions": revisions}
    return render(request, "payments/terms/terms_history.html", ctx)
