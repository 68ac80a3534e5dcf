"""A database that stops answering, or goes away, costs a person seconds and an error page.

The app runs as production does (gunicorn, one worker, DEBUG off) in a process of its own,
reaching PostgreSQL through a small relay in this test that can cut the line, hold it
silent (the database seems to hang) and put it back.
"""

import os
import re
import select
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import Client

from accounts.models import User
from tests.factories import make_user

BASE_DIR = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: the timeouts are PostgreSQL's and psycopg's",
)

# Short limits, so that the test takes seconds: the app gives up waiting for an answer after
# statement + connect timeout (4 s), and a new connection after 2 s (libpq's least).
TIMEOUTS = {
    "DATABASE_CONNECT_TIMEOUT": "2",
    "DATABASE_STATEMENT_TIMEOUT": "2",
    "DATABASE_LOCK_TIMEOUT": "1",
}
# The health check of a reused connection, then one new connection: both must give up.
WITHIN_SECONDS = 10


class DatabaseLine:
    """A relay on 127.0.0.1 between the app and PostgreSQL: ``cut()``, ``silence()``,
    ``restore()``. It stops by itself after ``lifetime`` seconds."""

    def __init__(self, host: str, port: int, lifetime: float = 120):
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.state = "open"
        self.pairs: list[tuple[socket.socket, socket.socket]] = []
        self.lock = threading.Lock()
        self.stop_at = time.monotonic() + lifetime
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def cut(self) -> None:
        with self.lock:
            self.state = "cut"
            self._close_all()

    def silence(self) -> None:
        with self.lock:
            self.state = "silent"

    def restore(self) -> None:
        # What was held while silent is dropped, as a broken network would: the app has
        # given up on those connections and opens new ones.
        with self.lock:
            self.state = "open"
            self._close_all()

    def stop(self) -> None:
        self.stop_at = 0
        self.thread.join(timeout=5)

    def _close_all(self) -> None:
        for pair in self.pairs:
            for end in pair:
                end.close()
        self.pairs = []

    def _run(self) -> None:
        try:
            while time.monotonic() < self.stop_at:
                with self.lock:
                    relaying = self.state == "open"
                    ends = [end for pair in self.pairs for end in pair] if relaying else []
                readable, _, _ = select.select([self.listener, *ends], [], [], 0.05)
                with self.lock:
                    for end in readable:
                        if end is self.listener:
                            self._accept()
                        elif self.state == "open" and end.fileno() != -1:
                            self._relay(end)
        finally:
            with self.lock:
                self._close_all()
            self.listener.close()

    def _accept(self) -> None:
        app_end, _ = self.listener.accept()
        if self.state == "cut":
            app_end.close()
            return
        self.pairs.append((app_end, socket.create_connection(self.target, timeout=5)))

    def _relay(self, end: socket.socket) -> None:
        pair = next(pair for pair in self.pairs if end in pair)
        other = pair[1] if end is pair[0] else pair[0]
        try:
            data = end.recv(65536)
            if data:
                other.sendall(data)
                return
        except OSError:
            pass
        for each in pair:
            each.close()
        self.pairs.remove(pair)


class Browser:
    """Just enough of a browser: its cookies, and the page's CSRF token for a form."""

    def __init__(self, base_url: str, session_key: str):
        self.base_url = base_url
        self.cookies = {settings.SESSION_COOKIE_NAME: session_key}

    def get(self, path: str) -> tuple[int, str]:
        return self._open(path)

    def post(self, path: str, data: dict[str, str], token: str) -> tuple[int, str]:
        return self._open(path, {**data, "csrfmiddlewaretoken": token})

    def _open(self, path: str, data: dict[str, str] | None = None) -> tuple[int, str]:
        request = urllib.request.Request(
            self.base_url + path,
            data=urllib.parse.urlencode(data).encode() if data is not None else None,
            headers={
                "Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items()),
                "Referer": self.base_url + path,
            },
        )
        opener = urllib.request.build_opener(NoRedirects)
        try:
            response = opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                self.cookies[name] = rest.split(";")[0]
            return response.status, response.read().decode()

    def csrf_token(self, page: str) -> str:
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def app_behind_a_line(transactional_db, tmp_path):
    """The app in gunicorn, its database reached through a DatabaseLine."""
    database = connection.settings_dict
    line = DatabaseLine(database["HOST"] or "127.0.0.1", int(database["PORT"] or 5432))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    user = database["USER"]
    password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    env = {
        **os.environ,
        **TIMEOUTS,
        "DATABASE_URL": f"postgres://{user}{password}@127.0.0.1:{line.port}/{database['NAME']}",
        "DEBUG": "0",
        # One long-lived connection, as production keeps, so that it hangs mid-life.
        "DATABASE_CONN_MAX_AGE": "600",
    }
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"]
        + ["--workers", "1", "--bind", f"127.0.0.1:{port}"],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base_url + "/", timeout=2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield base_url, line
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            # A worker still stuck on the database would keep gunicorn waiting for it.
            server.kill()
            server.wait(timeout=10)
        line.stop()
        log.close()


def signed_in(base_url: str, person: User) -> Browser:
    client = Client()
    client.force_login(person)
    return Browser(base_url, client.cookies[settings.SESSION_COOKIE_NAME].value)


def timed(action):
    started = time.monotonic()
    result = action()
    return result, time.monotonic() - started


def test_a_database_that_stops_answering_gives_an_error_page_within_seconds(app_behind_a_line):
    base_url, line = app_behind_a_line
    person = make_user("Alex", "alex@example.org")
    browser = signed_in(base_url, person)
    status, page = browser.get("/account/")
    assert status == 200 and "Alex" in page
    token = browser.csrf_token(page)

    line.silence()
    (status, page), seconds = timed(lambda: browser.post("/account/", {"name": "Changed"}, token))

    assert status == 500
    assert "Anything you saved before is safe" in page
    assert seconds < WITHIN_SECONDS
    line.restore()
    person.refresh_from_db()
    assert person.name == "Alex", "nothing was saved while the database was silent"
    status, page = browser.get("/account/")
    assert status == 200 and "Alex" in page
    status, _ = browser.post("/account/", {"name": "Changed"}, token)
    assert status == 302
    person.refresh_from_db()
    assert person.name == "Changed"


def test_a_database_that_goes_away_gives_an_error_page_at_once(app_behind_a_line):
    base_url, line = app_behind_a_line
    person = make_user("Alex", "alex@example.org")
    browser = signed_in(base_url, person)
    assert browser.get("/account/")[0] == 200

    line.cut()
    (status, page), seconds = timed(lambda: browser.get("/account/"))

    assert status == 500
    assert "Anything you saved before is safe" in page
    assert seconds < WITHIN_SECONDS
    line.restore()
    assert browser.get("/account/")[0] == 200


def test_a_row_held_by_someone_else_gives_an_error_page_after_the_lock_timeout(
    app_behind_a_line,
):
    base_url, _line = app_behind_a_line
    person = make_user("Alex", "alex@example.org")
    browser = signed_in(base_url, person)
    status, page = browser.get("/account/")
    token = browser.csrf_token(page)

    with transaction.atomic():
        User.objects.select_for_update().get(pk=person.pk)
        (status, page), seconds = timed(
            lambda: browser.post("/account/", {"name": "Changed"}, token)
        )

    assert status == 500
    assert "Anything you saved before is safe" in page
    assert seconds < WITHIN_SECONDS
    person.refresh_from_db()
    assert person.name == "Alex"
    assert browser.post("/account/", {"name": "Changed"}, token)[0] == 302
