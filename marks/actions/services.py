"""Workflows that change the action plan, each in one transaction.

Each records a line in the activity feed, which also bumps the project's revision.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from projects.activity import record_activity
from projects.models import Project
from projects.shared_words.services import words_save

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


def action_taking_forward(*, project: Project, actor: User, text: str, mark: Mark | None) -> Action:
    """The action an answer "We're taking this forward" adds to the plan: nobody's yet, no date."""
    return action_add(
        project=project,
        actor=actor,
        text=text,
        kind=Action.Kind.FORWARD,
        owners=[],
        everyone=False,
        due=None,
        mark=mark,
    )


@transaction.atomic
def action_update(*, action: Action, actor: User, base_version: int, **fields) -> Action:
    """Save a changed action; refuse if someone else changed it since the form was drawn."""
    owners = fields.pop("owners", None)
    old_status = action.status
    reworded = bool(set(fields) - {"status"}) or owners is not None

    def record(*, project: Project, actor: User | None, kind: str, detail: str = "") -> None:
        # How far an action has got is told apart from any other change; setting the status it
        # already had tells nothing.
        if action.status != old_status:
            said = f"{action.text[:150]}: {action.get_status_display()}"
            record_activity(project=project, actor=actor, kind="action_status", detail=said)
        if reworded:
            record_activity(project=project, actor=actor, kind=kind, detail=action.text)

    words_save(
        item=action,
        base_version=base_version,
        changes={**fields, "updated_at": timezone.now()},
        project=action.project,
        actor=actor,
        kind="action_changed",
        record=record,
    )
    # The owners are many-to-many, so they are set beside the row once it has saved.
    if owners is not None:
        action.owners.set([] if action.everyone else owners)
    return action
