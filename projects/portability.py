"""The whole project as one JSON document, and a new project made from one.

The document holds what members can see in the app and nothing private: no
emails, no stay-in-touch choices, no scores of a round that has not been
revealed, no answers to a check-in that is still open, and no author for
anything written anonymously. People are named by a ``ref`` ("member-1"),
never by a database id or an email.

Each app that keeps project data offers a module named ``portable`` with
``export(project, people) -> dict`` and ``import_(project, data, people)`` and
registers it here, so this module never imports the apps that build on it.
They run in the order of ``INSTALLED_APPS``, which is their dependency order.
"""

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.db import DataError, IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from accounts.models import FORMER_MEMBER_NAME, User

from .models import DESCRIPTION_FIELDS, Membership, Project, ProjectRevision

FORMAT = "mark-of-coproduction.project"
VERSION = 1
NAME_LIMIT = User._meta.get_field("name").max_length


class BadFile(ValueError):
    """The file can't be imported; the message says what is wrong, in one line."""


# -- the registry ------------------------------------------------------------------


@dataclass
class Portable:
    label: str
    export: Callable[[Project, "People"], dict]
    import_: Callable[[Project, "Reader", "People"], None]


_registry: dict[str, Portable] = {}


def register(label: str, *, export: Callable, import_: Callable) -> None:
    """Called by each app's ``portable`` module; ``label`` is its key in the document."""
    _registry[label] = Portable(label, export, import_)


def portables() -> list[Portable]:
    """Every registered app, in INSTALLED_APPS order, so data is written before it is linked."""
    autodiscover_modules("portable")
    order = {config.label: i for i, config in enumerate(apps.get_app_configs())}
    return sorted(_registry.values(), key=lambda p: order.get(p.label, len(order)))


# -- people and other references -----------------------------------------------------


class People:
    """Who is who in the document: users and their refs, both ways.

    Current members are "member-1", "member-2"… in the order they joined. Someone who
    has left but whose words still show under their name is "person-1"… in the order
    the export meets them. Other apps also keep refs for their own rows here (a mark's
    ref, for a post-it that links to it), so no app needs another's ids.
    """

    def __init__(self) -> None:
        self._ref_by_user: dict[int, str] = {}
        self._user_by_ref: dict[str, User] = {}
        self._former: list[int] = []
        self._objects: dict[tuple[str, str], Any] = {}
        self._object_refs: dict[tuple[str, Any], str] = {}
        self.member_ids: set[int] = set()

    # for export

    def ref(self, user_id: int | None) -> str | None:
        """The ref for a user's id (None stays None); people who left get one on first use."""
        if user_id is None:
            return None
        found = self._ref_by_user.get(user_id)
        if found is None:
            self._former.append(user_id)
            found = f"person-{len(self._former)}"
            self._ref_by_user[user_id] = found
        return found

    def member_ref(self, user_id: int | None) -> str | None:
        """The ref of a current member, or None for anyone else (as the scores chart shows them)."""
        return self.ref(user_id) if user_id in self.member_ids else None

    def former_ids(self) -> list[int]:
        return list(self._former)

    # for import

    def user(self, reader: "Reader", key: str) -> User | None:
        """The user a ref in the file names (None for an empty one)."""
        ref = reader.text(key, null=True)
        if ref is None:
            return None
        user = self._user_by_ref.get(ref)
        if user is None:
            raise BadFile(
                f'{reader.path_of(key)}: "{ref}" is not one of the people listed in "members".'
            )
        return user

    def users(self, reader: "Reader", key: str) -> list[User]:
        found = []
        for i, item in enumerate(reader.array(key)):
            if not isinstance(item, str):
                raise BadFile(f"{reader.path_of(key)}[{i}] should be text, not {_kind(item)}.")
            user = self._user_by_ref.get(item)
            if user is None:
                raise BadFile(
                    f'{reader.path_of(key)}[{i}]: "{item}" is not one of the people listed '
                    'in "members".'
                )
            found.append(user)
        return found

    # refs of other rows, shared between apps

    def set_object_ref(self, kind: str, obj_id: Any, ref: str, obj: Any = None) -> None:
        self._object_refs[(kind, obj_id)] = ref
        self._objects[(kind, ref)] = obj if obj is not None else obj_id

    def object_ref(self, kind: str, obj_id: Any) -> str | None:
        return None if obj_id is None else self._object_refs.get((kind, obj_id))

    def has_object(self, kind: str, ref: str) -> bool:
        return (kind, ref) in self._objects

    def object(self, reader: "Reader", key: str, kind: str) -> Any:
        ref = reader.text(key, null=True)
        if ref is None:
            return None
        found = self._objects.get((kind, ref))
        if found is None:
            raise BadFile(f'{reader.path_of(key)}: there is no {kind} "{ref}" in the file.')
        return found


# -- reading the document, with the path of every value for error messages ------------

_TYPE_NAMES = {
    bool: "true or false",
    int: "a number",
    float: "a number",
    str: "text",
    list: "a list",
    dict: "an object",
    type(None): "null",
}


