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


# What a completed project still takes: news, thanks, each person's own choices, and the
# settings where a facilitator can reopen it.
OPEN_AFTER_COMPLETION = {
    "projects:settings",
    "projects:updates",
    "projects:thanks",
    "projects:touch",
    "projects:leave",
}


def _refuse_changes_once_completed(request: HttpRequest, project: Project) -> None:
    if project.completed_at is None or request.method in ("GET", "HEAD", "OPTIONS"):
        return
    match = getattr(request, "resolver_match", None)
    if match is not None and match.view_name in OPEN_AFTER_COMPLETION:
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
