"""The quick exit in real Chromium: first by keyboard, one press away, three Shifts, and
out of the tab's back history; never holding on to the focus."""

import pytest
from playwright.sync_api import expect

from .browser import check

pytestmark = pytest.mark.browser


@pytest.fixture
def neutral(live_server, settings, project):
    """The project shows the button; the neutral site is a plain page on the test server."""
    project.quick_exit = True
    project.save(update_fields=["quick_exit"])
    settings.QUICK_EXIT_URL = f"{live_server.url}/robots.txt"
    return settings.QUICK_EXIT_URL


def home(project) -> str:
    return f"/projects/{project.pk}/"


@pytest.mark.django_db(transaction=True)
def test_the_quick_exit_is_first_by_keyboard_and_leaves_no_back_step(
    browser, project, co_producer, neutral, axe
):
    page = browser.page
    browser.sign_in(co_producer)
    page.goto("/projects/")
    page.goto(home(project))
    check(page, axe)
    expect(page.locator("[data-quick-exit-hint]")).to_be_visible()
    page.keyboard.press("Tab")
    button = page.get_by_role("link", name="Leave this page quickly")
    expect(button).to_be_focused()
    # It never holds the focus: the next Tab goes on to the skip link, Shift+Tab comes back.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(button).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(neutral)
    # The project page is gone from this tab's history: Back goes to the page before it.
    page.go_back()
    page.wait_for_url("**/projects/")
    assert page.url.endswith("/projects/")


@pytest.mark.django_db(transaction=True)
def test_three_shifts_leave_and_clear_what_the_tab_kept(browser, project, co_producer, neutral):
    page = browser.page
    browser.sign_in(co_producer)
    page.goto(f"/projects/{project.pk}/lake/")
    field = page.get_by_label("Your idea")
    field.click()
    # Capital letters use Shift too: typing is never a way out.
    page.keyboard.type("Hard To Say Out Loud")
    page.wait_for_timeout(1200)
    assert page.url.endswith("/lake/")
    assert page.evaluate("sessionStorage.length") > 0
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(neutral)
    assert page.evaluate("sessionStorage.length") == 0


@pytest.mark.django_db(transaction=True)
def test_the_settings_page_explains_the_limits(browser, project, facilitator, axe):
    page = browser.page
    browser.sign_in(facilitator)
    page.goto(f"/projects/{project.pk}/settings/")
    page.get_by_label("Show a “Leave this page quickly” button").check()
    expect(
        page.get_by_role("heading", name="What “Leave this page quickly” can and can't do")
    ).to_be_visible()
    check(page, axe)
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_role("link", name="Leave this page quickly")).to_be_visible()
    check(page, axe)
