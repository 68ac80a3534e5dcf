"""The project itself: the list, creating one, its home, its aims, members and roles,
leaving, and settings.

Invitations, ground rules and completing are feature folders beside this module.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from . import services
from .access import get_project_for_change, get_project_for_user
from .editing import save_edit
from .forms import ProjectEditForm, ProjectForm, RoleForm, SettingsForm
from .models import DESCRIPTION_FIELDS, Activity, Membership, Project
from .selectors import ground_rules
from .stages import STAGE_SUMMARIES, Stage


def _form_status(form) -> int:
    # A form sent back with errors is a 400, so tests and tools can tell it from a fresh page.
    return 400 if form.is_bound and form.errors else 200


@login_required
@require_safe
def project_list(request: HttpRequest) -> HttpResponse:
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("project")
        # Archived projects last. Databases disagree on where NULLs sort, so say it.
        .order_by(F("project__archived_at").asc(nulls_first=True), "-project__last_activity_at")
    )
    return render(request, "projects/list.html", {"memberships": memberships})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def project_create(request: HttpRequest) -> HttpResponse:
    form = ProjectForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        project = services.project_create(creator=request.user, **form.cleaned_data)
        messages.success(request, _("Your project has been created. You are its facilitator."))
        return redirect("projects:home", project_id=project.pk)
    return render(request, "projects/create.html", {"form": form}, status=_form_status(form))


def _members(project: Project):
    return (
        Membership.objects.filter(project=project)
        .select_related("user")
        .order_by("user__name", "pk")
    )


def _stages_panel_url(project: Project) -> str:
    """Where the marks app serves its stages panel: by URL name, as projects can't import marks."""
    return reverse("marks:stages_panel", args=[project.pk])


@login_required
@require_safe
def home(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    last_seen = membership.last_seen_at
    activities = list(Activity.objects.filter(project=project).select_related("actor")[:10])
    Membership.objects.filter(pk=membership.pk).update(last_seen_at=timezone.now())
    stages = [(stage, STAGE_SUMMARIES[stage]) for stage in Stage]
    ctx = {
        "project": project,
        "membership": membership,
        "members": _members(project),
        "rules": ground_rules(project),
        "activities": activities,
        "last_seen": last_seen,
        "stages": stages,
        "stages_panel_url": _stages_panel_url(project),
    }
    return render(request, "projects/home.html", ctx)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id)
    conflict = None
    status = 200
    if request.method == "POST":
        # No instance: validating a ModelForm copies its words onto the instance,
        # and ``project`` must keep the saved wording for the page (and a conflict).
        result = save_edit(
            request,
            project,
            ProjectEditForm,
            lambda data: services.project_update_description(
                project=project,
                editor=request.user,
                base_version=data["version"],
                **{name: data[name] for name in DESCRIPTION_FIELDS},
            ),
        )
        if result.ok:
            messages.success(request, _("Your changes have been saved."))
            return redirect("projects:home", project_id=project.pk)
        form, conflict, status = result.form, result.conflict, result.status
    else:
        form = ProjectEditForm(instance=project, initial={"version": project.version})
    ctx = {"project": project, "membership": membership, "form": form, "conflict": conflict}
    return render(request, "projects/edit.html", ctx, status=status)


@login_required
@require_safe
def history(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    revisions = project.revisions.select_related("edited_by")
    ctx = {"project": project, "membership": membership, "revisions": revisions}
    return render(request, "projects/history.html", ctx)


@login_required
@require_safe
def members(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    ctx = {"project": project, "membership": membership, "members": _members(project)}
    return render(request, "projects/members.html", ctx)


@login_required
@require_POST
def member_role(request: HttpRequest, project_id: int, membership_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id, facilitator=True)
    target = get_object_or_404(
        Membership.objects.select_related("user", "project"), pk=membership_id, project=project
    )
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose facilitator or co-producer."))
        return redirect("projects:members", project_id=project.pk)
    try:
        services.membership_set_role(
            membership=target, role=form.cleaned_data["role"], actor=request.user
        )
    except services.LastFacilitator:
        messages.error(
            request,
            _("A project needs at least one facilitator. Make someone else a facilitator first."),
        )
    else:
        messages.success(
            request,
            _("%(name)s is now a %(role)s.")
            % {"name": target.user.name, "role": target.get_role_display().lower()},
        )
    return redirect("projects:members", project_id=project.pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def member_remove(request: HttpRequest, project_id: int, membership_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id, facilitator=True)
    target = get_object_or_404(
        Membership.objects.select_related("user", "project"), pk=membership_id, project=project
    )
    if target.pk == membership.pk:
        return redirect("projects:leave", project_id=project.pk)
    error = None
    if request.method == "POST":
        try:
            services.membership_end(membership=target, actor=request.user)
        except services.LastFacilitator:
            error = _("A project needs at least one facilitator.")
        else:
            messages.success(
                request,
                _("%(name)s has been removed from the project. What they added stays.")
                % {"name": target.user.name},
            )
            return redirect("projects:members", project_id=project.pk)
    ctx = {"project": project, "membership": membership, "target": target, "error": error}
    return render(request, "projects/member_remove.html", ctx)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def leave(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    error = None
    if request.method == "POST":
        try:
            services.membership_end(membership=membership, actor=request.user)
        except services.LastFacilitator:
            error = _(
                "You are the only facilitator. Make someone else a facilitator before you leave."
            )
        else:
            messages.success(
                request,
                _("You have left %(project)s. What you added stays.") % {"project": project.name},
            )
            return redirect("projects:list")
    ctx = {"project": project, "membership": membership, "error": error}
    return render(request, "projects/leave.html", ctx, status=400 if error else 200)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def project_settings(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id, facilitator=True)
    initial = {"completed": project.is_completed, "archived": project.is_archived}
    form = SettingsForm(
        request.POST if request.method == "POST" else None, instance=project, initial=initial
    )
    if form.is_bound and form.is_valid():
        now = timezone.now()
        project.allow_anonymous = form.cleaned_data["allow_anonymous"]
        project.members_may_set_aside = form.cleaned_data["members_may_set_aside"]
        if form.cleaned_data["completed"] != project.is_completed:
            project.completed_at = now if form.cleaned_data["completed"] else None
            # Completing again later starts a new six months before the reminder.
            project.six_month_reminder_sent_at = None
        if form.cleaned_data["archived"] != project.is_archived:
            project.archived_at = now if form.cleaned_data["archived"] else None
        project.save(
            update_fields=[
                "allow_anonymous",
                "members_may_set_aside",
                "completed_at",
                "archived_at",
                "six_month_reminder_sent_at",
            ]
        )
        services.record_activity(project=project, actor=request.user, kind=Activity.Kind.SETTINGS)
        messages.success(request, _("The project's settings have been saved."))
        return redirect("projects:home", project_id=project.pk)
    return render(
        request,
        "projects/settings.html",
        {"project": project, "membership": membership, "form": form},
    )
