"""The cast and tools every test uses.

A facilitator, a co-producer and an outsider, each with a signed-in client;
small factories; a real Chromium page on the live server; an axe check.
"""

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from projects import services
from projects.models import Membership, Project

PASSWORD = "a-long-test-password-1"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

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


# -- factories ---------------------------------------------------------------


def make_user(name: str = "Alex", email: str | None = None, password: str = PASSWORD) -> User:
    email = email or f"{name.lower().replace(' ', '.')}@example.org"
    user = User.objects.create_user(email=email, password=password, name=name)
    user.emailaddress_set.create(email=email, verified=True, primary=True)
    return user


def make_project(facilitator: User, name: str = "Better drop-in", **fields) -> Project:
    return services.project_create(creator=facilitator, name=name, **fields)


def add_member(project: Project, user: User, role: str = Membership.Role.CO_PRODUCER) -> Membership:
    return Membership.objects.create(project=project, user=user, role=role)


# -- the cast ----------------------------------------------------------------


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


def _client_for(client_class, user: User):
    c = client_class()
    c.force_login(user)
    return c


@pytest.fixture
def facilitator_client(facilitator, project):
    from django.test import Client

    return _client_for(Client, facilitator)


@pytest.fixture
def co_producer_client(co_producer, project):
    from django.test import Client

    return _client_for(Client, co_producer)


@pytest.fixture
def outsider_client(outsider):
    from django.test import Client

    return _client_for(Client, outsider)


@pytest.fixture
def world(project, facilitator, co_producer, outsider):
    """A real project with a rule and a working invitation link, and a client per role."""
    from .every_url import build_world

    return build_world(
        project=project, facilitator=facilitator, co_producer=co_producer, outsider=outsider
    )


# -- query counts ------------------------------------------------------------


@contextmanager
def count_queries() -> Iterator[CaptureQueriesContext]:
    """Count the queries a block makes, to compare a page at two sizes of data."""
    with CaptureQueriesContext(connection) as ctx:
        yield ctx


# -- the browser -------------------------------------------------------------


def find_chromium() -> str | None:
    """Debian's Chromium, or a browser Playwright installed itself, or None."""
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            path = p.chromium.executable_path
        if path and Path(path).exists():
            return path
    except Exception:
        return None
    return None


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
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


class BrowserSession:
    """One person's browser window, watching for anything the page's policy blocks."""

    def __init__(self, browser, base_url: str):
        self.context = browser.new_context(base_url=base_url)
        self.context.set_default_timeout(10_000)
        self.page = self.context.new_page()
        self.csp_errors: list[str] = []
        self.page.on("console", self._on_console)

    def _on_console(self, message) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.csp_errors.append(message.text)

    def sign_in(self, user: User, password: str = PASSWORD) -> None:
        self.page.goto("/accounts/login/")
        self.page.get_by_label("Email").fill(user.email)
        self.page.get_by_label("Password").fill(password)
        self.page.get_by_role("button", name="Sign In").click()
        self.page.wait_for_url(lambda url: "/accounts/login/" not in url)


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
    for session in sessions:
        errors = session.csp_errors
        session.context.close()
        assert not errors, f"The Content-Security-Policy blocked something: {errors}"


@pytest.fixture
def browser(new_browser) -> BrowserSession:
    return new_browser()


@pytest.fixture
def page(browser):
    return browser.page


# -- accessibility -----------------------------------------------------------

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def check_axe(page) -> None:
    """Fail on any WCAG 2.0, 2.1 or 2.2 A or AA violation, listing each readably."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
    )
    violations = results.response["violations"]
    if violations:
        lines = [f"axe found {len(violations)} problem(s) on {page.url}:"]
        for v in violations:
            lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
            for node in v["nodes"][:5]:
                lines.append(
                    f"    at {', '.join(map(str, node['target']))}: {node['failureSummary']}"
                )
        pytest.fail("\n".join(lines))


@pytest.fixture
def axe():
    return check_axe
