"""Inviting people: links to share, invitations by email, stopping a link, and joining."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from projects.access import get_project_for_change
from projects.models import Invitation, Membership

from . import services
from .forms import EmailInvitationForm, InvitationForm

# The invitation a signed-out person is joining through, kept across signing up or in.
PENDING_INVITATION = "pending_invitation"


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def invitations(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id, facilitator=True)
    form = InvitationForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        services.invitation_create(
            project=project,
            creator=request.user,
            expires_at=form.expires_at(),
            max_uses=form.cleaned_data["max_uses"],
        )
        messages.success(request, _("A new invitation link is ready. Share it with your group."))
        return redirect("invitations:invitations", project_id=project.pk)
    # A form sent back with errors is a 400, so tests and tools can tell it from a fresh page.
    status = 400 if form.is_bound else 200
    return _render_invitations(
        request, project, membership, form, EmailInvitationForm(), status=status
    )


def _render_invitations(request, project, membership, form, email_form, status=200):
    invitations = list(project.invitations.select_related("created_by"))
    for invitation in invitations:
        invitation.url = services.invitation_url(invitation)
    ctx = {
        "project": project,
        "membership": membership,
        "form": form,
        "email_form": email_form,
        "invitations": invitations,
    }
    return render(request, "projects/invitations/invitations.html", ctx, status=status)


@login_required
@require_POST
def invitation_email(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id, facilitator=True)
    email_form = EmailInvitationForm(request.POST)
    if not email_form.is_valid():
        return _render_invitations(
            request, project, membership, InvitationForm(), email_form, status=400
        )
    email = email_form.cleaned_data["email"]
    try:
        services.invitation_send(project=project, creator=request.user, email=email)
    except services.InvitationLimitReached:
        email_form.add_error(
            "email",
            _(
                "You have sent as many invitations by email as you can for now "
                "(%(hour)s an hour, %(day)s a day). Try again later, or make a link "
                "to share instead."
            )
            % {
                "hour": settings.INVITATION_EMAILS_PER_HOUR,
                "day": settings.INVITATION_EMAILS_PER_DAY,
            },
        )
        return _render_invitations(
            request, project, membership, InvitationForm(), email_form, status=429
        )
    except services.InvitationNotSent as failure:
        messages.warning(
            request,
            _(
                "We couldn't send the email to %(email)s, so no invitation went out. "
                "Here is a link for one person to send them yourself instead: %(url)s"
            )
            % {"email": email, "url": services.invitation_url(failure.link)},
        )
        return redirect("invitations:invitations", project_id=project.pk)
    messages.success(request, _("We have emailed an invitation to %(email)s.") % {"email": email})
    return redirect("invitations:invitations", project_id=project.pk)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, project_id: int, invitation_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id, facilitator=True)
    invitation = get_object_or_404(Invitation, pk=invitation_id, project=project)
    if invitation.revoked_at is None:
        invitation.revoke()
    messages.success(request, _("That invitation has been stopped. Its link no longer works."))
    return redirect("invitations:invitations", project_id=project.pk)


@require_http_methods(["GET", "HEAD", "POST"])
def join(request: HttpRequest, token: str) -> HttpResponse:
    invitation = (
        Invitation.objects.select_related("project", "created_by").filter(token=token).first()
    )
    if invitation is None:
        return render(request, "projects/invitations/join_unknown.html", status=404)
    project = invitation.project
    closed = "projects/invitations/join_closed.html"
    removed = "projects/invitations/join_removed.html"
    if request.user.is_authenticated:
        if Membership.objects.filter(project=project, user=request.user).exists():
            request.session.pop(PENDING_INVITATION, None)
            return redirect("projects:home", project_id=project.pk)
        if not invitation.is_active:
            request.session.pop(PENDING_INVITATION, None)
            return render(request, closed, {"invitation": invitation}, status=410)
        if not services.may_join(invitation, request.user):
            request.session.pop(PENDING_INVITATION, None)
            return render(request, removed, {"invitation": invitation}, status=403)
        # Arriving back from signing up or in through this link: don't ask again.
        if request.method == "POST" or request.session.get(PENDING_INVITATION) == token:
            request.session.pop(PENDING_INVITATION, None)
            try:
                services.invitation_accept(invitation=invitation, user=request.user)
            except ValueError:
                return render(request, closed, {"invitation": invitation}, status=410)
            except services.RemovedFromProject:
                return render(request, removed, {"invitation": invitation}, status=403)
            messages.success(
                request, _("Welcome! You have joined %(project)s.") % {"project": project.name}
            )
            return redirect("projects:home", project_id=project.pk)
        return render(request, "projects/invitations/join.html", {"invitation": invitation})
    if not invitation.is_active:
        return render(request, closed, {"invitation": invitation}, status=410)
    if request.method == "POST":
        # The person chose to sign up or sign in: remember the invitation through it.
        request.session[PENDING_INVITATION] = token
        target = "account_login" if request.POST.get("have_account") else "account_signup"
        return redirect(f"{reverse(target)}?next={reverse('invitations:join', args=[token])}")
    return render(request, "projects/invitations/join.html", {"invitation": invitation})
