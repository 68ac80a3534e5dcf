from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.mail import send_mail
from django.db.models import F, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from . import services
from .access import get_project_for_user
from .editing import save_edit
from .forms import (
    EmailInvitationForm,
    GroundRuleEditForm,
    GroundRuleForm,
    InvitationForm,
    ProjectEditForm,
    ProjectForm,
    RoleForm,
    SettingsForm,
)
from .models import (
    DESCRIPTION_FIELDS,
    Activity,
    Agreement,
    GroundRule,
    Invitation,
    Membership,
    Project,
)
from .stages import STAGE_SUMMARIES, Stage

PENDING_INVITATION = "pending_invitation"

# A page with a form: shown by GET, sent by POST; anything else is a mistake.
require_form_methods = require_http_methods(["GET", "HEAD", "POST"])


def _posted(request: HttpRequest):
    """The submitted data, or None for a GET.

    Not ``request.POST or None``: a POST with every box unticked (or no fields
    at all) must still be validated, not shown as a fresh form.
    """
    return request.POST if request.method == "POST" else None


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
@require_form_methods
def project_create(request: HttpRequest) -> HttpResponse:
    form = ProjectForm(_posted(request))
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


def _rules(project: Project):
    agreements = Agreement.objects.select_related("user").order_by("user__name")
    return (
        GroundRule.objects.filter(project=project)
        .select_related("created_by")
        .prefetch_related(Prefetch("agreements", queryset=agreements))
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
        "rules": _rules(project),
        "activities": activities,
        "last_seen": last_seen,
        "stages": stages,
        "stages_panel_url": _stages_panel_url(project),
    }
    return render(request, "projects/home.html", ctx)


@login_required
@require_form_methods
def edit(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
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
@require_form_methods
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
@require_form_methods
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


def _invitation_url(request: HttpRequest, invitation: Invitation) -> str:
    return request.build_absolute_uri(reverse("projects:join", args=[invitation.token]))


@login_required
@require_form_methods
def invitations(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id, facilitator=True)
    form = InvitationForm(_posted(request))
    if form.is_bound and form.is_valid():
        Invitation.objects.create(
            project=project,
            created_by=request.user,
            expires_at=form.expires_at(),
            max_uses=form.cleaned_data["max_uses"],
        )
        services.record_activity(project=project, actor=request.user, kind=Activity.Kind.INVITED)
        messages.success(request, _("A new invitation link is ready. Share it with your group."))
        return redirect("projects:invitations", project_id=project.pk)
    return _render_invitations(
        request, project, membership, form, EmailInvitationForm(), status=_form_status(form)
    )


def _render_invitations(request, project, membership, form, email_form, status=200):
    invitations = list(project.invitations.select_related("created_by"))
    for invitation in invitations:
        invitation.url = _invitation_url(request, invitation)
    ctx = {
        "project": project,
        "membership": membership,
        "form": form,
        "email_form": email_form,
        "invitations": invitations,
    }
    return render(request, "projects/invitations.html", ctx, status=status)


@login_required
@require_POST
def invitation_email(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id, facilitator=True)
    email_form = EmailInvitationForm(request.POST)
    if not email_form.is_valid():
        return _render_invitations(
            request, project, membership, InvitationForm(), email_form, status=400
        )
    invitation = Invitation.objects.create(
        project=project,
        created_by=request.user,
        expires_at=Invitation.default_expiry(),
        max_uses=1,
        email=email_form.cleaned_data["email"],
    )
    ctx = {
        "project": project,
        "inviter": request.user,
        "url": _invitation_url(request, invitation),
        "days": Invitation.DEFAULT_DAYS,
    }
    send_mail(
        subject=_("%(name)s invites you to join %(project)s")
        % {"name": request.user.name, "project": project.name},
        message=render_to_string("projects/email/invitation.txt", ctx),
        from_email=None,
        recipient_list=[invitation.email],
    )
    services.record_activity(project=project, actor=request.user, kind=Activity.Kind.INVITED)
    messages.success(
        request, _("We have emailed an invitation to %(email)s.") % {"email": invitation.email}
    )
    return redirect("projects:invitations", project_id=project.pk)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, project_id: int, invitation_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id, facilitator=True)
    invitation = get_object_or_404(Invitation, pk=invitation_id, project=project)
    if invitation.revoked_at is None:
        invitation.revoke()
    messages.success(request, _("That invitation has been stopped. Its link no longer works."))
    return redirect("projects:invitations", project_id=project.pk)


