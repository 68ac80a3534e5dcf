from django.core.management.base import BaseCommand

from meetings.emails import send_reminders


class Command(BaseCommand):
    help = (
        "Email a reminder the day before each meeting to the members who chose meeting "
        "emails. Meant for a daily or hourly cron job; nobody gets the same reminder twice."
    )

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"Sent {sent} reminder(s).")
