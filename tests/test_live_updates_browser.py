"""Quiet live updates in real Chromium: a screen-reader user silences other people's changes
on the lake, a person pauses and catches up with one button, and the choice is remembered."""

import pytest
from playwright.sync_api import expect

from lake.models import PostIt

from .browser import check, press_tab_until
from .factories import make_postit

pytestmark = pytest.mark.browser


def board_url(project) -> str:
    return f"/projects/{project.pk}/lake/"


# Everything a screen reader would read out from a live region on this page: each region
# that is not silenced, with the text in it.
SPOKEN = """() => [...document.querySelectorAll('[aria-live], [role=status], [role=alert]')]
  .filter(e => e.getAttribute('aria-live') !== 'off' && e.textContent.trim())
  .map(e => e.id + ': ' + e.textContent.trim())"""


@pytest.mark.django_db(transaction=True)
def test_a_screen_reader_user_turns_announcements_off_and_no_live_region_speaks(
    browser, project, co_producer, facilitator, axe
):
    page = browser.page
    browser.sign_in(co_producer)
    page.goto(board_url(project))
    check(page, axe)
    button = page.get_by_role("button", name="Read out other people's changes")
    expect(button).to_have_attribute("aria-pressed", "true")

    # With announcements on, someone else's post-it is read out.
    make_postit(project, facilitator, "Said out loud")
    expect(page.locator("#list-planning")).to_contain_text("Said out loud", timeout=8000)
    expect(page.locator("#lake-others")).to_contain_text("Said out loud")

    press_tab_until(page, button)
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-pressed", "false")
    expect(page.locator("#lake-others")).to_have_attribute("aria-live", "off")
    page.evaluate("document.getElementById('lake-others').textContent = ''")

    make_postit(project, facilitator, "Quietly added")
    make_postit(project, facilitator, "And another, quietly")
    expect(page.locator("#list-planning")).to_contain_text("And another, quietly", timeout=8000)
    page.wait_for_timeout(300)
    assert page.evaluate(SPOKEN) == []
    expect(page.locator("#lake-others")).to_have_text("")

    # Remembered for the person: saved, and drawn that way on the next page load.
    co_producer.refresh_from_db()
    assert co_producer.live_announcements is False
    page.reload()
    expect(page.get_by_role("button", name="Read out other people's changes")).to_have_attribute(
        "aria-pressed", "false"
    )
    expect(page.locator("#lake-others")).to_have_attribute("aria-live", "off")
    # Their own post-it is still said.
    page.get_by_label("Your idea").fill("My own idea")
    page.get_by_role("button", name="Add the post-it").click()
    expect(page.locator("#lake-announce")).to_contain_text("Your post-it is on the lake")
    check(page, axe)


@pytest.mark.django_db(transaction=True)
def test_a_person_pauses_live_updates_and_catches_up_with_one_button(
    browser, project, co_producer, facilitator, axe
):
    page = browser.page
    browser.sign_in(co_producer)
    page.goto(board_url(project))
    pause = page.get_by_role("button", name="Pause live updates")
    press_tab_until(page, pause)
    page.keyboard.press("Enter")
    expect(pause).to_have_attribute("aria-pressed", "true")

    make_postit(project, facilitator, "Waiting one")
    make_postit(project, facilitator, "Waiting two")
    catch_up = page.get_by_role("button", name="2 new changes: show them")
    expect(catch_up).to_be_visible(timeout=8000)
    expect(page.locator("#list-planning")).not_to_contain_text("Waiting one")
    check(page, axe)

    press_tab_until(page, catch_up)
    page.keyboard.press("Enter")
    expect(page.locator("#list-planning")).to_contain_text("Waiting two", timeout=8000)
    expect(page.locator("#list-planning")).to_contain_text("Waiting one")
    expect(page.locator("[data-live-catch-up]")).to_be_hidden()
    # The focus stays with the controls, not lost with the button.
    expect(pause).to_be_focused()
    expect(pause).to_have_attribute("aria-pressed", "true")

    # Still paused: the next change waits again, and the choice is remembered.
    make_postit(project, facilitator, "Waiting three")
    expect(page.get_by_role("button", name="1 new change: show it")).to_be_visible(timeout=8000)
    co_producer.refresh_from_db()
    assert co_producer.live_paused is True
    page.reload()
    expect(page.locator("#list-planning")).to_contain_text("Waiting three")
    expect(page.get_by_role("button", name="Pause live updates")).to_have_attribute(
        "aria-pressed", "true"
    )
    # Going live again shows what came meanwhile.
    make_postit(project, facilitator, "After the reload")
    page.get_by_role("button", name="Pause live updates").click()
    expect(page.locator("#list-planning")).to_contain_text("After the reload", timeout=8000)
    assert PostIt.objects.count() == 4


@pytest.mark.django_db(transaction=True)
def test_a_hidden_page_stops_polling_and_asks_again_when_seen(browser, project, co_producer):
    page = browser.page
    browser.sign_in(co_producer)
    polls = []
    page.on(
        "request",
        lambda request: polls.append(request.url) if "/lake/poll/" in request.url else None,
    )
    page.goto(board_url(project))
    page.wait_for_timeout(3000)
    assert polls
    page.evaluate(
        """() => {
          Object.defineProperty(document, 'hidden', {configurable: true, get: () => true});
          document.dispatchEvent(new Event('visibilitychange'));
        }"""
    )
    page.wait_for_timeout(300)
    before = len(polls)
    page.wait_for_timeout(6000)
    assert len(polls) == before
    page.evaluate(
        """() => {
          Object.defineProperty(document, 'hidden', {configurable: true, get: () => false});
          document.dispatchEvent(new Event('visibilitychange'));
        }"""
    )
    page.wait_for_timeout(500)
    assert len(polls) > before


@pytest.mark.django_db(transaction=True)
def test_the_page_polls_no_faster_than_the_server_asks(browser, project, co_producer, settings):
    settings.LIVE_POLL_SECONDS = 8
    page = browser.page
    browser.sign_in(co_producer)
    polls = []
    page.on("request", lambda request: polls.append(1) if "/lake/poll/" in request.url else None)
    page.goto(board_url(project))
    # The lake polls every 2.5 seconds by itself: four or more in this time without the wait.
    page.wait_for_timeout(10500)
    assert 1 <= len(polls) <= 2, len(polls)
