import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from projects.parts import BadFile
from sharing.portability.document import import_project, parse_document


class Command(BaseCommand):
    help = (
        "Make a new project from a file downloaded with 'Download everything as a file (JSON)'. "
        "Everyone in the file keeps their name; they get accounts that can't sign in."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The project file (JSON) to import.")
        parser.add_argument(
            "--facilitator",
            required=True,
            metavar="EMAIL",
            help="The email of an existing account, who becomes a facilitator of the new project.",
        )

    def handle(self, *args, file: str, facilitator: str, **options):
        user = User.objects.filter(email__iexact=facilitator.strip()).first()
        if user is None:
            raise CommandError(f"There is no account with the email {facilitator}.")
        limit = settings.IMPORT_MAX_MEGABYTES * 1024 * 1024
        try:
            # Read at most one byte past the limit, so a huge file is never held in memory.
            with Path(file).open("rb") as handle:
                raw = handle.read(limit + 1)
            if len(raw) > limit:
                raise CommandError(
                    f"{file} is bigger than {settings.IMPORT_MAX_MEGABYTES} MB, the most this "
                    "server imports (IMPORT_MAX_MEGABYTES); nothing was saved."
                )
            text = raw.decode("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Can't read {file}: {error}") from None
        try:
            data = parse_document(text)
        except BadFile as error:
            raise CommandError(f"{file} can't be imported, nothing was saved: {error}") from None
        except json.JSONDecodeError as error:
            raise CommandError(
                f"{file} is not a project file: it is not valid JSON "
                f"(line {error.lineno}, column {error.colno}: {error.msg})."
            ) from None
        try:
            project = import_project(data, user)
        except BadFile as error:
            raise CommandError(f"{file} can't be imported, nothing was saved: {error}") from None
        self.stdout.write(
            self.style.SUCCESS(
                f'Imported "{project.name}" as project {project.pk}, '
                f"with {user.name} as a facilitator."
            )
        )
