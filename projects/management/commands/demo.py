from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from projects import services
from projects.demo_registry import run_extenders
from projects.models import Agreement, Invitation, Membership
from projects.rules.services import ground_rule_add

PASSWORD = "co-produce-demo"
CAST = [
    ("sam@example.org", "Sam", "facilitator"),
    ("amina@example.org", "Amina", "co_producer"),
    ("jo@example.org", "Jo", "co_producer"),
    ("priya@example.org", "Priya", "co_producer"),
]


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
            self.create()
            self.stdout.write(self.style.SUCCESS("Created the demo project and accounts."))
        self.stdout.write("Sign in at http://127.0.0.1:8000/accounts/login/ with any of these:")
        for email, name, role in CAST:
            label = "facilitator" if role == "facilitator" else "co-producer"
            self.stdout.write(f"  {name} ({label}): {email} / password {PASSWORD}")

    @transaction.atomic
    def create(self) -> None:
        users = {}
        for email, name, _role in CAST:
            user = User.objects.create_user(email=email, password=PASSWORD, name=name)
            user.emailaddress_set.create(email=email, verified=True, primary=True)
            users[name] = user
        sam, amina, jo, priya = (users[n] for n in ("Sam", "Amina", "Jo", "Priya"))
        project = services.project_create(
            creator=sam,
            name="Our community mental health drop-in",
            purpose=(
                "To redesign the weekly drop-in together, so that it feels welcoming to people "
                "who use it and works for the staff who run it."
            ),
            out_of_scope="The building itself and the council's overall budget.",
            outcomes="More people feel able to come back, and say the drop-in is theirs too.",
            decisions="We talk until everyone can live with a decision. If we are stuck, we vote.",
            tracking="Short notes after every meeting, shared by email and on paper.",
        )
        for person in (amina, jo, priya):
            Membership.objects.create(project=project, user=person)
        rules = [
            (amina, "We listen to each other without interrupting."),
            (jo, "Everyone's experience counts the same, whatever their role."),
            (priya, "It is fine to take a break or pass at any time."),
        ]
        for author, text in rules:
            rule = ground_rule_add(project=project, author=author, text=text)
            for person in (sam, amina, jo):
                Agreement.objects.get_or_create(rule=rule, user=person)
        Invitation.objects.create(
            project=project, created_by=sam, expires_at=timezone.now() + timedelta(days=14)
        )
        # Later features add their own demo content through a demo module in their app.
        run_extenders(project=project, users=users)
