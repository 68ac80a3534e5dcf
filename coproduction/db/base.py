"""Django's PostgreSQL backend, giving up on a database that has stopped answering.

The server cancels slow statements itself (statement_timeout, lock_timeout), but a server
that hangs, or a network that swallows traffic, never answers at all: psycopg would then wait
for ever and each request would hold a worker until gunicorn killed it. Here every wait for
the server (a query, a commit, the health check when a connection is reused) is limited to
the statement timeout plus the connect timeout; past that the connection is closed and the
request fails with an ordinary database error, which shows the app's own error page.
"""

import psycopg
from django.conf import settings
from django.db.backends.postgresql import base


class PatientConnection(psycopg.Connection):
    """A psycopg connection whose waits for the server end after ``answer_timeout`` seconds."""

    answer_timeout: float | None = None

    def wait(self, gen, interval=0.1, timeout=None):
        try:
            return super().wait(gen, interval=interval, timeout=timeout or self.answer_timeout)
        except psycopg.errors._WaitTimeout as exc:
            # The server may still be part-way through what was sent: nothing more can be
            # known about this connection, so it is closed and the next request opens another.
            self.pgconn.finish()
            raise psycopg.OperationalError(
                f"The database did not answer within {self.answer_timeout} seconds."
            ) from exc


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        limit = settings.DATABASE_STATEMENT_TIMEOUT
        if limit:
            # Django's backend makes the psycopg connection; only how it waits changes.
            connection.__class__ = PatientConnection
            connection.answer_timeout = limit + settings.DATABASE_CONNECT_TIMEOUT
        return connection
