"""The claim page, which shows what the person adds and what a handler does with it.

``claims`` and ``handling`` both hand a failed form back to it, so it lives here.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from projects.models import Membership, Project

from .forms import ExpenseLineForm, MeetingLineForm, PaidForm, QuestionForm, SendForm, TimeLineForm
from .models import Claim
from .selectors import attended_meetings, is_handler, terms_of


def claim_page(
    request: HttpRequest,
    project: Project,
    membership: Membership,
    claim: Claim,
    *,
    status: int = 200,
    **forms,
) -> HttpResponse:
    own = claim.user_id == request.user.pk
    lines = list(claim.lines.select_related("meeting"))
    ctx = {
        "project": project,
        "membership": membership,
        "claim": claim,
        "lines": lines,
        "own": own,
        "handler": is_handler(project, request.user),
        "terms": terms_of(project),
    }
    if own and claim.editable:
        ctx["meeting_form"] = forms.get("meeting_form") or MeetingLineForm(
            meetings=attended_meetings(project, request.user)
        )
        ctx["time_form"] = forms.get("time_form") or TimeLineForm(prefix="time")
        ctx["expense_form"] = forms.get("expense_form") or ExpenseLineForm(prefix="expense")
        ctx["send_form"] = SendForm(initial={"total": claim.total})
    ctx["question_form"] = forms.get("question_form") or QuestionForm()
    ctx["paid_form"] = forms.get("paid_form") or PaidForm()
    ctx["error"] = forms.get("error", "")
    return render(request, "payments/claims/claim.html", ctx, status=status)
