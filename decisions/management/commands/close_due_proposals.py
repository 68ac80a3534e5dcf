"""Close every proposal whose closing time has passed (run it hourly, e.g. from cron)."""

from django.core.management.base import BaseCommand

from decisions.services import close_due_proposals


class Command(BaseCommand):
    help = "Close every proposal whose closing time has passed, and write its outcome."

    def handle(self, *args, **options):
        closed = close_due_proposals()
        self.stdout.write(f"Closed {closed} proposal(s).")
