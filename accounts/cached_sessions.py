"""The session engine used when the cache is shared by every worker (Redis or Valkey):
``accounts.sessions`` with each session also kept in the cache, as Django's ``cached_db``
does. A request then reads its session from the cache instead of the database; every save
still writes the database, so nothing is lost when the cache is emptied.

Not used with the database cache (the default): that would be the same query by another
way. Signing a person out everywhere deletes each session through this engine, so no
cached copy outlives it (``sharing.people.services``).
"""

from django.contrib.sessions.backends.cached_db import SessionStore as CachedSessionStore

from .sessions import RecordsWhose


class SessionStore(RecordsWhose, CachedSessionStore):
    pass
