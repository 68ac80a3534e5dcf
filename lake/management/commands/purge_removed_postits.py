from django.core.management.base import BaseCommand

from lake.services import postits_purge


class Command(BaseCommand):
    help = (
        "Delete for good the post-its removed from the lake more than 30 days ago. Meant "
        "for a daily cron job; safe to run more than once."
    )

    def handle(self, *args, **options):
        purged = postits_purge()
        self.stdout.write(f"Deleted {purged} post-it(s) removed more than 30 days ago.")
