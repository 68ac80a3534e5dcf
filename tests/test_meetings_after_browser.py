"""After a meeting in real Chromium: the facilitator ends it, a co-producer answers the
check-out by keyboard alone and asks to talk, and the facilitator sees only that someone
asked. axe runs on both pages."""

from datetime import time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings import services
from meetings.models import CheckOut, SupportContact
from meetings.times import aware

from .browser import check, no_sideways_scroll, press_tab_until

pytestmark = pytest.mark.browser

WORDS = "It was a lot today"


@pytest.mark.django_db(transaction=True)
def test_a_co_producer_asks_to_talk_by_keyboard_and_the_facilitator_sees_only_that(
    new_browser, live_server, project, facilitator, co_producer, axe
):
    day = (timezone.now() - timedelta(hours=3)).date()
    start = aware(day, time(10, 0), project.time_zone)
    meeting = services.meeting_propose(
        project=project,
        proposer=facilitator,
        title="Looking at the welcome desk",
        times=[
            (start, start + timedelta(hours=1)),
            (start + timedelta(days=1), start + timedelta(days=1, hours=1)),
        ],
    )
    meeting = services.meeting_choose(
        meeting=meeting, option=meeting.options.first(), actor=facilitator
    )
    services.attendance_set(meeting=meeting, member=facilitator, status="in_person")
    services.attendance_set(meeting=meeting, member=co_producer, status="online")
    SupportContact.objects.create(
        project=project, name="Listening line", reach="0800 123 456", offer="Someone to talk to"
    )
    path = f"/projects/{project.pk}/meetings/{meeting.pk}/"

    # The facilitator ends the meeting from its page, by keyboard.
    fran = new_browser()
    fran.sign_in(facilitator)
    page = fran.page
    page.goto(path)
    press_tab_until(page, page.locator("#end-meeting"))
    page.keyboard.press("Enter")
    expect(page.locator("#meeting-ended")).to_be_visible()
    expect(page.locator("#talk-count")).to_have_text("0 people asked to talk to someone.")

    # Cora finds the check-out on the project home and on the meeting page.
    cora = new_browser()
    cora.sign_in(co_producer)
    cpage = cora.page
    cpage.goto(f"/projects/{project.pk}/")
    expect(cpage.locator("#home-check-out")).to_be_visible()
    cpage.goto(path)
    expect(cpage.locator("#check-out")).to_contain_text("How are you after today?")
    expect(cpage.locator("#support")).to_contain_text("Listening line")
    check(cpage, axe)
    no_sideways_scroll(cpage)
    # Into the group of answers with Tab; the arrow keys move to the last, "I'd like to talk".
    press_tab_until(cpage, cpage.locator("#id_checkout-feeling_0"))
    cpage.keyboard.press("Space")
    for _ in range(4):
        cpage.keyboard.press("ArrowDown")
    expect(cpage.locator("#id_checkout-feeling_4")).to_be_checked()
    press_tab_until(cpage, cpage.locator("#id_checkout-words"))
    cpage.keyboard.type(WORDS)
    # She leaves "give my name" unticked, and sends.
    press_tab_until(cpage, cpage.locator("#save-check-out"))
    cpage.keyboard.press("Enter")
    expect(cpage.locator(".messages")).to_contain_text("Only you see your answer")
    expect(cpage.locator("#check-out-saved")).to_be_visible()
    expect(cpage.locator("#id_checkout-words")).to_have_value(WORDS)
    check(cpage, axe)
    mine = CheckOut.objects.get(user=co_producer)
    assert (mine.feeling, mine.share_name) == ("talk", False)

    # The facilitator sees that one person asked: not who, not the words.
    page.reload()
    expect(page.locator("#talk-count")).to_have_text("1 person asked to talk to someone.")
    expect(page.locator("#talk-names")).to_have_count(0)
    body = page.locator("body").inner_text()
    assert WORDS not in body
    assert "Cora" not in page.locator("#talk-summary").inner_text()
    check(page, axe)
