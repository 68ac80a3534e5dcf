"""Workflows that change several rows of a project at once."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User

from .activity import record_activity
from .models import (
    DESCRIPTION_FIELDS,
    Activity,
    Membership,
    Project,
    ProjectRevision,
    RemovedMember,
)
from .shared_words.services import StaleEdit, words_save
from .signals import project_created


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


def project_update_description(
    *, project: Project, editor: User, base_version: int, **fields
) -> Project:
    """Save new wording, keeping the old; refuse if the form was based on an old version."""
    return words_save(
        item=project,
        base_version=base_version,
        changes=fields,
        project=project,
        actor=editor,
        kind=Activity.Kind.EDITED,
        record=record_activity,
    )


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
def invitations_stop(*, project: Project, actor: User) -> int:
    """Stop every invitation of the project that still works. Returns how many."""
    now = timezone.now()
    stopped = (
        project.invitations.filter(revoked_at=None, expires_at__gt=now)
        .exclude(max_uses__isnull=False, uses__gte=F("max_uses"))
        .update(revoked_at=now)
    )
    if stopped:
        record_activity(project=project, actor=actor, kind=Activity.Kind.INVITATIONS_STOPPED)
    return stopped


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
    if not leaving:
        # Kept, so an invitation link still open can't bring them straight back.
        RemovedMember.objects.update_or_create(
            project=project, user_id=membership.user_id, defaults={"removed_at": timezone.now()}
        )
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
    time_zone: str,
    members_may_set_aside: bool,
    quick_exit: bool,
) -> None:
    """Save the project's settings: anonymous contributions, completed, archived, time zone,
    setting aside, the quick exit.

    ``version`` is the one the page was drawn from; raises ``StaleEdit`` if someone saved
    the settings since, so a page left open can't quietly undo their change.
    """
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if locked.settings_version != version:
        raise StaleEdit
    now = timezone.now()
    project.allow_anonymous = allow_anonymous
    project.members_may_set_aside = members_may_set_aside
    project.quick_exit = quick_exit
    project.time_zone = time_zone
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
            "members_may_set_aside",
            "quick_exit",
            "time_zone",
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
