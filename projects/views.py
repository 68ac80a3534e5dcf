"""The project itself: the list, creating one, its home, its aims, members and roles,
leaving, and settings.

Invitations, ground rules and completing are feature folders beside this module.
"""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from . import services
from .access import get_project_for_change, get_project_for_user
from .for_you import ForYou, for_you
from .forms import ProjectEditForm, ProjectForm, RemoveMemberForm, RoleForm, SettingsForm
from .home import home_panels
from .models import Activity, Membership, Project
from .selectors import ground_rules
from .shared_words.services import StaleEdit
from .shared_words.views import edit_words, settings_conflict
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


def _for_you(request: HttpRequest, project: Project, membership: Membership) -> list[ForYou]:
    """What waits for this member now; a group that hasn't written its aims starts there."""
    items = for_you(request, project, membership)
    if not project.is_completed and not any(text for _label, text in project.description()):
        start = ForYou(
            _("Start by writing your aims together"),
            reverse("projects:edit", args=[project.pk]),
            order=0,
        )
        items.insert(0, start)
    return items


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
        # What apps above add: the next meeting, the lake at a glance.
        "panels": home_panels(request, project, membership),
        "story_panels": home_panels(request, project, membership, story=True),
        "for_you": _for_you(request, project, membership),
    }
    return render(request, "projects/home.html", ctx)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id)
    return edit_words(
        request,
        item=project,
        make_form=ProjectEditForm,
        save=partial(services.project_update_description, project=project, editor=request.user),
        context={"project": project, "membership": membership},
        template="projects/edit.html",
        back_url=reverse("projects:home", args=[project.pk]),
        saved_message=_("Your changes have been saved."),
    )


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
    form = RemoveMemberForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            with transaction.atomic():
                services.membership_end(membership=target, actor=request.user)
                stopped = 0
                if form.cleaned_data["stop_links"]:
                    stopped = services.invitations_stop(project=project, actor=request.user)
        except services.LastFacilitator:
            error = _("A project needs at least one facilitator.")
        else:
            messages.success(
                request,
                _("%(name)s has been removed from the project. What they added stays.")
                % {"name": target.user.name},
            )
            if stopped:
                messages.success(request, _("The open invitation links have been stopped."))
            return redirect("projects:members", project_id=project.pk)
    ctx = {
        "project": project,
        "membership": membership,
        "target": target,
        "error": error,
        "form": form,
        "open_links": any(i.is_active for i in project.invitations.all()),
    }
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

    def make_form(data):
        initial = {
            "completed": project.is_completed,
            "archived": project.is_archived,
            "version": project.settings_version,
        }
        return SettingsForm(data, instance=project, initial=initial)

    form = make_form(request.POST if request.method == "POST" else None)
    status = 200
    conflict = None
    if form.is_bound:
        if form.is_valid():
            try:
                services.project_settings_save(
                    project=project,
                    actor=request.user,
                    version=form.cleaned_data["version"],
                    allow_anonymous=form.cleaned_data["allow_anonymous"],
                    members_may_set_aside=form.cleaned_data["members_may_set_aside"],
                    quick_exit=form.cleaned_data["quick_exit"],
                    completed=form.cleaned_data["completed"],
                    archived=form.cleaned_data["archived"],
                    time_zone=form.cleaned_data["time_zone"],
                )
            except StaleEdit:
                mine = dict(form.cleaned_data)
                project.refresh_from_db()
                form, conflict = settings_conflict(
                    make_form,
                    request.POST,
                    mine=mine,
                    newer={
                        "allow_anonymous": project.allow_anonymous,
                        "members_may_set_aside": project.members_may_set_aside,
                        "quick_exit": project.quick_exit,
                        "completed": project.is_completed,
                        "archived": project.is_archived,
                        "time_zone": project.time_zone,
                    },
                    version=project.settings_version,
                )
                status = 409
            else:
                messages.success(request, _("The project's settings have been saved."))
                return redirect("projects:home", project_id=project.pk)
        else:
            status = 400
    ctx = {
        "project": project,
        "membership": membership,
        "form": form,
        "conflict": conflict,
        "conflict_title": _("Someone else changed the settings while you had them open"),
        "keep_newer_url": request.path,
    }
    return render(request, "projects/settings.html", ctx, status=status)
