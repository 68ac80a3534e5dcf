"""Completing, sharing, celebrating: staying in touch, project updates and thank-yous.

Updates are emailed by a task (``django.tasks``), so posting one never waits for
the mail server. Development and tests run tasks at once; production can run
them in the background (see README.md, "Running tasks in production").
"""

import logging
import smtplib
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.language import speaking_to
from accounts.models import User
from projects.activity import record_activity
from projects.models import Membership, Project, Thanks, Update, UpdateDelivery

logger = logging.getLogger(__name__)

STOP_SALT = "projects.updates.stop"
# A task that couldn't reach everyone tries again this many times in all, waiting longer
# each time (when the task backend can run a task later; otherwise the send_updates
# command, run by cron, tries again).
SEND_ATTEMPTS = 4
FIRST_RETRY = timedelta(minutes=5)
# How long the send_updates command keeps trying an update that hasn't reached everyone.
RETRY_FOR = timedelta(days=7)
APP_NAME = "Mark of co-production"


# -- staying in touch ----------------------------------------------------------


def membership_set_contact_choices(
    *, membership: Membership, stay_in_touch: bool, keep_details: bool
) -> None:
    membership.stay_in_touch = stay_in_touch
    membership.keep_details = keep_details
    membership.contact_choice_at = timezone.now()
    membership.save(update_fields=["stay_in_touch", "keep_details", "contact_choice_at"])


def stop_token(membership: Membership) -> str:
    """A signed token naming one membership, for the link that stops update emails.

    It never expires: a link in an old email must still work.
    """
    return signing.dumps({"m": membership.pk}, salt=STOP_SALT)


def membership_for_stop_token(token: str) -> Membership | None:
    """The membership a stop link names, or None if it left the project.

    Raises ``signing.BadSignature`` for a token that was changed or made up.
    """
    data = signing.loads(token, salt=STOP_SALT)
    if not isinstance(data, dict) or not isinstance(data.get("m"), int):
        raise signing.BadSignature("not a stop token")
    return Membership.objects.select_related("project", "user").filter(pk=data["m"]).first()


def membership_stop_updates(*, membership: Membership) -> None:
    """Stop update emails. Safe to repeat: a second click changes nothing."""
    if membership.stay_in_touch:
        membership.stay_in_touch = False
        membership.contact_choice_at = timezone.now()
        membership.save(update_fields=["stay_in_touch", "contact_choice_at"])


# -- updates -------------------------------------------------------------------


@transaction.atomic
def update_post(*, project: Project, author: User, title: str, body: str) -> Update:
    """Save the update and, once it is safely saved, queue the emails."""
    update = Update.objects.create(project=project, author=author, title=title, body=body)
    record_activity(project=project, actor=author, kind="update_posted", detail=title)
    # After commit, so a background worker never looks for an update that isn't saved yet.
    transaction.on_commit(partial(send_update.enqueue, update_id=update.pk))
    return update


def _email_for(update: Update, membership: Membership) -> EmailMultiAlternatives:
    with speaking_to(membership.user):
        return _email_in_their_language(update, membership)


def _email_in_their_language(update: Update, membership: Membership) -> EmailMultiAlternatives:
    stop_url = settings.SITE_URL + reverse(
        "completing:unsubscribe", kwargs={"signed": stop_token(membership)}
    )
    ctx = {
        "app_name": APP_NAME,
        "update": update,
        "project": update.project,
        "name": membership.user.name,
        "stop_url": stop_url,
        "project_url": settings.SITE_URL + reverse("completing:updates", args=[update.project_id]),
    }
    message = EmailMultiAlternatives(
        subject=_("%(project)s: %(title)s")
        % {"project": update.project.name, "title": update.title},
        body=render_to_string("projects/completing/email/update.txt", ctx),
        to=[membership.user.email],
        headers={"List-Unsubscribe": f"<{stop_url}>"},
    )
    message.attach_alternative(
        render_to_string("projects/completing/email/update.html", ctx), "text/html"
    )
    return message


def update_recipients(update: Update):
    """Who an update is for: members who asked for updates and were members when it was
    shared. Whether each has had it is in ``UpdateDelivery``."""
    return Membership.objects.filter(
        project_id=update.project_id, stay_in_touch=True, joined_at__lte=update.created_at
    ).emailed(big_news=True)


@task
def send_update(update_id: int, attempt: int = 1) -> int:
    """Email an update to everyone it is for who hasn't had it yet; return how many were sent.

    Each email is recorded in the same transaction that sends it: the delivery row is
    written first (its unique constraint makes a second worker wait, then skip), the email
    goes, and the row is kept only if the mail server took it. So a retry, or two workers
    at once, never send anyone the same update twice, and a failed email stays waiting for
    the next try. One address failing doesn't stop the others.
    """
    # An update set aside before its emails went out is not sent.
    update = Update.objects.visible().select_related("project").filter(pk=update_id).first()
    if update is None:
        return 0
    already = UpdateDelivery.objects.filter(update=update).values("user_id")
    recipients = (
        update_recipients(update).exclude(user_id__in=already).select_related("user").order_by("pk")
    )
    sent = failed = 0
    with translation.override(settings.LANGUAGE_CODE):
        for membership in recipients:
            try:
                with transaction.atomic():
                    UpdateDelivery.objects.create(
                        update=update, user=membership.user, email=membership.user.email
                    )
                    _email_for(update, membership).send()
            except IntegrityError:
                # Another worker sent this one at the same moment; it is already recorded.
                continue
            except (smtplib.SMTPException, OSError):
                logger.warning(
                    "Update %s could not be emailed to member %s (try %s).",
                    update.pk,
                    membership.pk,
                    attempt,
                    exc_info=True,
                )
                failed += 1
                continue
            sent += 1
    if failed and attempt < SEND_ATTEMPTS and send_update.get_backend().supports_defer:
        send_update.using(run_after=timezone.now() + FIRST_RETRY * 3 ** (attempt - 1)).enqueue(
            update_id=update.pk, attempt=attempt + 1
        )
    return sent


def _unsent_recipients():
    """Recipients of the update in the outer query who haven't had it yet, for subqueries."""
    had_it = UpdateDelivery.objects.filter(
        update_id=OuterRef(OuterRef("pk")), user_id=OuterRef("user_id")
    )
    return (
        Membership.objects.filter(
            project_id=OuterRef("project_id"),
            stay_in_touch=True,
            joined_at__lte=OuterRef("created_at"),
        )
        .emailed(big_news=True)
        .filter(~Exists(had_it))
    )


def updates_waiting():
    """Updates of the last week that haven't reached everyone they are for yet."""
    return Update.objects.filter(created_at__gte=timezone.now() - RETRY_FOR).filter(
        Exists(_unsent_recipients())
    )


def with_reach(updates):
    """Each update with ``sent_count`` (emails that went) and ``waiting_count`` (still to
    go), in one query however many updates and members there are."""
    sent = (
        UpdateDelivery.objects.filter(update_id=OuterRef("pk"))
        .order_by()
        .values("update_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    waiting = (
        _unsent_recipients().order_by().values("project_id").annotate(n=Count("pk")).values("n")
    )
    return updates.annotate(
        sent_count=Coalesce(Subquery(sent), 0), waiting_count=Coalesce(Subquery(waiting), 0)
    )


# -- thanks --------------------------------------------------------------------


@transaction.atomic
def thanks_add(*, project: Project, sender: User, to_user: User | None, message: str) -> Thanks:
    thanks = Thanks.objects.create(
        project=project, from_user=sender, to_user=to_user, message=message
    )
    record_activity(project=project, actor=sender, kind="thanked")
    return thanks
