"""The benchmark, the action plan and their CSV exports. Every member may use them all."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.models import User
from projects.access import get_project_for_change, get_project_for_user
from projects.models import Membership, Project
from projects.shared_words.services import StaleEdit
from projects.shared_words.views import edit_words

from ..models import Action, Mark
from . import exports, selectors, services
from .forms import ActionEditForm, ActionForm, CompareForm, StatusForm

ORDERS = ("stage", "date")


def _members(project: Project) -> list[User]:
    return [
        m.user
        for m in Membership.objects.filter(project=project)
        .select_related("user")
        .order_by("user__name", "pk")
    ]


def _marks(project: Project) -> list[Mark]:
    return list(
        Mark.objects.filter(project=project, hidden=False).order_by("stage", "position", "pk")
    )


def _action_form(
    project: Project,
    data=None,
    *,
    keep: Mark | None = None,
    form_class: type[ActionForm] = ActionForm,
    **kwargs,
) -> ActionForm:
    marks = _marks(project)
    # An action stays on its mark even after the group hides the mark.
    if keep is not None and keep not in marks:
        marks.append(keep)
    return form_class(
        data,
        project=project,
        members=_members(project),
        marks=marks,
        prefix="action",
        **kwargs,
    )


def _back_url(project: Project, back: str, mark_id: int | None, anchor: str = "") -> str:
    """Where a member goes after adding or changing an action: the page they came from."""
    if back == "mark" and mark_id:
        url = reverse("marks:mark", args=[project.pk, mark_id])
        return f"{url}#{anchor or 'actions'}"
    if back == "benchmark":
        url = reverse("actions:benchmark", args=[project.pk])
        return f"{url}#{anchor or (f'mark-{mark_id}' if mark_id else 'marks')}"
    return f"{reverse('actions:action_plan', args=[project.pk])}#{anchor or 'actions'}"


def _back(request: HttpRequest) -> str:
    value = request.POST.get("back") or request.GET.get("back") or "plan"
    return value if value in ("mark", "benchmark", "plan") else "plan"


# -- the benchmark -----------------------------------------------------------------


@login_required
@require_safe
def benchmark(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    stages = selectors.benchmark(project)
    # Each mark's actions, so the group can move them on from here too.
    by_mark: dict[int, list[Action]] = {}
    for a in selectors.actions_of(project):
        a.owners_text = selectors.owners_text(a)
        if a.mark_id:
            by_mark.setdefault(a.mark_id, []).append(a)
    for stage in stages:
        for m in stage.marks:
            m.actions = by_mark.get(m.mark.pk, [])
    comparing = "first" in request.GET or "second" in request.GET
    compare_form = CompareForm(request.GET if comparing else None)
    comparison = None
    if comparing and compare_form.is_valid():
        comparison = selectors.compare(
            stages, compare_form.cleaned_data["first"], compare_form.cleaned_data["second"]
        )
    first = second = None
    if comparison:
        first, second = compare_form.cleaned_data["first"], compare_form.cleaned_data["second"]
        selectors.stage_bars(stages, min(first, second), max(first, second))
    else:
        selectors.stage_bars(stages)
    ctx = {
        "project": project,
        "membership": membership,
        "stages": stages,
        "any_scores": any(s.scored for s in stages),
        "compare_form": compare_form,
        "comparison": comparison,
        "first": compare_form.cleaned_data.get("first") if comparison is not None else None,
        "second": compare_form.cleaned_data.get("second") if comparison is not None else None,
        "statuses": Action.Status.choices,
        # The two days in order, for the charts' key: the earlier score beside the later one.
        "earliest": min(first, second) if comparison else None,
        "latest": max(first, second) if comparison else None,
        "back": "benchmark",
    }
    status = 400 if comparing and not compare_form.is_valid() else 200
    return render(request, "marks/actions/benchmark.html", ctx, status=status)


def _csv_response(content: str, project: Project, what: str) -> HttpResponse:
    response = HttpResponse(content.encode("utf-8"), content_type="text/csv; charset=utf-8")
    name = f"{slugify(project.name) or 'project'}-{what}-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_safe
def score_history_csv(request: HttpRequest, project_id: int) -> HttpResponse:
    project, _membership = get_project_for_user(request, project_id)
    return _csv_response(exports.score_history_csv(project), project, "score-history")


# -- the action plan -------------------------------------------------------------


def _plan_context(project, membership, order: str, form: ActionForm | None = None) -> dict:
    actions = list(selectors.actions_of(project))
    for a in actions:
        a.owners_text = selectors.owners_text(a)
    return {
        "project": project,
        "membership": membership,
        "order": order,
        "count": len(actions),
        "groups": selectors.by_stage(actions) if order == "stage" else None,
        "dated": selectors.by_date(actions) if order == "date" else None,
        "form": form or _action_form(project),
        "statuses": Action.Status.choices,
        "back": "plan",
    }


@login_required
@require_safe
def action_plan(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    order = request.GET.get("order", "stage")
    if order not in ORDERS:
        order = "stage"
    return render(request, "marks/actions/actions.html", _plan_context(project, membership, order))


@login_required
@require_safe
def actions_csv(request: HttpRequest, project_id: int) -> HttpResponse:
    project, _membership = get_project_for_user(request, project_id)
    return _csv_response(exports.actions_csv(project), project, "action-plan")


def _mark_from_query(request: HttpRequest, project: Project) -> Mark | None:
    value = request.GET.get("mark", "")
    if not value.isdigit():
        return None
    return get_object_or_404(Mark, pk=value, project=project)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def action_add(request: HttpRequest, project_id: int) -> HttpResponse:
    """The add form: a page of its own, or the mark page's actions section for htmx."""
    # Anyone may read this page; adding to it is refused once the project is completed.
    if request.method == "POST":
        project, membership = get_project_for_change(request, project_id)
    else:
        project, membership = get_project_for_user(request, project_id)
    back = _back(request)
    # A GET may name the mark the action is about (the mark page's actions section).
    mark = None if request.method == "POST" else _mark_from_query(request, project)
    form = _action_form(
        project,
        request.POST if request.method == "POST" else None,
        initial={"mark": mark.pk if mark else ""},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            action = services.action_add(
                project=project,
                actor=request.user,
                text=data["text"],
                kind=data["kind"],
                owners=data["owners"],
                everyone=data["everyone"],
                due=data["due"],
                status=data["status"],
                mark=data["mark"],
            )
            messages.success(request, _("The action has been added to the plan."))
            return redirect(_back_url(project, back, action.mark_id, f"action-{action.pk}"))
        status = 400
        mark = form.cleaned_data.get("mark")
    actions = []
    if mark is not None:
        actions = list(selectors.actions_of(project, mark=mark))
        for a in actions:
            a.owners_text = selectors.owners_text(a)
    ctx = {
        "project": project,
        "membership": membership,
        "form": form,
        "mark": mark,
        "actions": actions,
        "back": back,
        "statuses": Action.Status.choices,
    }
    if request.htmx and request.method == "GET":
        return render(request, "marks/actions/action_add.html#mark-actions", ctx)
    return render(request, "marks/actions/action_add.html", ctx, status=status)


def _action(project: Project, action_id: int) -> Action:
    return get_object_or_404(
        Action.objects.select_related("mark", "project"), pk=action_id, project=project
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def action_edit(request: HttpRequest, project_id: int, action_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id)
    action = _action(project, action_id)
    back = _back(request)

    def prepare(form, conflict) -> None:
        if conflict is not None:
            # Who the action is for is not one of its columns: show it beside the words too.
            mine = form.cleaned_data
            conflict.rows.append(
                (
                    _("Who"),
                    selectors.names_text(
                        everyone=mine.get("everyone", False), owners=mine.get("owners", [])
                    ),
                    selectors.owners_text(action),
                )
            )

    return edit_words(
        request,
        item=action,
        make_form=partial(_action_form, project, keep=action.mark, form_class=ActionEditForm),
        save=partial(services.action_update, action=action, actor=request.user),
        context={"project": project, "membership": membership, "action": action, "back": back},
        template="marks/actions/action_edit.html",
        # After a save, the mark the action is on now.
        back_url=lambda: _back_url(project, back, action.mark_id, f"action-{action.pk}"),
        saved_message=_("The action has been changed."),
        prepare=prepare,
        # Who it is for and which mark it is about, beside its words.
        initial={
            "everyone": action.everyone,
            "owners": [str(u.pk) for u in action.owners.all()],
            "mark": action.mark_id or "",
        },
    )


@login_required
@require_POST
def action_status(request: HttpRequest, project_id: int, action_id: int) -> HttpResponse:
    """One button's worth of change: move an action to done, doing, dropped or back to do."""
    project, membership = get_project_for_change(request, project_id)
    action = _action(project, action_id)
    back = _back(request)
    form = StatusForm(request.POST)
    if not form.is_valid():
        # The status's own message first: the buttons always send a version.
        first = next(iter(form.errors.values()))[0]
        return HttpResponse(first, status=400)
    try:
        action = services.action_update(
            action=action,
            actor=request.user,
            base_version=form.cleaned_data["version"],
            status=form.cleaned_data["status"],
        )
    except StaleEdit:
        level = messages.ERROR
        said = _(
            "Someone changed this action while you were looking at it. Check it and try again."
        )
        action.refresh_from_db()
    else:
        level = messages.SUCCESS
        said = _("“%(text)s” is now: %(status)s.") % {
            "text": action.text[:60],
            "status": action.get_status_display(),
        }
    if request.htmx:
        # Only this action's row changes; it says what happened and takes the focus.
        action.owners_text = selectors.owners_text(action)
        ctx = {
            "project": project,
            "action": action,
            "statuses": Action.Status.choices,
            "back": back,
            "show_mark": back == "plan",
            "saved": said,
        }
        return render(request, "marks/actions/_action.html", ctx)
    messages.add_message(request, level, said)
    return redirect(_back_url(project, back, action.mark_id, f"action-{action.pk}"))
