"""A break from the project in real Chromium: a co-producer pauses by keyboard, drops out of
a round's "N of M", comes back with one button and reads what changed meanwhile."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from marks.models import ScoringRound

from .browser import check, press_tab_until
from .factories import make_mark, make_postit

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_a_co_producer_pauses_is_not_counted_comes_back_and_sees_what_changed(
    new_browser, project, co_producer, facilitator, axe
):
    mark = make_mark(project, facilitator)
    ScoringRound.objects.create(mark=mark, status="open")
    mark_url = reverse("marks:mark", args=[project.pk, mark.pk])
    fran = new_browser()
    fran.sign_in(facilitator)
    fran.page.goto(mark_url)
    expect(fran.page.locator("#round-live")).to_contain_text("0 of 2 members have scored.")

    cora = new_browser()
    page = cora.page
    cora.sign_in(co_producer)
    page.goto(f"/projects/{project.pk}/")
    press_tab_until(page, page.get_by_role("link", name="Take a break from the project"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Taking a break", exact=True)).to_be_visible()
    check(page, axe)
    # A date in the past is refused, with the problem read out first.
    page.get_by_label("When you think you'll be back (optional)").fill("2020-01-01")
    press_tab_until(page, page.get_by_role("button", name="Start my break"))
    page.keyboard.press("Enter")
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.locator("[data-error-summary]")).to_contain_text("can't be in the past")
    page.get_by_label("When you think you'll be back (optional)").fill("")
    press_tab_until(page, page.get_by_role("button", name="Start my break"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="You are taking a break")).to_be_visible()
    check(page, axe)

    # The facilitator's open mark page counts one member fewer, live.
    expect(fran.page.locator("#round-live")).to_contain_text(
        "0 of 1 member has scored.", timeout=8000
    )

    # Meanwhile the group works on.
    make_postit(project, facilitator, "While Cora was away")
    make_mark(project, facilitator, title="A new mark")

    page.reload()
    press_tab_until(page, page.get_by_role("button", name="I'm back"))
    page.keyboard.press("Enter")
    away = page.locator("#while-away")
    expect(away).to_contain_text("1 new post-it went on the lake of ideas.")
    expect(away).to_contain_text("1 new mark was added.")
    check(page, axe)
    expect(fran.page.locator("#round-live")).to_contain_text(
        "0 of 2 members have scored.", timeout=8000
    )
