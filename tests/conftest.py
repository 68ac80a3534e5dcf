"""The fixtures every test uses.

A facilitator, a co-producer and an outsider, each with a signed-in client;
the sample world of every page; a real Chromium page on the live server; an
axe check. The factories behind them are in tests/factories.py, the browser
helpers in tests/browser.py.
"""

import os
import threading
import time

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started

from accounts.models import User
from projects.models import Project

from .browser import BrowserSession, check_axe, find_chromium, launch_chromium
from .factories import add_member, make_project, make_user
from .pages import sign_in

# Playwright's sync API runs an event loop in this thread; Django must allow it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _site_url_is_the_live_server(request):
    """Links to the site are built from SITE_URL; under a live server that is its address."""
    if "live_server" not in request.fixturenames:
        yield
        return
    settings = request.getfixturevalue("settings")
    settings.SITE_URL = request.getfixturevalue("live_server").url
    yield


# -- the cast ----------------------------------------------------------------


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path_factory):
    """Receipts and any other stored file go to a folder of the test's own."""
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))


@pytest.fixture
def facilitator(db) -> User:
    return make_user("Fran Facilitator", "fran@example.org")


@pytest.fixture
def co_producer(db) -> User:
    return make_user("Cora Coproducer", "cora@example.org")


@pytest.fixture
def outsider(db) -> User:
    return make_user("Otto Outsider", "otto@example.org")


@pytest.fixture
def project(facilitator, co_producer) -> Project:
    project = make_project(facilitator)
    add_member(project, co_producer)
    return project


@pytest.fixture
def facilitator_client(facilitator, project):
    return sign_in(facilitator)


@pytest.fixture
def co_producer_client(co_producer, project):
    return sign_in(co_producer)


@pytest.fixture
def outsider_client(outsider):
    return sign_in(outsider)


@pytest.fixture
def world(project, facilitator, co_producer, outsider):
    """A real project with a rule and a working invitation link, and a client per role."""
    from .every_url import build_world

    return build_world(
        project=project, facilitator=facilitator, co_producer=co_producer, outsider=outsider
    )


# -- the browser -------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium():
    path = find_chromium()
    if path is None:
        message = "no Chromium found (install Debian's chromium package)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {message}.")
        pytest.skip(f"Browser tests skipped: {message}.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch_chromium(p, path)
        yield browser
        browser.close()


class _InFlight:
    """How many requests the live server is answering, so a test's end can wait for them:
    a poll still being answered when the database is emptied can deadlock with it."""

    def __init__(self) -> None:
        self.count = 0
        self.lock = threading.Lock()

    # Only the live server's threads: the test client answers in the main thread.
    def started(self, **kwargs) -> None:
        if threading.current_thread() is not threading.main_thread():
            with self.lock:
                self.count += 1

    def finished(self, **kwargs) -> None:
        if threading.current_thread() is not threading.main_thread():
            with self.lock:
                self.count = max(0, self.count - 1)

    def wait(self, seconds: float = 5.0) -> None:
        until = time.monotonic() + seconds
        while self.count and time.monotonic() < until:
            time.sleep(0.02)


_in_flight = _InFlight()
request_started.connect(_in_flight.started, dispatch_uid="tests-in-flight-started")
request_finished.connect(_in_flight.finished, dispatch_uid="tests-in-flight-finished")


@pytest.fixture
def new_browser(chromium, live_server):
    """Open browser windows on the live server; each is a separate person."""
    # Sign-in counters live in the database cache, whose table is not emptied between tests
    # on the live server: each test starts with none, as a fresh server would.
    cache.clear()
    sessions: list[BrowserSession] = []

    def open_window() -> BrowserSession:
        session = BrowserSession(chromium, live_server.url)
        sessions.append(session)
        return session

    yield open_window
    errors = []
    for session in sessions:
        errors += session.csp_errors
        session.context.close()
    _in_flight.wait()
    assert not errors, f"The Content-Security-Policy blocked something: {errors}"


@pytest.fixture
def browser(new_browser) -> BrowserSession:
    return new_browser()


@pytest.fixture
def page(browser):
    return browser.page


# -- accessibility -----------------------------------------------------------


@pytest.fixture
def axe():
    return check_axe
