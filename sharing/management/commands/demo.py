from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from sharing.demo import CAST, PASSWORD, demo_create


class Command(BaseCommand):
    help = "Create demo accounts and a demo project to try the app with (development only)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-new",
            action="store_true",
            help="Only create the demo when the database has no demo accounts yet.",
        )

    def handle(self, *args, if_new: bool = False, **options):
        if not settings.DEBUG:
            raise CommandError(
                "The demo is for development only: it refuses to run when DEBUG is off."
            )
        exists = User.objects.filter(email=CAST[0][0]).exists()
        if exists and if_new:
            self.stdout.write("The demo is already in this database.")
        elif exists:
            raise CommandError(
                "The demo accounts already exist. Start from a new database to make them again."
            )
        else:
            demo_create()
            self.stdout.write(self.style.SUCCESS("Created the demo project and accounts."))
        self.stdout.write("Sign in at http://127.0.0.1:8000/accounts/login/ with any of these:")
        for email, name, role in CAST:
            label = "facilitator" if role == "facilitator" else "co-producer"
            self.stdout.write(f"  {name} ({label}): {email} / password {PASSWORD}")