@require_form_methods
def join(request: HttpRequest, token: str) -> HttpResponse:
    invitation = (
        Invitation.objects.select_related("project", "created_by").filter(token=token).first()
    )
    if invitation is None:
        return render(request, "projects/join_unknown.html", status=404)
    project = invitation.project
    if request.user.is_authenticated:
        if Membership.objects.filter(project=project, user=request.user).exists():
            request.session.pop(PENDING_INVITATION, None)
            return redirect("projects:home", project_id=project.pk)
        if not invitation.is_active:
            request.session.pop(PENDING_INVITATION, None)
            return render(
                request, "projects/join_closed.html", {"invitation": invitation}, status=410
            )
        # Arriving back from signing up or in through this link: don't ask again.
        if request.method == "POST" or request.session.get(PENDING_INVITATION) == token:
            request.session.pop(PENDING_INVITATION, None)
            try:
                services.invitation_accept(invitation=invitation, user=request.user)
            except ValueError:
                return render(
                    request, "projects/join_closed.html", {"invitation": invitation}, status=410
                )
            messages.success(
                request, _("Welcome! You have joined %(project)s.") % {"project": project.name}
            )
            return redirect("projects:home", project_id=project.pk)
        return render(request, "projects/join.html", {"invitation": invitation})
    if not invitation.is_active:
        return render(request, "projects/join_closed.html", {"invitation": invitation}, status=410)
    if request.method == "POST":
        # The person chose to sign up or sign in: remember the invitation through it.
        request.session[PENDING_INVITATION] = token
        target = "account_login" if request.POST.get("have_account") else "account_signup"
        return redirect(f"{reverse(target)}?next={reverse('projects:join', args=[token])}")
    return render(request, "projects/join.html", {"invitation": invitation})


@login_required
@require_form_methods
def rules(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    form = GroundRuleForm(_posted(request))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.ground_rule_add(
                project=project, author=request.user, text=form.cleaned_data["text"]
            )
            if not request.htmx:
                messages.success(request, _("Your ground rule has been added."))
                return redirect("projects:rules", project_id=project.pk)
            form = GroundRuleForm()
        else:
            status = 400
    ctx = {"project": project, "membership": membership, "rules": _rules(project), "form": form}
    template = "projects/rules.html#rules-section" if request.htmx else "projects/rules.html"
    # htmx swaps only 2xx responses by default; the form's errors still need showing.
    if request.htmx:
        status = 200
    return render(request, template, ctx, status=status)


@login_required
@require_POST
def rule_agree(request: HttpRequest, project_id: int, rule_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    rule = get_object_or_404(GroundRule, pk=rule_id, project=project)
    agree = request.POST.get("agree") == "yes"
    if agree:
        _, created = Agreement.objects.get_or_create(rule=rule, user=request.user)
        if created:
            services.record_activity(
                project=project,
                actor=request.user,
                kind=Activity.Kind.RULE_AGREED,
                detail=rule.text,
            )
    else:
        Agreement.objects.filter(rule=rule, user=request.user).delete()
    if request.htmx:
        rule = _rules(project).get(pk=rule.pk)
        ctx = {"project": project, "membership": membership, "rule": rule}
        return render(request, "projects/rules.html#rule", ctx)
    return redirect(f"{reverse('projects:rules', args=[project.pk])}#rule-{rule.pk}")


@login_required
@require_form_methods
def rule_edit(request: HttpRequest, project_id: int, rule_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    rule = get_object_or_404(GroundRule, pk=rule_id, project=project)
    conflict = None
    status = 200
    if request.method == "POST":
        result = save_edit(
            request,
            rule,
            GroundRuleEditForm,
            lambda data: services.ground_rule_edit(
                rule=rule,
                editor=request.user,
                base_version=data["version"],
                text=data["text"],
            ),
        )
        if result.ok:
            messages.success(request, _("The ground rule has been changed."))
            return redirect("projects:rules", project_id=project.pk)
        form, conflict, status = result.form, result.conflict, result.status
    else:
        form = GroundRuleEditForm(initial={"text": rule.text, "version": rule.version})
    ctx = {
        "project": project,
        "membership": membership,
        "rule": rule,
        "form": form,
        "conflict": conflict,
    }
    return render(request, "projects/rule_edit.html", ctx, status=status)


@login_required
@require_safe
def rule_history(request: HttpRequest, project_id: int, rule_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    rule = get_object_or_404(GroundRule, pk=rule_id, project=project)
    revisions = rule.revisions.select_related("edited_by")
    ctx = {"project": project, "membership": membership, "rule": rule, "revisions": revisions}
    return render(request, "projects/rule_history.html", ctx)


@login_required
@require_form_methods
def project_settings(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id, facilitator=True)
    initial = {"completed": project.is_completed, "archived": project.is_archived}
    form = SettingsForm(_posted(request), instance=project, initial=initial)
    if form.is_bound and form.is_valid():
        now = timezone.now()
        project.allow_anonymous = form.cleaned_data["allow_anonymous"]
        if form.cleaned_data["completed"] != project.is_completed:
            project.completed_at = now if form.cleaned_data["completed"] else None
            # Completing again later starts a new six months before the reminder.
            project.six_month_reminder_sent_at = None
        if form.cleaned_data["archived"] != project.is_archived:
            project.archived_at = now if form.cleaned_data["archived"] else None
        project.save(
            update_fields=[
                "allow_anonymous",
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
