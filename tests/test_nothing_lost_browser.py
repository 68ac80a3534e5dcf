"""Nothing typed is lost, and nothing fails in silence: journeys in real Chromium.

A note typed while the session ends comes back after signing in again; a save that never
reaches the server says so, beside the form; a live page says when it falls behind and
recovers by itself. axe on each of those states.
"""

import re

import pytest
from playwright.sync_api import expect

from marks.models import Mark, Note

from .browser import open_in_place
from .factories import PASSWORD, make_set_meeting

pytestmark = pytest.mark.browser

WORDS = "We take turns with the forms, and nobody is left with all of them."
KEPT = "We kept what you were writing."


def mark_page(project) -> tuple[Mark, str]:
    mark = Mark.objects.filter(project=project).order_by("pk").first()
    return mark, f"/projects/{project.pk}/marks/{mark.pk}/"


@pytest.mark.django_db(transaction=True)
def test_a_note_typed_as_the_session_ends_comes_back_after_signing_in(
    browser, project, co_producer, axe
):
    _mark, address = mark_page(project)
    page = browser.page
    browser.sign_in(co_producer)
    page.goto(address)
    open_in_place(page, "Add a ladder")
    page.get_by_label("A ladder your group has").fill(WORDS)

    # The session ends (here: its cookie goes) while the words are on the screen.
    browser.context.clear_cookies(name="sessionid")
    page.get_by_role("button", name="Add the ladder").click()

    # The whole page goes to sign-in, which will bring the person back to the mark.
    page.wait_for_url(re.compile(r"/accounts/login/\?next="))
    assert not Note.objects.exists()
    page.get_by_label("Email").fill(co_producer.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"**{address}")

    textarea = page.get_by_label("A ladder your group has")
    expect(textarea).to_have_value(WORDS)
    expect(page.get_by_role("status").filter(has_text=KEPT)).to_be_visible()
    axe(page)

    # Saved, the words are forgotten: a reload brings back an empty form.
    page.get_by_role("button", name="Add the ladder").click()
    expect(page.locator("#notes-ladder li.note")).to_contain_text(WORDS)
    assert Note.objects.get().text == WORDS
    page.reload()
    expect(page.get_by_label("A ladder your group has")).to_have_value("")
    expect(page.get_by_text(KEPT)).to_have_count(0)


@pytest.mark.django_db(transaction=True)
def test_words_survive_a_reload_and_a_save_that_fails_says_so(browser, project, co_producer, axe):
    _mark, address = mark_page(project)
    page = browser.page
    browser.sign_in(co_producer)
    page.goto(address)
    textarea = page.get_by_label("A ladder your group has")
    open_in_place(page, "Add a ladder")
    textarea.fill(WORDS)
    page.reload()
    expect(textarea).to_have_value(WORDS)

    # No connection: the post never reaches the server.
    page.route(
        "**/notes/",
        lambda route: route.abort() if route.request.method == "POST" else route.continue_(),
    )
    page.get_by_role("button", name="Add the ladder").click()
    form = page.locator("form.note-form").filter(has=textarea)
    alert = form.get_by_role("alert")
    expect(alert).to_have_text("Not saved yet: check your connection and try again.")
    expect(textarea).to_have_value(WORDS)
    assert not Note.objects.exists()
    axe(page)

    # The server answers with its own error: the same message, the words still there.
    page.unroute("**/notes/")
    page.route(
        "**/notes/",
        lambda route: (
            route.fulfill(status=500, body="broken")
            if route.request.method == "POST"
            else route.continue_()
        ),
    )
    page.get_by_role("button", name="Add the ladder").click()
    expect(alert).to_have_text("Not saved yet: check your connection and try again.")
    expect(form.get_by_role("alert")).to_have_count(1)

    # Back online: it saves, and the message goes with the old form.
    page.unroute("**/notes/")
    page.get_by_role("button", name="Add the ladder").click()
    expect(page.locator("#notes-ladder li.note")).to_contain_text(WORDS)
    expect(page.get_by_role("alert")).to_have_count(0)


@pytest.mark.django_db(transaction=True)
def test_a_live_page_says_when_it_falls_behind_and_recovers(
    browser, project, facilitator, co_producer, axe
):
    meeting = make_set_meeting(project, facilitator)
    page = browser.page
    browser.sign_in(co_producer)
    page.goto(f"/projects/{project.pk}/meetings/{meeting.pk}/screen/")
    status = page.locator("[data-live-status]")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_text("")

    page.route("**/screen/poll/**", lambda route: route.abort())
    expect(status).to_have_text("Not up to date: trying again…", timeout=8_000)
    axe(page)

    page.unroute("**/screen/poll/**")
    expect(status).to_have_text("", timeout=8_000)
