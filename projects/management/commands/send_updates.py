from django.core.management.base import BaseCommand

from projects.completing.services import send_update, updates_waiting


class Command(BaseCommand):
    help = (
        "Try again to email the project updates of the last week that haven't reached "
        "everyone yet, for example because the mail server was down. Meant for cron (hourly "
        "or daily); nobody gets the same update twice."
    )

    def handle(self, *args, **options):
        sent = 0
        for update_id in updates_waiting().values_list("pk", flat=True):
            # The task records each email as it goes, so this is safe beside a worker.
            result = send_update.enqueue(update_id=update_id)
            sent += result.return_value if result.is_finished else 0
        self.stdout.write(f"Sent {sent} update email(s).")
