"""The one way every project-scoped view finds its project."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from .models import Membership, Project


def get_project_for_user(
    request: HttpRequest, project_id: int, *, facilitator: bool = False
) -> tuple[Project, Membership]:
    """Return the project and the signed-in person's membership of it.

    Non-members get 404, so nobody learns that a project exists. When
    ``facilitator`` is set, a co-producer gets 403 with a plain reason.
    """
    if not request.user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.select_related("project")
        .filter(project_id=project_id, user=request.user)
        .first()
    )
    if membership is None:
        raise Http404
    if facilitator and not membership.is_facilitator:
        raise PermissionDenied(_("Only the project's facilitators can do this."))
    _refuse_changes_once_completed(request, membership.project)
    return membership.project, membership


# What a completed project still takes: news, thanks, each person's own choices, who is a
# member and in what role, check-ins (a group asks "what's changed six months on?"), and
# the settings where a facilitator can reopen it.
OPEN_AFTER_COMPLETION = {
    # A facilitator may still write the personal line on a member's certificate.
    "projects:certificate",
    "checkins:checkin_start",
    "checkins:checkin",
    "checkins:checkin_close",
    "projects:settings",
    "projects:member_role",
    "projects:member_remove",
    "completing:updates",
    "completing:thanks",
    "completing:touch",
    "projects:leave",
}

# Pages that exist only to change the work: once the project is completed, opening one
# explains why instead of showing a form that would be refused.
FORM_PAGES = {
    "projects:edit",
    "rules:rule_edit",
    "invitations:invitations",
    "marks:mark_add",
    "marks:mark_edit",
    "marks:note_edit",
    "marks:action_edit",
    "marks:scoring_settings",
    "lake:edit",
}


def _refuse_changes_once_completed(request: HttpRequest, project: Project) -> None:
    if project.completed_at is None:
        return
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match is not None else None
    if request.method in ("GET", "HEAD", "OPTIONS") and view_name not in FORM_PAGES:
        return
    if view_name in OPEN_AFTER_COMPLETION:
        return
    raise PermissionDenied(
        _(
            "This project is completed, so its work can no longer be changed. "
            "A facilitator can reopen it in the project's settings."
        )
    )


def get_revision_for_user(request: HttpRequest, project_id: int) -> int:
    """The project's change counter, for live pages' polls, in one small query.

    Non-members get 404, as everywhere. A poll compares this with the revision its
    page was drawn at and answers an empty 204 when nothing has changed.
    """
    if not request.user.is_authenticated:
        raise Http404
    revision = (
        Membership.objects.filter(project_id=project_id, user=request.user)
        .values_list("project__revision", flat=True)
        .first()
    )
    if revision is None:
        raise Http404
    return revision
