"""The whole project as one JSON document, and a new project made from one.

The document holds what members can see in the app and nothing private: no
emails, no stay-in-touch choices, nothing anyone said helps them take part
(access needs are each person's own, even those shared with the whole group: a
file travels further than the group), no scores of a round that has not been
revealed, no answers to a check-in that is still open, no author for anything
written anonymously, and nothing of payments (the file's ``left_out`` says so).
People are named by a ``ref`` ("member-1"), never by a database id or an email.

The header, the project's name and aims and its members are written here, since
every other part refers to them; ``PARTS`` writes and reads the rest.
"""

import json
import uuid
from typing import Any

from django.conf import settings
from django.db import DataError, IntegrityError, transaction
from django.utils import timezone

from accounts.models import FORMER_MEMBER_NAME, User
from checkins import portable as checkins_portable
from decisions import portable as decisions_portable
from lake import portable as lake_portable
from marks import portable as marks_portable
from meetings import agenda_portable as meetings_agenda_portable
from meetings import portable as meetings_portable
from meetings.after import portable as meetings_after_portable
from projects import portable as projects_portable
from projects.models import DESCRIPTION_FIELDS, Membership, Project, ProjectRevision
from projects.parts import BadFile, People, Reader, iso, unique_versions
from words import portable as words_portable

FORMAT = "mark-of-coproduction.project"
# Said in every file, so whoever reads it knows these are not missing by mistake.
LEFT_OUT = [
    "Payments: the payment terms, who handles payments, each person's choice, claims, "
    "receipts, addresses and payment details are private to each person and the people "
    "who handle payments. Each person finds their own in their data download.",
]
VERSION = 1
NAME_LIMIT = User._meta.get_field("name").max_length

# Each app's part of the file, under the section of the document it writes into. Parts
# run in this order, so a row is written before another part links to it (a post-it to
# its mark). Several parts may share a section: the export merges what they give, and
# the import hands each the same section to read its own keys from.
# Sections newer than the file format itself: a file without one is from before it.
ADDED_LATER = {"meetings"}

PARTS = [
    ("projects", projects_portable),
    # The glossary sits in the projects section, so files from before it existed import.
    ("projects", words_portable),
    ("marks", marks_portable),
    # Check-ins stay in the marks section, so files from before check-ins had an app import.
    ("marks", checkins_portable),
    ("lake", lake_portable),
    # After the marks, which proposals link to; in the projects section, so files from
    # before decisions had an app import.
    ("projects", decisions_portable),
    ("meetings", meetings_portable),
    # After the meetings, whose notes and end it names by their place in the list.
    ("meetings", meetings_after_portable),
    # After the marks and the proposals that agenda items link to.
    ("meetings", meetings_agenda_portable),
]


# -- export --------------------------------------------------------------------------


def export_project(project: Project) -> dict:
    """The whole project as a JSON-ready dict. Its query count doesn't grow with the data."""
    people = People()
    memberships = list(
        Membership.objects.filter(project=project)
        .select_related("user")
        .order_by("joined_at", "pk")
    )
    members = []
    for i, membership in enumerate(memberships, start=1):
        ref = f"member-{i}"
        people.add_member(membership.user_id, ref)
        members.append(
            {
                "ref": ref,
                "name": str(membership.user.display_name),
                "role": membership.role,
                "joined": iso(membership.joined_at),
                "account_deleted": membership.user.is_former_member,
            }
        )
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": iso(timezone.now()),
        "left_out": LEFT_OUT,
        "project": _export_project_fields(project, people),
        "members": members,
    }
    for section, part in PARTS:
        written = document.setdefault(section, {})
        given = part.export(project, people)
        # Two parts writing the same key would lose one's data without a word.
        if clash := written.keys() & given.keys():
            raise ValueError(f"Two parts write {sorted(clash)} in the {section!r} section.")
        written.update(given)
    # People who left the project but whose words still show under their name.
    former = people.former_ids()
    users = User.objects.in_bulk(former) if former else {}
    for user_id in former:
        user = users[user_id]
        members.append(
            {
                "ref": people.ref(user_id),
                # Someone who deleted their account shows as "A former member", as in the app.
                "name": str(user.display_name),
                "role": None,
                "joined": None,
                "account_deleted": user.is_former_member,
            }
        )
    return document


def _export_project_fields(project: Project, people: People) -> dict:
    fields: dict[str, Any] = {name: getattr(project, name) for name in DESCRIPTION_FIELDS}
    fields.update(
        {
            "allow_anonymous": project.allow_anonymous,
            "quick_exit": project.quick_exit,
            "created_at": iso(project.created_at),
            "completed_at": iso(project.completed_at),
            "archived_at": iso(project.archived_at),
            "history": [
                {
                    "version": revision.version,
                    "edited_by": people.ref(revision.edited_by_id),
                    "edited_at": iso(revision.edited_at),
                    **{name: getattr(revision, name) for name in DESCRIPTION_FIELDS},
                }
                for revision in ProjectRevision.objects.filter(project=project).order_by("version")
            ],
        }
    )
    return fields


# -- import --------------------------------------------------------------------------


