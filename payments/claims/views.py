"""A person's own payments: their choice, their claims, adding lines, sending, receipts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from payments import services
from payments.access import get_claim
from payments.claim_page import claim_page
from payments.forms import ChoiceForm, ExpenseLineForm, MeetingLineForm, SendForm, TimeLineForm
from payments.models import Claim, ClaimLine
from payments.selectors import attended_meetings, choice_of, is_handler, terms_of
from projects.access import get_project_for_user


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def mine(request: HttpRequest, project_id: int) -> HttpResponse:
    # Each person's own choice, open after the project is completed like every payment page.
    project, membership = get_project_for_user(request, project_id)
    saved = choice_of(project, request.user)
    initial = (
        {"choice": saved.choice, "address": saved.address, "how_to_pay": saved.how_to_pay}
        if saved
        else None
    )
    form = ChoiceForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.choice_save(project=project, user=request.user, **form.cleaned_data)
            messages.success(request, _("Your choice has been saved."))
            return redirect("claims:mine", project_id=project.pk)
        status = 400
    ctx = {
        "project": project,
        "membership": membership,
        "form": form,
        "terms": terms_of(project),
        "claims": Claim.objects.filter(project=project, user=request.user),
        "handler": is_handler(project, request.user),
    }
    return render(request, "payments/claims/mine.html", ctx, status=status)


@login_required
@require_POST
def start(request: HttpRequest, project_id: int) -> HttpResponse:
    project, _membership = get_project_for_user(request, project_id)
    try:
        claim = services.claim_start(project=project, user=request.user)
    except services.Refused as refused:
        messages.error(request, refused.message)
        return redirect("claims:mine", project_id=project.pk)
    return redirect("claims:claim", project_id=project.pk, claim_id=claim.pk)


@login_required
@require_safe
def claim(request: HttpRequest, project_id: int, claim_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    return claim_page(request, project, membership, get_claim(request, project, claim_id))


def _own(request: HttpRequest, project_id: int, claim_id: int):
    project, membership = get_project_for_user(request, project_id)
    item = get_claim(request, project, claim_id)
    if item.user_id != request.user.pk:
        raise Http404
    return project, membership, item


def _added(request, project, membership, item, form, name, add) -> HttpResponse:
    """Add a line from a valid form, or show the page again with the form's errors."""
    error = ""
    if form.is_valid():
        try:
            add(form.cleaned_data)
        except services.Refused as refused:
            if refused.field in form.fields:
                form.add_error(refused.field, refused.message)
            else:
                error = refused.message
        else:
            messages.success(request, _("The line has been added to your claim."))
            return redirect("claims:claim", project_id=project.pk, claim_id=item.pk)
    item.refresh_from_db()
    return claim_page(request, project, membership, item, status=400, error=error, **{name: form})


@login_required
@require_POST
def add_meeting(request: HttpRequest, project_id: int, claim_id: int) -> HttpResponse:
    project, membership, item = _own(request, project_id, claim_id)
    form = MeetingLineForm(request.POST, meetings=attended_meetings(project, request.user))
    return _added(
        request,
        project,
        membership,
        item,
        form,
        "meeting_form",
        lambda data: services.line_add_meeting(claim=item, meeting=form.meetings[data["meeting"]]),
    )


@login_required
@require_POST
def add_time(request: HttpRequest, project_id: int, claim_id: int) -> HttpResponse:
    project, membership, item = _own(request, project_id, claim_id)
    form = TimeLineForm(request.POST, prefix="time")
    return _added(
        request,
        project,
        membership,
        item,
        form,
        "time_form",
        lambda data: services.line_add_time(claim=item, **data),
    )


@login_required
@require_POST
def add_expense(request: HttpRequest, project_id: int, claim_id: int) -> HttpResponse:
    project, membership, item = _own(request, project_id, claim_id)
    form = ExpenseLineForm(request.POST, request.FILES, prefix="expense")
    return _added(
        request,
        project,
        membership,
        item,
        form,
        "expense_form",
        lambda data: services.line_add_expense(
            claim=item, receipt_type=getattr(form, "receipt_type", ""), **data
        ),
    )


@login_required
@require_POST
def line_remove(request: HttpRequest, project_id: int, claim_id: int, line_id: int):
    project, membership, item = _own(request, project_id, claim_id)
    try:
        services.line_remove(claim=item, line_id=line_id)
    except services.Refused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The line has been taken out of your claim."))
    return redirect("claims:claim", project_id=project.pk, claim_id=item.pk)


@login_required
@require_POST
def send(request: HttpRequest, project_id: int, claim_id: int) -> HttpResponse:
    project, membership, item = _own(request, project_id, claim_id)
    form = SendForm(request.POST)
    if not form.is_valid():
        return claim_page(
            request,
            project,
            membership,
            item,
            status=400,
            error=_("The total is missing. Check your claim and send it again."),
        )
    try:
        services.claim_send(claim=item, total_seen=form.cleaned_data["total"])
    except services.Refused as refused:
        item.refresh_from_db()
        return claim_page(request, project, membership, item, status=400, error=refused.message)
    messages.success(request, _("Your claim has been sent."))
    return redirect("claims:claim", project_id=project.pk, claim_id=item.pk)


@login_required
@require_safe
def receipt(request: HttpRequest, project_id: int, claim_id: int, line_id: int):
    """The receipt, only for the person and the handlers; never guessed from its name."""
    project, _membership = get_project_for_user(request, project_id)
    item = get_claim(request, project, claim_id)
    line = get_object_or_404(ClaimLine, pk=line_id, claim=item)
    if not line.receipt:
        raise Http404
    response = FileResponse(
        line.receipt.open("rb"),
        content_type=line.receipt_type or "application/octet-stream",
        # Named from the kind its content was checked to be, not from the uploaded name.
        filename=f"receipt-{line.pk}.{line.receipt_type.rsplit('/', 1)[-1]}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
