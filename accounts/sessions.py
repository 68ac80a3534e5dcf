"""The session engine (``SESSION_ENGINE = "accounts.sessions"``): Django's database
sessions, stored in ``UserSession`` with the id of the account signed in.

Each save writes the id again, so it follows signing in, signing out and a new session
key after a password change. ``clearsessions`` works with it as with Django's own.
``accounts.cached_sessions`` is the same, with each session also kept in the cache.
"""

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

SESSION_USER_KEY = "_auth_user_id"


def _user_id(data: dict) -> int | None:
    try:
        return int(data.get(SESSION_USER_KEY))
    except (TypeError, ValueError):
        return None


class RecordsWhose:
    """Stores each session in ``UserSession``, with the id of the account signed in."""

    @classmethod
    def get_model_class(cls):
        # Imported here: the session engine is loaded before the apps are ready.
        from .models import UserSession

        return UserSession

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        session.user_id = _user_id(data)
        return session

    async def acreate_model_instance(self, data):
        session = await super().acreate_model_instance(data)
        session.user_id = _user_id(data)
        return session


class SessionStore(RecordsWhose, DatabaseSessionStore):
    pass
