"""Who may see what in payments: the person, and the people who handle payments."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from projects.access import get_project_for_user
from projects.models import Membership, Project

from .models import Claim
from .selectors import claim_for, is_handler

HANDLERS_ONLY = _("Only the people who handle payments for this project can do this.")


def get_project_for_handler(request: HttpRequest, project_id: int) -> tuple[Project, Membership]:
    """Payments go on after a project is completed: people are paid for work already done."""
    project, membership = get_project_for_user(request, project_id)
    if not is_handler(project, request.user):
        raise PermissionDenied(HANDLERS_ONLY)
    return project, membership


def get_claim(request: HttpRequest, project: Project, claim_id: int) -> Claim:
    """The person's own claim, or any claim for a handler; 404 for anyone else."""
    claim = claim_for(project, request.user, claim_id)
    if claim is None:
        raise Http404
    return claim
