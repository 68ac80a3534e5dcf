"""The decision log: reading it, adding a decision made elsewhere, rewording one, its history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from decisions import services
from decisions.models import Decision
from projects.access import get_project_for_change, get_project_for_user
from projects.shared_words.views import edit_words

from .forms import DecisionAddForm, DecisionEditForm


@login_required
@require_safe
def log(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    ctx = {
        "project": project,
        "membership": membership,
        "decisions": services.decisions_of(project),
    }
    return render(request, "decisions/log/log.html", ctx)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def decision_new(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id)
    form = DecisionAddForm(request.POST if request.method == "POST" else None, project=project)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        decision = services.decision_add(
            project=project,
            actor=request.user,
            text=data["text"],
            how=data["how"],
            made_by=data["made_by"],
            say=data["say"],
            decided_on=data["decided_on"],
            mark=data["mark"],
            postit=data["postit"],
            action=data["action"],
        )
        messages.success(request, _("The decision is in the log."))
        return redirect(f"{reverse('decision_log:log', args=[project.pk])}#decision-{decision.pk}")
    ctx = {"project": project, "membership": membership, "form": form}
    return render(request, "decisions/log/new.html", ctx, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def decision_edit(request: HttpRequest, project_id: int, decision_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id)
    decision = get_object_or_404(Decision, pk=decision_id, project=project)
    log_url = f"{reverse('decision_log:log', args=[project.pk])}#decision-{decision.pk}"

    def make_form(data=None, initial=None):
        return DecisionEditForm(data, initial=initial, how=decision.how)

    def save(*, base_version, **words):
        changes = {name: words[name] for name in Decision.wording_fields if name in words}
        return services.decision_edit(
            decision=decision, actor=request.user, base_version=base_version, changes=changes
        )

    return edit_words(
        request,
        item=decision,
        make_form=make_form,
        save=save,
        context={
            "project": project,
            "membership": membership,
            "decision": decision,
            "conflict_title": _("Someone changed this decision while you were writing"),
        },
        template="decisions/log/edit.html",
        back_url=log_url,
        saved_message=_("The decision's words are changed; the earlier ones are kept."),
    )


@login_required
@require_safe
def decision_history(request: HttpRequest, project_id: int, decision_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    decision = get_object_or_404(Decision, pk=decision_id, project=project)
    ctx = {
        "project": project,
        "membership": membership,
        "decision": decision,
        "revisions": decision.revisions.select_related("edited_by"),
    }
    return render(request, "decisions/log/history.html", ctx)
