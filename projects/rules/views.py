"""Ground rules: adding one, agreeing to it, changing its wording and reading earlier ones."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from projects.access import get_project_for_change, get_project_for_user
from projects.activity import record_activity
from projects.models import Activity, Agreement, GroundRule
from projects.selectors import ground_rules
from projects.shared_words.views import edit_words

from . import services
from .forms import GroundRuleEditForm, GroundRuleForm


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def rules(request: HttpRequest, project_id: int) -> HttpResponse:
    # Anyone may read this page; adding to it is refused once the project is completed.
    if request.method == "POST":
        project, membership = get_project_for_change(request, project_id)
    else:
        project, membership = get_project_for_user(request, project_id)
    form = GroundRuleForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_bound:
        if form.is_valid():
            services.ground_rule_add(
                project=project, author=request.user, text=form.cleaned_data["text"]
            )
            if not request.htmx:
                messages.success(request, _("Your ground rule has been added."))
                return redirect("rules:rules", project_id=project.pk)
            form = GroundRuleForm()
        else:
            status = 400
    ctx = {
        "project": project,
        "membership": membership,
        "rules": ground_rules(project),
        "form": form,
    }
    template = "projects/rules/rules.html"
    if request.htmx:
        template += "#rules-section"
    return render(request, template, ctx, status=status)


@login_required
@require_POST
def rule_agree(request: HttpRequest, project_id: int, rule_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id)
    rule = get_object_or_404(GroundRule, pk=rule_id, project=project)
    agree = request.POST.get("agree") == "yes"
    if agree:
        _agreement, created = Agreement.objects.get_or_create(rule=rule, user=request.user)
        if created:
            record_activity(
                project=project,
                actor=request.user,
                kind=Activity.Kind.RULE_AGREED,
                detail=rule.text,
            )
    else:
        Agreement.objects.filter(rule=rule, user=request.user).delete()
    if request.htmx:
        rule = ground_rules(project).get(pk=rule.pk)
        ctx = {"project": project, "membership": membership, "rule": rule}
        return render(request, "projects/rules/rules.html#rule", ctx)
    return redirect(f"{reverse('rules:rules', args=[project.pk])}#rule-{rule.pk}")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def rule_edit(request: HttpRequest, project_id: int, rule_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id)
    rule = get_object_or_404(GroundRule, pk=rule_id, project=project)
    return edit_words(
        request,
        item=rule,
        make_form=GroundRuleEditForm,
        save=partial(services.ground_rule_edit, rule=rule, editor=request.user),
        context={"project": project, "membership": membership, "rule": rule},
        template="projects/rules/rule_edit.html",
        back_url=reverse("rules:rules", args=[project.pk]),
        saved_message=_("The ground rule has been changed."),
    )


@login_required
@require_safe
def rule_history(request: HttpRequest, project_id: int, rule_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    rule = get_object_or_404(GroundRule, pk=rule_id, project=project)
    revisions = rule.revisions.select_related("edited_by")
    ctx = {"project": project, "membership": membership, "rule": rule, "revisions": revisions}
    return render(request, "projects/rules/rule_history.html", ctx)
