"""Pages for staying in touch, project updates and thank-yous."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from projects.access import get_project_for_user
from projects.models import Membership, Thanks, Update

from . import services
from .forms import ContactChoicesForm, ThanksForm, UpdateForm


def _members(project):
    return Membership.objects.filter(project=project).select_related("user").order_by("user__name")


def _status(form) -> int:
    return 400 if form.is_bound and form.errors else 200


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def touch(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    form = ContactChoicesForm(
        request.POST if request.method == "POST" else None, instance=membership
    )
    if form.is_bound and form.is_valid():
        services.membership_set_contact_choices(
            membership=membership,
            stay_in_touch=form.cleaned_data["stay_in_touch"],
            keep_details=form.cleaned_data["keep_details"],
        )
        messages.success(request, _("Your choices have been saved."))
        return redirect("projects:home", project_id=project.pk)
    ctx = {"project": project, "membership": membership, "form": form}
    # Only facilitators see who said yes: they are the ones who send updates.
    if membership.is_facilitator:
        members = list(_members(project))
        ctx["staying"] = [m for m in members if m.stay_in_touch]
        ctx["keeping"] = [m for m in members if m.keep_details]
    return render(request, "projects/completing/touch.html", ctx, status=_status(form))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def updates(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_user(
        request, project_id, facilitator=request.method == "POST"
    )
    form = UpdateForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        services.update_post(project=project, author=request.user, **form.cleaned_data)
        messages.success(
            request,
            _(
                "Your update has been shared. It is being emailed to the members who asked for updates."
            ),
        )
        return redirect("completing:updates", project_id=project.pk)
    ctx = {
        "project": project,
        "membership": membership,
        "form": form,
        "updates": services.with_reach(
            Update.objects.filter(project=project).with_set_aside()
        ).select_related("author")
        if membership.is_facilitator
        else Update.objects.filter(project=project).with_set_aside().select_related("author"),
        "staying_count": Membership.objects.filter(project=project, stay_in_touch=True).count()
        if membership.is_facilitator
        else None,
    }
    return render(request, "projects/completing/updates.html", ctx, status=_status(form))


def _thanks(queryset):
    return queryset.with_set_aside().select_related("from_user", "to_user", "project")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def thanks(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    form = ThanksForm(
        request.POST if request.method == "POST" else None,
        members=_members(project),
        me=request.user,
    )
    if form.is_bound and form.is_valid():
        services.thanks_add(
            project=project,
            sender=request.user,
            to_user=form.recipient(),
            message=form.cleaned_data["message"],
        )
        messages.success(request, _("Your thank-you has been shared."))
        return redirect("completing:thanks", project_id=project.pk)
    ctx = {
        "project": project,
        "membership": membership,
        "form": form,
        "thanks_list": _thanks(Thanks.objects.filter(project=project)),
    }
    return render(request, "projects/completing/thanks.html", ctx, status=_status(form))


@login_required
@require_safe
def my_thanks(request: HttpRequest) -> HttpResponse:
    """Thanks to you, by name or as one of a whole group, across all your projects."""
    my_projects = Membership.objects.filter(user=request.user).values("project_id")
    mine = Q(to_user=request.user) | Q(to_user__isnull=True, project_id__in=my_projects)
    received = _thanks(Thanks.objects.filter(mine).exclude(from_user=request.user))
    return render(request, "projects/completing/my_thanks.html", {"thanks_list": received})


@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, signed: str) -> HttpResponse:
    """Stop update emails from a link in one, without signing in.

    Opening the link only asks; the button stops the emails, so a mail program
    that opens links to check them can't stop them by accident.
    """
    try:
        membership = services.membership_for_stop_token(signed)
    except signing.BadSignature:
        return render(request, "projects/completing/unsubscribe_bad.html", status=400)
    stopped = False
    if request.method == "POST" and membership is not None:
        services.membership_stop_updates(membership=membership)
        stopped = True
    ctx = {
        "target": membership,
        "stopped": stopped or (membership and not membership.stay_in_touch),
    }
    return render(request, "projects/completing/unsubscribe.html", ctx)
