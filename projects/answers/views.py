"""The facilitators' page for answering an idea, and "Answers to your ideas" in the account."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from ..access import get_project_for_change
from ..models import Membership
from . import services
from .forms import AnswerForm
from .kinds import KINDS, kind_or_404


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def answer(request: HttpRequest, project_id: int, kind: str, item_id: int) -> HttpResponse:
    """Record the group's answer to an idea, or change it. For facilitators, while the project
    is open: it is the group's answer, and the person who records it is named."""
    project, membership = get_project_for_change(request, project_id, facilitator=True)
    found_kind = kind_or_404(kind)
    item = found_kind.get(project, item_id)
    mark = found_kind.mark_of(item)
    form = AnswerForm(
        request.POST if request.method == "POST" else None, kind=found_kind, item=item, mark=mark
    )
    conflict = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            services.answer_set(
                project=project,
                kind=found_kind,
                item=item,
                actor=request.user,
                answer=data["answer"],
                reason=data["reason"],
                base_version=data["version"],
                action_text=data["action_text"] if data.get("make_action") else "",
            )
        except services.Stale as stale:
            current = stale.item
            if current.answer == data["answer"] and current.answer_reason == data["reason"]:
                # The same answer sent twice (a double click): it is saved once.
                return redirect(found_kind.where(item))
            conflict = found_kind.get(project, item_id)
            # Their answer is shown; this one stays in the form, ready to save over it.
            posted = request.POST.copy()
            posted[form.add_prefix("version")] = str(conflict.answer_version)
            form = AnswerForm(posted, kind=found_kind, item=conflict, mark=mark)
            form.is_valid()
        else:
            messages.success(
                request,
                _("The answer is saved. The group sees it on the %(kind)s.")
                % {"kind": found_kind.label},
            )
            return redirect(found_kind.where(item))
    ctx = {
        "project": project,
        "membership": membership,
        "kind": found_kind,
        "item": item,
        "words": found_kind.text(item),
        "where": found_kind.where(item),
        "mark": mark,
        "form": form,
        "conflict": conflict,
        "revisions": list(found_kind.revisions(item)),
    }
    if conflict is not None:
        status = 409
    else:
        status = 400 if form.errors else 200
    return render(request, "projects/answers/answer.html", ctx, status=status)


@login_required
@require_safe
def mine(request: HttpRequest) -> HttpResponse:
    """Linked from "Your account": the answers the groups gave to the ideas you wrote under
    your name. One query for your projects, one for each kind of idea."""
    project_ids = list(
        Membership.objects.filter(user=request.user).values_list("project_id", flat=True)
    )
    answered = []
    for kind in KINDS.values():
        for item in kind.answered_for(request.user, project_ids):
            answered.append(
                {
                    "kind": kind,
                    "item": item,
                    "words": kind.text(item),
                    "where": kind.where(item),
                    "project": kind.project_of(item),
                }
            )
    answered.sort(key=lambda row: row["item"].answered_at, reverse=True)
    return render(request, "projects/answers/mine.html", {"answered": answered})
