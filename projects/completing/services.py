"""Completing, sharing, celebrating: staying in touch, project updates and thank-yous.

Updates are emailed by a task (``django.tasks``), so posting one never waits for
the mail server. Development and tests run tasks at once; production can run
them in the background (see README.md, "Running tasks in production").
"""

from functools import partial

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from projects.models import Membership, Project, Thanks, Update, UpdateDelivery
from projects.services import record_activity

STOP_SALT = "projects.updates.stop"
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


@task
def send_update(update_id: int) -> int:
    """Email an update to every member who chose to stay in touch; return how many were sent.

    Each email is recorded as it goes, so a retry after a failure sends only the rest.
    """
    # An update set aside before its emails went out is not sent.
    update = Update.objects.visible().select_related("project").filter(pk=update_id).first()
    if update is None:
        return 0
    already = set(UpdateDelivery.objects.filter(update=update).values_list("user_id", flat=True))
    recipients = (
        Membership.objects.filter(project=update.project, stay_in_touch=True)
        .exclude(user_id__in=already)
        .select_related("user")
        .order_by("pk")
    )
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for membership in recipients:
            _email_for(update, membership).send()
            try:
                with transaction.atomic():
                    UpdateDelivery.objects.create(
                        update=update, user=membership.user, email=membership.user.email
                    )
            except IntegrityError:
                # Another worker sent this one at the same moment; it is already recorded.
                continue
            sent += 1
    return sent


# -- thanks --------------------------------------------------------------------


@transaction.atomic
def thanks_add(*, project: Project, sender: User, to_user: User | None, message: str) -> Thanks:
    thanks = Thanks.objects.create(
        project=project, from_user=sender, to_user=to_user, message=message
    )
    record_activity(project=project, actor=sender, kind="thanked")
    return thanks
