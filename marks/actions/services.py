"""Workflows that change the action plan, each in one transaction.

Each records a line in the activity feed, which also bumps the project's revision.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from projects.models import Project
from projects.services import StaleEdit, record_activity

from ..models import Action, Mark


@transaction.atomic
def action_add(
    *,
    project: Project,
    actor: User,
    text: str,
    kind: str,
    owners: list[User],
    everyone: bool,
    due: date | None,
    status: str = Action.Status.TODO,
    mark: Mark | None = None,
) -> Action:
    if mark is not None and mark.project_id != project.pk:
        raise ValueError("The mark belongs to another project.")
    action = Action.objects.create(
        project=project,
        mark=mark,
        text=text,
        kind=kind,
        everyone=everyone,
        due=due,
        status=status,
        created_by=actor,
    )
    action.owners.set([] if everyone else owners)
    record_activity(project=project, actor=actor, kind="action_added", detail=text)
    return action


@transaction.atomic
def action_update(*, action: Action, actor: User, base_version: int, **fields) -> Action:
    """Save a changed action; refuse if someone else changed it since the form was drawn."""
    owners = fields.pop("owners", None)
    old_status = action.status
    now = timezone.now()
    updated = Action.objects.filter(pk=action.pk, version=base_version).update(
        version=base_version + 1, updated_at=now, **fields
    )
    if not updated:
        raise StaleEdit
    action.refresh_from_db()
    if owners is not None:
        action.owners.set([] if action.everyone else owners)
    if action.status != old_status:
        detail = f"{action.text[:150]}: {action.get_status_display()}"
        record_activity(project=action.project, actor=actor, kind="action_status", detail=detail)
    if set(fields) - {"status"} or owners is not None:
        record_activity(
            project=action.project, actor=actor, kind="action_changed", detail=action.text
        )
    return action
