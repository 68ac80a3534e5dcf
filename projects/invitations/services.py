"""Joining a project through an invitation link."""

from django.db import transaction
from django.db.models import F

from accounts.models import User
from projects.activity import record_activity
from projects.models import Activity, Invitation, Membership, RemovedMember


class RemovedFromProject(Exception):
    """A facilitator removed this person, and this invitation doesn't bring them back."""


def may_join(invitation: Invitation, user: User) -> bool:
    """False for someone removed from the project, unless this invitation was emailed to
    one of their addresses after the removal: a facilitator chose to ask them back."""
    removed = RemovedMember.objects.filter(project_id=invitation.project_id, user=user).first()
    if removed is None:
        return True
    if not invitation.email or invitation.created_at <= removed.removed_at:
        return False
    addresses = {user.email.lower()} | {
        e.lower() for e in user.emailaddress_set.values_list("email", flat=True)
    }
    return invitation.email.lower() in addresses


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> tuple[Membership, bool]:
    """Make the person a member. Returns the membership and whether it is new."""
    existing = Membership.objects.filter(project=invitation.project, user=user).first()
    if existing:
        return existing, False
    # Lock the row so two people can't both take the last use of a link.
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_active:
        raise ValueError("invitation is no longer active")
    if not may_join(invitation, user):
        raise RemovedFromProject
    RemovedMember.objects.filter(project_id=invitation.project_id, user=user).delete()
    Invitation.objects.filter(pk=invitation.pk).update(uses=F("uses") + 1)
    membership = Membership.objects.create(project=invitation.project, user=user)
    record_activity(project=invitation.project, actor=user, kind=Activity.Kind.JOINED)
    return membership, True


@transaction.atomic
def invitation_create(
    *, project, creator: User, expires_at, max_uses: int | None, email: str = ""
) -> Invitation:
    """A new invitation: a link to share, or (with ``email``) one sent to one person."""
    invitation = Invitation.objects.create(
        project=project,
        created_by=creator,
        expires_at=expires_at,
        max_uses=max_uses,
        email=email,
    )
    record_activity(project=project, actor=creator, kind=Activity.Kind.INVITED)
    return invitation
