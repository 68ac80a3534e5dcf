"""Workflows that change several rows of a project at once."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User

from .models import (
    DESCRIPTION_FIELDS,
    Activity,
    Membership,
    Project,
    ProjectRevision,
)
from .signals import project_created


class StaleEdit(Exception):
    """Someone else saved a newer version while this person was editing."""


def record_activity(*, project: Project, actor: User | None, kind: str, detail: str = "") -> None:
    now = timezone.now()
    Activity.objects.create(
        project=project, actor=actor, kind=kind, detail=detail[:200], created_at=now
    )
    Project.objects.filter(pk=project.pk).update(revision=F("revision") + 1, last_activity_at=now)


@transaction.atomic
def project_create(*, creator: User, **fields) -> Project:
    project = Project.objects.create(**fields)
    Membership.objects.create(project=project, user=creator, role=Membership.Role.FACILITATOR)
    ProjectRevision.objects.create(
        project=project,
        edited_by=creator,
        version=project.version,
        **{name: getattr(project, name) for name in DESCRIPTION_FIELDS},
    )
    record_activity(project=project, actor=creator, kind=Activity.Kind.CREATED)
    project_created.send(sender=Project, project=project, creator=creator)
    return project


@transaction.atomic
def project_update_description(
    *, project: Project, editor: User, base_version: int, **fields
) -> Project:
    """Save new wording, keeping the old; refuse if the form was based on an old version."""
    new_version = base_version + 1
    updated = Project.objects.filter(pk=project.pk, version=base_version).update(
        version=new_version, **fields
    )
    if not updated:
        raise StaleEdit
    ProjectRevision.objects.create(project=project, edited_by=editor, version=new_version, **fields)
    record_activity(project=project, actor=editor, kind=Activity.Kind.EDITED)
    project.refresh_from_db()
    return project


class LastFacilitator(Exception):
    """The project would be left with no facilitator."""


def _other_facilitators(membership: Membership) -> bool:
    return (
        Membership.objects.filter(
            project_id=membership.project_id, role=Membership.Role.FACILITATOR
        )
        .exclude(pk=membership.pk)
        .exists()
    )


@transaction.atomic
def membership_set_role(*, membership: Membership, role: str, actor: User) -> None:
    # Lock the project's facilitators so two people can't both step down at once.
    list(
        Membership.objects.select_for_update().filter(
            project_id=membership.project_id, role=Membership.Role.FACILITATOR
        )
    )
    if role == membership.role:
        return
    if membership.is_facilitator and not _other_facilitators(membership):
        raise LastFacilitator
    membership.role = role
    membership.save(update_fields=["role"])
    record_activity(
        project=membership.project,
        actor=actor,
        kind=Activity.Kind.ROLE,
        detail=membership.user.display_name,
    )


@transaction.atomic
def membership_end(*, membership: Membership, actor: User) -> None:
    """Remove a member, or let them leave. Their words stay, under their name."""
    list(
        Membership.objects.select_for_update().filter(
            project_id=membership.project_id, role=Membership.Role.FACILITATOR
        )
    )
    if membership.is_facilitator and not _other_facilitators(membership):
        raise LastFacilitator
    project = membership.project
    leaving = membership.user_id == actor.pk
    membership.delete()
    record_activity(
        project=project,
        actor=actor,
        kind=Activity.Kind.LEFT if leaving else Activity.Kind.REMOVED,
        detail="" if leaving else membership.user.display_name,
    )


@transaction.atomic
def project_settings_save(
    *,
    project: Project,
    actor: User,
    version: int,
    allow_anonymous: bool,
    completed: bool,
    archived: bool,
) -> None:
    """Save the project's settings: anonymous contributions, completed, archived.

    ``version`` is the one the page was drawn from; raises ``StaleEdit`` if someone saved
    the settings since, so a page left open can't quietly undo their change.
    """
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if locked.settings_version != version:
        raise StaleEdit
    now = timezone.now()
    project.allow_anonymous = allow_anonymous
    project.completed_at, project.archived_at = locked.completed_at, locked.archived_at
    project.six_month_reminder_sent_at = locked.six_month_reminder_sent_at
    if completed != project.is_completed:
        project.completed_at = now if completed else None
        # Completing again later starts a new six months before the reminder.
        project.six_month_reminder_sent_at = None
    if archived != project.is_archived:
        project.archived_at = now if archived else None
    project.settings_version = locked.settings_version + 1
    project.save(
        update_fields=[
            "allow_anonymous",
            "completed_at",
            "archived_at",
            "six_month_reminder_sent_at",
            "settings_version",
        ]
    )
    record_activity(project=project, actor=actor, kind=Activity.Kind.SETTINGS)


@transaction.atomic
def membership_set_certificate_line(*, membership: Membership, line: str, version: int) -> None:
    """A facilitator's own words on a member's certificate.

    Raises ``StaleEdit`` if another facilitator saved the line since ``version`` was drawn.
    """
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    if locked.certificate_line_version != version:
        raise StaleEdit
    membership.certificate_line = line
    membership.certificate_line_version = locked.certificate_line_version + 1
    membership.save(update_fields=["certificate_line", "certificate_line_version"])
