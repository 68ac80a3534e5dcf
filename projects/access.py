"""The one way every project-scoped view finds its project."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from .models import Membership, Project


def get_project_for_user(
    request: HttpRequest, project_id: int, *, facilitator: bool = False
) -> tuple[Project, Membership]:
    """Return the project and the signed-in person's membership of it, for any member.

    Non-members get 404, so nobody learns that a project exists. When ``facilitator`` is
    set, a co-producer gets 403 with a plain reason. For pages that read, and for what a
    completed project still takes: news, thanks, each person's own choices, who is a member
    and in what role, check-ins (a group asks "what's changed six months on?"), certificates
    and the settings where a facilitator can reopen it.
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
    return membership.project, membership


def get_project_for_change(
    request: HttpRequest, project_id: int, *, facilitator: bool = False
) -> tuple[Project, Membership]:
    """As ``get_project_for_user``, for a view that changes the group's work.

    Once the project is completed its work is kept as it was: the change is refused (403)
    with a plain reason. A page that exists only to change the work asks for this on GET
    too, so it explains instead of showing a form that would be refused.
    """
    project, membership = get_project_for_user(request, project_id, facilitator=facilitator)
    if project.is_completed:
        raise PermissionDenied(
            _(
                "This project is completed, so its work can no longer be changed. "
                "A facilitator can reopen it in the project's settings."
            )
        )
    return project, membership


def get_revision_for_user(request: HttpRequest, project_id: int) -> int:
    """The project's change counter, for live pages' polls, in one small query.

    Non-members get 404, as everywhere. A poll compares this with the revision its
    page was drawn at and answers an empty 204 when nothing has changed.
    """
    return get_live_revision_for_user(request, project_id)[0]


def get_live_revision_for_user(request: HttpRequest, project_id: int) -> tuple[int, float]:
    """The project's change counter and its creation time (for keys of shared caches), in
    the same one query; non-members get 404."""
    if not request.user.is_authenticated:
        raise Http404
    row = (
        Membership.objects.filter(project_id=project_id, user=request.user)
        .values_list("project__revision", "project__created_at")
        .first()
    )
    if row is None:
        raise Http404
    return row[0], row[1].timestamp()
