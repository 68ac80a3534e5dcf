from django.core.management.base import BaseCommand

from projects.setting_aside.services import purge_due


class Command(BaseCommand):
    help = (
        "Delete for good the words set aside more than 30 days ago and not put back. "
        "Meant for a daily cron job; safe to run more than once, or twice at once."
    )

    def handle(self, *args, **options):
        purged = purge_due()
        self.stdout.write(f"Deleted for good: {purged}.")
