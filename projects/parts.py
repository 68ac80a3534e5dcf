"""What an app's part of a whole-project feature takes and gives back.

The whole-project features (the report, certificates, the project file, a person's own
data and deleting their account, the demo) live in ``sharing``, at the top of the stack,
and call a part from each app: ``projects/report.py``, ``marks/people.py`` and so on.
Those parts can't import ``sharing``, so the few types they share with it live here, low
down, where every app can reach them. Nothing here knows which apps have parts.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.safestring import SafeString

from accounts.models import User

# -- the report ------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """One part of the report: its heading and its HTML, already escaped."""

    heading: str
    html: SafeString
    # Stylesheets (static paths) the section's HTML needs, e.g. for its charts.
    stylesheets: tuple[str, ...] = ()


# -- certificates ----------------------------------------------------------------------

# How many times a member did something, and the sentence that says so; zero is left off.
Contribution = tuple[int, str]


# -- a person's data and deleting their account ---------------------------------------


class Blocked(Exception):
    """Something changed while the person was deciding: their choices need a fresh look."""


@dataclass(frozen=True)
class Blocker:
    """One thing deleting the account changes for other people.

    With ``choices``, the person must pick one (the form field is named ``field``) and
    ``resolve`` is called with the chosen value inside the deleting transaction. Without,
    it is only told (for example, a project that will be deleted with the account).
    """

    field: str
    title: str
    explanation: str
    choices: list[tuple[str, str]] = field(default_factory=list)
    resolve: Callable[[str], None] | None = None


# -- the whole-project file -------------------------------------------------------------


class BadFile(ValueError):
    """The file can't be imported; the message says what is wrong, in one line."""


# the people in the file, and other references


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

    def add_member(self, user_id: int, ref: str) -> None:
        """A current member, named by ``ref`` before any part of the file is written."""
        self._ref_by_user[user_id] = ref
        self.member_ids.add(user_id)

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

    def has_person(self, ref: str) -> bool:
        return ref in self._user_by_ref

    def add_person(self, ref: str, user: User, *, member: bool) -> None:
        """Someone listed in the file's "members", with the account their words go to."""
        self._user_by_ref[ref] = user
        self._ref_by_user[user.pk] = ref
        if member:
            self.member_ids.add(user.pk)

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


def unique_versions(items: list[tuple[Reader, dict]], path: str) -> None:
    """Refuse two saved wordings with the same number, naming where."""
    seen = set()
    for item, fields in items:
        if fields["version"] in seen:
            raise BadFile(f"{item.path_of('version')}: {path} has two versions numbered the same.")
        seen.add(fields["version"])
