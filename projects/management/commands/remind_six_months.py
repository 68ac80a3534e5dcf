from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.models import Membership, Project

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
        sent = 0
        for project in due:
            # Claim the project first, so two runs at once can't both send the reminder.
            claimed = Project.objects.filter(
                pk=project.pk, six_month_reminder_sent_at__isnull=True
            ).update(six_month_reminder_sent_at=timezone.now())
            if not claimed:
                continue
            facilitators = Membership.objects.filter(
                project=project, role=Membership.Role.FACILITATOR
            ).select_related("user")
            ctx = {
                "project": project,
                "url": settings.SITE_URL + reverse("projects:home", args=[project.pk]),
            }
            for membership in facilitators:
                send_mail(
                    subject=_("Six months on: what has changed since %(project)s?")
                    % {"project": project.name},
                    message=render_to_string(
                        "projects/email/six_months.txt", {**ctx, "name": membership.user.name}
                    ),
                    from_email=None,
                    recipient_list=[membership.user.email],
                )
                sent += 1
        self.stdout.write(f"Sent {sent} reminder(s).")
