"""Who handles payments, and what they do with claims: approve, ask, mark paid."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from payments import services
from payments.access import get_claim, get_project_for_handler
from payments.claim_page import claim_page
from payments.forms import HandlersForm, PaidForm, QuestionForm
from payments.models import Handler
from payments.selectors import waiting_claims
from projects.access import get_project_for_user


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def handlers(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id, facilitator=True)
    members = project.memberships.select_related("user").order_by("user__name", "pk")
    initial = {
        "handlers": list(Handler.objects.filter(project=project).values_list("user_id", flat=True))
    }
    form = HandlersForm(
        request.POST if request.method == "POST" else None, members=members, initial=initial
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.handlers_set(project=project, user_ids=set(form.cleaned_data["handlers"]))
            messages.success(request, _("Who handles payments has been saved."))
            return redirect("handling:handlers", project_id=project.pk)
        status = 400
    ctx = {"project": project, "membership": membership, "form": form}
    return render(request, "payments/handling/handlers.html", ctx, status=status)


@login_required
@require_safe
def waiting(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_handler(request, project_id)
    ctx = {"project": project, "membership": membership, "claims": waiting_claims(project)}
    return render(request, "payments/handling/waiting.html", ctx)


def _someone_first(request, claim) -> None:
    messages.warning(
        request,
        _("Someone else changed this claim first: it is now “%(status)s”.")
        % {"status": claim.get_status_display()},
    )


@login_required
@require_POST
def approve(request: HttpRequest, project_id: int, claim_id: int) -> HttpResponse:
    project, _membership = get_project_for_handler(request, project_id)
    claim = get_claim(request, project, claim_id)
    if services.claim_approve(claim=claim, handler=request.user):
        messages.success(request, _("The claim has been approved."))
    else:
        _someone_first(request, claim)
    return redirect("claims:claim", project_id=project.pk, claim_id=claim.pk)


@login_required
@require_POST
def ask(request: HttpRequest, project_id: int, claim_id: int) -> HttpResponse:
    project, membership = get_project_for_handler(request, project_id)
    claim = get_claim(request, project, claim_id)
    form = QuestionForm(request.POST)
    if not form.is_valid():
        return claim_page(request, project, membership, claim, status=400, question_form=form)
    if services.claim_ask(claim=claim, handler=request.user, **form.cleaned_data):
        messages.success(request, _("Your question has been sent with the claim."))
    else:
        _someone_first(request, claim)
    return redirect("claims:claim", project_id=project.pk, claim_id=claim.pk)


@login_required
@require_POST
def paid(request: HttpRequest, project_id: int, claim_id: int) -> HttpResponse:
    project, membership = get_project_for_handler(request, project_id)
    claim = get_claim(request, project, claim_id)
    form = PaidForm(request.POST)
    if not form.is_valid():
        return claim_page(request, project, membership, claim, status=400, paid_form=form)
    if services.claim_paid(claim=claim, handler=request.user, **form.cleaned_data):
        messages.success(request, _("The claim is marked as paid."))
    else:
        _someone_first(request, claim)
    return redirect("claims:claim", project_id=project.pk, claim_id=claim.pk)