def parse_document(text: str) -> Any:
    """The JSON of a project file, refusing one nested deeper than any project file is.

    Raises ``json.JSONDecodeError`` for text that isn't JSON at all.
    """
    try:
        data = json.loads(text)
    except RecursionError:
        raise BadFile(_too_deep()) from None
    check_depth(data)
    return data


def _too_deep() -> str:
    return (
        f"The file is nested more than {settings.IMPORT_MAX_DEPTH} levels deep; "
        "a project file never is."
    )


def check_depth(data: Any) -> None:
    """Refuse data nested deeper than ``IMPORT_MAX_DEPTH``, looking without recursion."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > settings.IMPORT_MAX_DEPTH:
            raise BadFile(_too_deep())
        stack.extend((child, depth + 1) for child in children)


def check_header(data: Any) -> Reader:
    """Refuse a document that isn't ours, or is from a newer version of the app."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BadFile(
            "This is not a project exported from Mark of co-production "
            f'(its "format" should be "{FORMAT}").'
        )
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BadFile('The file\'s "version" should be a whole number from 1.')
    if version > VERSION:
        raise BadFile(
            f"This file was made by a newer version of the app (file format {version}); "
            f"this server reads format {VERSION} or older. Update the app, then import it."
        )
    return Reader(data, "")


def import_project(data: Any, facilitator: User) -> Project:
    """Make a new project from an exported document, all at once or not at all.

    ``facilitator`` becomes a facilitator of the new project: the member of the same
    name in the file if there is one, otherwise an extra member. Everyone else becomes
    an account that can't sign in, so their names stay with their words.
    """
    check_depth(data)
    doc = check_header(data)
    try:
        with transaction.atomic():
            fields, history = _read_project_fields(doc.object("project"))
            project = Project.objects.create(**fields)
            people = _import_people(project, doc, facilitator)
            for item, revision in history:
                ProjectRevision.objects.create(
                    project=project, edited_by=people.user(item, "edited_by"), **revision
                )
            readers: dict[str, Reader] = {}
            for section, part in PARTS:
                if section not in readers:
                    # A file from before a section existed imports with nothing in it.
                    if section in ADDED_LATER and section not in doc.data:
                        readers[section] = Reader({}, section)
                    else:
                        readers[section] = doc.object(section)
                part.import_(project, readers[section], people)
            return project
    except (IntegrityError, DataError) as error:
        # Anything the checks let through but the database refuses still rolls back.
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
        raise BadFile(f"The file's data breaks a rule of the database: {first_line}") from None


def _read_project_fields(reader: Reader) -> tuple[dict, list[tuple[Reader, dict]]]:
    fields = {name: reader.text(name) for name in DESCRIPTION_FIELDS}
    name_limit = Project._meta.get_field("name").max_length
    fields["name"] = reader.text("name", blank=False, limit=name_limit)
    history = [
        (
            item,
            {
                "version": item.integer("version", low=1),
                "edited_at": item.when("edited_at"),
                **{name: item.text(name) for name in DESCRIPTION_FIELDS},
            },
        )
        for item in reader.objects("history")
    ]
    unique_versions(history, "the history")
    fields.update(
        allow_anonymous=reader.boolean("allow_anonymous"),
        # Files from before the quick exit have none.
        quick_exit=reader.boolean("quick_exit") if "quick_exit" in reader.data else False,
        created_at=reader.when("created_at"),
        completed_at=reader.when("completed_at", null=True),
        archived_at=reader.when("archived_at", null=True),
        # The counter that notices stale edits carries on from the latest saved wording.
        version=max((h["version"] for _item, h in history), default=1),
    )
    return fields, history


def _placeholder(name: str, *, deleted: bool) -> User:
    # An address that can never receive mail, and no password: nobody can sign in as this.
    return User.objects.create_user(
        email=f"imported-{uuid.uuid4().hex}@invalid.example",
        password=None,
        name=FORMER_MEMBER_NAME if deleted else name,
        is_active=False,
        is_former_member=deleted,
    )


def _import_people(project: Project, doc: Reader, facilitator: User) -> People:
    people = People()
    roles = Membership.Role.values
    matched = False
    for entry in doc.objects("members"):
        ref = entry.text("ref", blank=False)
        name = entry.text("name", blank=False, limit=NAME_LIMIT)
        role = entry.choice("role", roles, what="role", null=True)
        joined = entry.when("joined", null=role is None)
        deleted = entry.boolean("account_deleted")
        if people.has_person(ref):
            raise BadFile(f'{entry.path_of("ref")}: "{ref}" is used for two people.')
        if role is not None and not matched and not deleted and name == facilitator.name:
            user, role, matched = facilitator, Membership.Role.FACILITATOR, True
        else:
            user = _placeholder(name, deleted=deleted)
        people.add_person(ref, user, member=role is not None)
        if role is not None:
            Membership.objects.create(project=project, user=user, role=role, joined_at=joined)
    if not matched:
        Membership.objects.create(
            project=project, user=facilitator, role=Membership.Role.FACILITATOR
        )
        people.member_ids.add(facilitator.pk)
    return people
