"""Everything the app holds about one person, gathered from every app, and forgetting them.

``PARTS`` lists each app's part (its ``people.py``), with the section of the person's
file it writes into. Each part offers three functions:

- ``personal_data(user) -> dict``: what the app holds about or by the person;
- ``blockers(user) -> list[Blocker]``: what deleting the account would change for others,
  and any choice the person must make first (who takes over a project, say);
- ``forget(user, remove)``: drop the person from the app; ``remove=True`` also deletes
  their named words, ``remove=False`` leaves them to show as "A former member".

``account_delete`` runs every part in one transaction, apps above first, then the
account itself, so a failure anywhere leaves everything as it was.
"""

import secrets
from importlib import import_module

from django.conf import settings
from django.db import transaction

from accounts.models import FORMER_MEMBER_NAME, User, UserSession
from checkins import people as checkins_people
from decisions import people as decisions_people
from lake import people as lake_people
from marks import people as marks_people
from meetings import agenda_people as meetings_agenda_people
from meetings import people as meetings_people
from meetings.after import people as meetings_after_people
from payments import people as payments_people
from projects import people as projects_people
from projects.answers import people as answers_people
from projects.parts import Blocked, Blocker
from projects.setting_aside import people as setting_aside_people
from words import people as words_people

# In the order of the stack, lowest first: the file reads from the bottom up, and the
# top lets go first when an account is deleted. Parts may share a section of the file.
PARTS = [
    ("projects", projects_people),
    ("projects", setting_aside_people),
    ("projects", answers_people),
    ("words", words_people),
    ("marks", marks_people),
    # Check-in answers stay in the marks section, where they were before check-ins had an app.
    ("marks", checkins_people),
    ("lake", lake_people),
    ("decisions", decisions_people),
    ("meetings", meetings_people),
    ("meetings", meetings_after_people),
    ("meetings", meetings_agenda_people),
    ("payments", payments_people),
]


# Each part whose words can be added for someone by another member (projects/on_behalf),
# with ``words_added_for(user) -> list[dict]`` for the person's "Words added for you" list.
ADDED_FOR = [marks_people, checkins_people, lake_people, decisions_people]


def words_added_for(user: User) -> list[dict]:
    """Words other members added for the person, newest first: one query or two per part."""
    found = [item for part in ADDED_FOR for item in part.words_added_for(user)]
    return sorted(found, key=lambda item: item["when"], reverse=True)


def personal_data(user: User) -> dict:
    """Everything about the person, one section per app, after their own account."""
    data = {
        "account": {
            "name": user.name,
            "email": user.email,
            "joined": user.date_joined.isoformat(),
            "last_signed_in": user.last_login.isoformat() if user.last_login else None,
            "time_zone": user.time_zone,
            "language": user.language,
            "live_pages": {
                "read_out_other_peoples_changes": user.live_announcements,
                "paused": user.live_paused,
            },
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in user.emailaddress_set.all()
            ],
        }
    }
    for section, part in PARTS:
        data.setdefault(section, {}).update(part.personal_data(user))
    return data


def blockers(user: User) -> list[Blocker]:
    return [blocker for _section, part in PARTS for blocker in part.blockers(user)]


@transaction.atomic
def account_delete(*, user: User, remove: bool, choices: dict[str, str]) -> None:
    """Delete the account: hand over first, then each app forgets, then the account itself.

    ``choices`` maps each blocker's field to the value the person chose. Raises
    ``Blocked`` when the projects changed since the choices were made; nothing is kept then.
    """
    for blocker in blockers(user):
        if blocker.resolve is not None:
            if blocker.field not in choices:
                raise Blocked(blocker.field)
            blocker.resolve(choices[blocker.field])
    # Apps above depend on apps below, so the top of the stack lets go first.
    for _section, part in reversed(PARTS):
        part.forget(user, remove)
    forget_account(user)


def forget_account(user: User) -> None:
    """Keep a nameless row, so words left behind still read "A former member"."""
    user.emailaddress_set.all().delete()
    _delete_sessions(user)
    user.name = FORMER_MEMBER_NAME
    # Unique and never deliverable (.example is reserved), so the old address is free again.
    user.email = f"former-{user.pk}-{secrets.token_hex(8)}@invalid.example"
    user.set_unusable_password()
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.is_former_member = True
    user.time_zone = ""
    user.language = ""
    user.save()
    user.groups.clear()
    user.user_permissions.clear()


def _delete_sessions(user: User) -> None:
    # The session engine records whose each session is: one indexed delete signs the
    # person out in every browser, however many sessions others have.
    # With sessions also kept in the cache (accounts.cached_sessions), each is deleted
    # through the session engine so that no cached copy outlives it.
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if store.__module__ != "accounts.sessions":
        for key in UserSession.objects.filter(user=user).values_list("session_key", flat=True):
            store(key).delete()
    UserSession.objects.filter(user=user).delete()
