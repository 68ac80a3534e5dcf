"""A printable invoice for a sent claim, and the finance team's CSV of claims."""

import csv

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from payments.access import get_claim, get_project_for_handler
from payments.forms import PeriodForm
from payments.models import Claim, ClaimLine, PaymentChoice
from payments.money import as_amount
from payments.selectors import terms_of
from projects.access import get_project_for_user


@login_required
@require_safe
def invoice(request: HttpRequest, project_id: int, claim_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    claim = get_claim(request, project, claim_id)
    if claim.status == Claim.Status.DRAFT:
        raise Http404
    choice = PaymentChoice.objects.filter(project=project, user=claim.user).first()
    ctx = {
        "project": project,
        "membership": membership,
        "claim": claim,
        "lines": list(claim.lines.all()),
        "terms": terms_of(project),
        "choice": choice,
        "with_details": request.GET.get("details") != "off",
    }
    return render(request, "payments/invoices/invoice.html", ctx)


def _cell(value) -> object:
    """Text a spreadsheet would run as a formula starts with an apostrophe instead."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@login_required
@require_safe
def claims_csv(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_handler(request, project_id)
    form = PeriodForm(request.GET or None)
    if not form.is_valid():
        ctx = {"project": project, "membership": membership, "form": form}
        return render(
            request, "payments/invoices/csv.html", ctx, status=400 if form.is_bound else 200
        )
    lines = (
        ClaimLine.objects.filter(
            claim__project=project,
            claim__sent_at__date__gte=form.cleaned_data["start"],
            claim__sent_at__date__lte=form.cleaned_data["end"],
        )
        .select_related("claim__user")
        .order_by("claim__invoice_number", "day", "pk")
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="claims.csv"'
    # The byte order mark tells spreadsheets the file is UTF-8, so names keep their accents.
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            "invoice",
            "person",
            "status",
            "sent",
            "paid",
            "line date",
            "kind",
            "what",
            "hours",
            "amount",
            "currency",
        ]
    )
    for line in lines:
        claim = line.claim
        writer.writerow(
            [
                claim.invoice_number,
                _cell(str(claim.user.display_name)),
                claim.get_status_display(),
                claim.sent_at.date().isoformat() if claim.sent_at else "",
                claim.paid_on.isoformat() if claim.paid_on else "",
                line.day.isoformat(),
                line.get_kind_display(),
                _cell(line.what),
                line.hours if line.hours is not None else "",
                as_amount(line.amount),
                claim.currency,
            ]
        )
    return response
