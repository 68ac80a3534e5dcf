import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.core.management.base import BaseCommand
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.language import speaking_to
from projects.models import Membership, Project

logger = logging.getLogger(__name__)

SIX_MONTHS = timedelta(days=182)


class Command(BaseCommand):
    help = (
        "Remind the facilitators of projects completed six months ago to ask the group "
        "what has changed. Meant for a daily cron job; safe to run more than once."
    )

    def handle(self, *args, **options):
        due = Project.objects.filter(
            completed_at__lte=timezone.now() - SIX_MONTHS,
            six_month_reminder_sent_at__isnull=True,
        )
        sent = failed = 0
        for project in due:
            # One project that can't be reminded (a mail server refusing an address, a
            # broken template) is logged and left for tomorrow; the others still go.
            try:
                sent += self.remind(project)
            except Exception:
                logger.exception("The six-month reminder for project %s failed.", project.pk)
                failed += 1
        self.stdout.write(f"Sent {sent} reminder(s).")
        if failed:
            self.stderr.write(f"{failed} project(s) could not be reminded; see the log.")

    @staticmethod
    def message(membership: Membership, ctx: dict) -> EmailMessage:
        with speaking_to(membership.user):
            return EmailMessage(
                subject=_("Six months on: what has changed since %(project)s?")
                % {"project": ctx["project"].name},
                body=render_to_string(
                    "projects/email/six_months.txt", {**ctx, "name": membership.user.name}
                ),
                to=[membership.user.email],
            )

    def remind(self, project: Project) -> int:
        # Claim the project first, so two runs at once can't both send the reminder. The
        # claim and the emails are one transaction: a failure takes back the claim, so the
        # next day's run tries that project again.
        with transaction.atomic():
            claimed = Project.objects.filter(
                pk=project.pk, six_month_reminder_sent_at__isnull=True
            ).update(six_month_reminder_sent_at=timezone.now())
            if not claimed:
                return 0
            facilitators = (
                Membership.objects.filter(project=project, role=Membership.Role.FACILITATOR)
                .emailed()
                .select_related("user")
            )
            ctx = {
                "project": project,
                "url": settings.SITE_URL + reverse("projects:home", args=[project.pk]),
            }
            messages = [self.message(membership, ctx) for membership in facilitators]
            # One connection for the project's facilitators; all of them or none.
            with mailers.default as connection:
                connection.send_messages(messages)
            return len(messages)
