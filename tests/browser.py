"""What the browser tests share: Chromium, a person's window, and the checks every page passes.

``tests/conftest.py`` turns these into fixtures (``chromium``, ``new_browser``,
``browser``, ``page``, ``axe``); the browser test modules import the page checks
and the keyboard helpers from here.
"""

import shutil
from pathlib import Path

import pytest

from accounts.models import User

from .factories import PASSWORD

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

TITLE_END = " – Mark of co-production"


# -- Chromium and a person's window ------------------------------------------


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


def launch_chromium(playwright, path: str):
    return playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)


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


# -- the keyboard ------------------------------------------------------------


def is_focused(locator) -> bool:
    return locator.evaluate("element => element === document.activeElement")


def press_tab_until(page, locator, limit: int = 300) -> None:
    """Move through the page with Tab alone, as a keyboard-only person would, until the
    locator has focus; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if is_focused(locator):
            return
    pytest.fail(f"Pressing Tab {limit} times never reached {locator} on {page.url}")


def keyboard_sign_in(page, email: str, password: str = PASSWORD) -> None:
    """Sign in on the sign-in page with Tab, typing and Enter only."""
    page.goto("/accounts/login/")
    press_tab_until(page, page.get_by_label("Email", exact=True))
    page.keyboard.type(email)
    press_tab_until(page, page.get_by_label("Password", exact=True))
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


# -- what every page passes --------------------------------------------------

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


def check(page, axe) -> None:
    """One h1, a full title and nothing axe objects to."""
    assert page.locator("h1").count() == 1, f"{page.url} should have exactly one h1"
    assert page.title().endswith(TITLE_END), f"{page.url} has the title {page.title()!r}"
    axe(page)


def no_sideways_scroll(page) -> None:
    """At 320 CSS pixels wide (400% zoom on a laptop) nothing needs scrolling sideways."""
    page.set_viewport_size({"width": 320, "height": 800})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{page.url} is {width}px wide at 320px"
    page.set_viewport_size({"width": 1280, "height": 800})


def check_page(page, axe) -> None:
    """``check``, and no sideways scrolling at 320px, leaving the window its size."""
    check(page, axe)
    fits_320(page)


def fits_320(page) -> None:
    """Nothing scrolls sideways at 320px wide; the window goes back to its size after."""
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 640})
    try:
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at 320px wide"
    finally:
        page.set_viewport_size(size)


def open_in_place(scope, name: str) -> None:
    """Open a form kept behind a button ("Add a ladder"), unless it is open already."""
    summary = scope.locator("details > summary", has_text=name).first
    if summary.evaluate("s => !s.parentNode.open"):
        summary.click()
