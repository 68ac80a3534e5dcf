"""Joining a project through an invitation link, and sending invitations by email."""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.language import language_of
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


logger = logging.getLogger(__name__)


class InvitationLimitReached(Exception):
    """This person has sent as many invitations by email as the site allows for now."""


class InvitationNotSent(Exception):
    """The mail server didn't take the invitation. ``link`` is a one-use link to share by hand."""

    def __init__(self, link: Invitation):
        super().__init__("the invitation email could not be sent")
        self.link = link


def invitation_url(invitation: Invitation) -> str:
    """The address of an invitation, always on the site's own address.

    Never built from the request: a forged Host header must not put another site's address
    into an email or a link people copy.
    """
    return settings.SITE_URL + reverse("invitations:join", args=[invitation.token])


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> tuple[Membership, bool]:
    """Make the person a member. Returns the membership and whether it is new.

    Safe to call twice at once (a double click, two tabs): the second call gets the
    membership the first made.
    """
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
    try:
        # A savepoint, so the unique constraint refusing a second membership leaves the
        # transaction usable for reading the membership that won.
        with transaction.atomic():
            membership = Membership.objects.create(project=invitation.project, user=user)
    except IntegrityError:
        return Membership.objects.get(project=invitation.project, user=user), False
    Invitation.objects.filter(pk=invitation.pk).update(uses=F("uses") + 1)
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


def email_invitations_left(creator: User) -> bool:
    """Whether this person may send another invitation by email now.

    Counted from the invitations they made with an email address, in every project, so
    the limits hold however many servers run the app.
    """
    now = timezone.now()
    sent = Invitation.objects.filter(created_by=creator).exclude(email="")
    return (
        sent.filter(created_at__gt=now - timedelta(hours=1)).count()
        < settings.INVITATION_EMAILS_PER_HOUR
        and sent.filter(created_at__gt=now - timedelta(days=1)).count()
        < settings.INVITATION_EMAILS_PER_DAY
    )


def invitation_send(*, project, creator: User, email: str) -> Invitation:
    """Save an invitation for one person and email it to them, in one step or not at all.

    The email is sent inside the transaction that saves the invitation, so a mail server
    that refuses it rolls the invitation back: the list never says "Sent by email" for a
    message that never left. (Saving first and deleting on failure would leave a false row
    behind if the process died in between.) The cost is a transaction held open while the
    mail server answers, at most ``EMAIL_TIMEOUT`` seconds, and it locks only the sender's
    own row. When the send fails, a one-use link is made instead and given back in
    ``InvitationNotSent``, for the facilitator to pass on by hand.

    Raises ``InvitationLimitReached`` when the person has sent too many today or this hour.
    """
    try:
        with transaction.atomic():
            # One person's invitations are counted one at a time, so two sent at the same
            # moment can't both slip under the limit.
            User.objects.select_for_update().filter(pk=creator.pk).first()
            if not email_invitations_left(creator):
                raise InvitationLimitReached
            invitation = invitation_create(
                project=project,
                creator=creator,
                expires_at=Invitation.default_expiry(),
                max_uses=1,
                email=email,
            )
            _send_invitation_email(invitation, creator)
            return invitation
    except (smtplib.SMTPException, OSError):
        logger.warning("An invitation email to a new member could not be sent.", exc_info=True)
    link = invitation_create(
        project=project, creator=creator, expires_at=Invitation.default_expiry(), max_uses=1
    )
    raise InvitationNotSent(link)


def _send_invitation_email(invitation: Invitation, inviter: User) -> None:
    project = invitation.project
    ctx = {
        "project": project,
        "inviter": inviter,
        "url": invitation_url(invitation),
        "days": Invitation.DEFAULT_DAYS,
    }
    # Someone who already has an account reads it in their own language; anyone else in
    # the language the inviter is using.
    invitee = User.objects.filter(email__iexact=invitation.email).only("language").first()
    with translation.override(language_of(invitee) if invitee else translation.get_language()):
        subject = _("%(name)s invites you to join %(project)s") % {
            "name": inviter.name,
            "project": project.name,
        }
        body = render_to_string("projects/invitations/email/invitation.txt", ctx)
    send_mail(subject=subject, message=body, from_email=None, recipient_list=[invitation.email])