def _kind(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


class Reader:
    """One object of the document, with typed getters that name the path of a bad value."""

    def __init__(self, data: Any, path: str) -> None:
        if not isinstance(data, dict):
            raise BadFile(f"{path or 'The file'} should be an object, not {_kind(data)}.")
        self.data = data
        self.path = path

    def path_of(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def _get(self, key: str, types: tuple, what: str, null: bool) -> Any:
        if key not in self.data:
            raise BadFile(f"{self.path_of(key)} is missing.")
        value = self.data[key]
        if value is None and null:
            return None
        # true and false are numbers to Python, but not to anyone writing the file.
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            raise BadFile(f"{self.path_of(key)} should be {what}, not {_kind(value)}.")
        return value

    def text(self, key: str, *, null: bool = False, blank: bool = True, limit: int = 0) -> Any:
        value = self._get(key, (str,), "text", null)
        if value is not None and not blank and not value.strip():
            raise BadFile(f"{self.path_of(key)} should not be empty.")
        if value is not None and limit and len(value) > limit:
            raise BadFile(f"{self.path_of(key)} is longer than {limit} characters.")
        return value

    def boolean(self, key: str) -> bool:
        return self._get(key, (bool,), "true or false", False)

    def integer(self, key: str, *, null: bool = False, low: int = 0, high: int | None = None):
        value = self._get(key, (int,), "a whole number", null)
        if value is not None and (value < low or (high is not None and value > high)):
            upper = f" to {high}" if high is not None else " or more"
            raise BadFile(f"{self.path_of(key)} should be a whole number from {low}{upper}.")
        return value

    def score(self, key: str, *, null: bool = False) -> int | None:
        value = self._get(key, (int,), "a whole number", null)
        if value is not None and not 1 <= value <= 10:
            raise BadFile(
                f"{self.path_of(key)}: a score must be a whole number from 1 to 10, not {value}."
            )
        return value

    def choice(self, key: str, choices: list[str], *, what: str = "value", null=False):
        value = self.text(key, null=null)
        if value is not None and value not in choices:
            raise BadFile(
                f'{self.path_of(key)}: "{value}" is not a {what} '
                f"(expected one of: {', '.join(choices)})."
            )
        return value

    def when(self, key: str, *, null: bool = False) -> datetime | None:
        value = self.text(key, null=null)
        if value is None:
            return None
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise BadFile(f'{self.path_of(key)}: "{value}" is not a date and time.') from None
        if timezone.is_naive(parsed):
            raise BadFile(f'{self.path_of(key)}: "{value}" has no time zone.')
        return parsed

    def day(self, key: str, *, null: bool = False) -> date | None:
        value = self.text(key, null=null)
        if value is None:
            return None
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise BadFile(f'{self.path_of(key)}: "{value}" is not a date (YYYY-MM-DD).')
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise BadFile(f'{self.path_of(key)}: "{value}" is not a date (YYYY-MM-DD).') from None

    def array(self, key: str) -> list:
        return self._get(key, (list,), "a list", False)

    def objects(self, key: str) -> list["Reader"]:
        path = self.path_of(key)
        return [Reader(item, f"{path}[{i}]") for i, item in enumerate(self.array(key))]

    def object(self, key: str, *, null: bool = False) -> "Reader | None":
        value = self._get(key, (dict,), "an object", null)
        return None if value is None else Reader(value, self.path_of(key))


def iso(value: datetime | date | None) -> str | None:
    return None if value is None else value.isoformat()


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
        people._ref_by_user[membership.user_id] = ref
        people.member_ids.add(membership.user_id)
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
        "project": _export_project_fields(project, people),
        "members": members,
    }
    for portable in portables():
        document[portable.label] = portable.export(project, people)
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
            for portable in portables():
                portable.import_(project, doc.object(portable.label), people)
            return project
    except (IntegrityError, DataError) as error:
        # Anything the checks let through but the database refuses still rolls back.
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
        raise BadFile(f"The file's data breaks a rule of the database: {first_line}") from None


def unique_versions(items: list[tuple[Reader, dict]], path: str) -> None:
    """Refuse two saved wordings with the same number, naming where."""
    seen = set()
    for item, fields in items:
        if fields["version"] in seen:
            raise BadFile(f"{item.path_of('version')}: {path} has two versions numbered the same.")
        seen.add(fields["version"])


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
        if ref in people._user_by_ref:
            raise BadFile(f'{entry.path_of("ref")}: "{ref}" is used for two people.')
        if role is not None and not matched and not deleted and name == facilitator.name:
            user, role, matched = facilitator, Membership.Role.FACILITATOR, True
        else:
            user = _placeholder(name, deleted=deleted)
        people._user_by_ref[ref] = user
        people._ref_by_user[user.pk] = ref
        if role is not None:
            Membership.objects.create(project=project, user=user, role=role, joined_at=joined)
            people.member_ids.add(user.pk)
    if not matched:
        Membership.objects.create(
            project=project, user=facilitator, role=Membership.Role.FACILITATOR
        )
        people.member_ids.add(facilitator.pk)
    return people
