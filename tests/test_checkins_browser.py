"""Check-ins in real Chromium.

A member starts a check-in, answers it and closes it with the keyboard alone.
axe runs on the list (empty and full), an open check-in and a closed one, and
none of them needs sideways scrolling at 320 pixels wide.
"""

import pytest
from playwright.sync_api import expect

from checkins import services
from checkins.models import CheckIn, CheckInResponse
from checkins.services import QUESTIONS

from .browser import check, no_sideways_scroll, press_tab_until

pytestmark = pytest.mark.browser

LONG_WORD = "Co-production" * 30


@pytest.mark.django_db(transaction=True)
def test_a_member_starts_answers_and_closes_a_checkin_by_keyboard(
    browser, project, co_producer, facilitator, axe
):
    project.allow_anonymous = True
    project.save(update_fields=["allow_anonymous"])
    browser.sign_in(co_producer)
    page = browser.page
    page.goto(f"/projects/{project.pk}/check-ins/")
    check(page, axe)
    no_sideways_scroll(page)

    start = page.locator("#start-checkin")
    press_tab_until(page, start)
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("Check-in of")
    checkin = CheckIn.objects.get(project=project)

    first = page.get_by_label(str(QUESTIONS[0][1]))
    press_tab_until(page, first)
    page.keyboard.type("Planning together works well. " + LONG_WORD)
    press_tab_until(page, page.locator("#save-answers"))
    page.keyboard.press("Enter")
    expect(page.locator("#answered")).to_contain_text("1 answer so far")
    expect(page.locator("#mine")).to_contain_text("Planning together works well.")
    check(page, axe)
    no_sideways_scroll(page)

    # Someone else's answer stays out of sight while the check-in is open.
    services.checkin_answer(
        checkin=checkin,
        member=facilitator,
        answers={QUESTIONS[1][0]: "Fran hears most"},
        anonymous=False,
    )
    page.reload()
    expect(page.get_by_text("Fran hears most")).to_have_count(0)

    # Too long an answer: the message sits beside the field, and nothing more is saved.
    page.evaluate("document.getElementById('id_voices').removeAttribute('maxlength')")
    page.locator("#id_voices").fill("x" * 2001)
    press_tab_until(page, page.locator("#save-answers"))
    page.keyboard.press("Enter")
    expect(page.locator("#id_voices-error")).to_contain_text("2000 characters or fewer")
    check(page, axe)
    assert CheckInResponse.objects.filter(checkin=checkin).count() == 2

    page.goto(f"/projects/{project.pk}/check-ins/{checkin.pk}/")
    close = page.locator("#close-checkin")
    press_tab_until(page, close)
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("The check-in is closed")
    expect(page.get_by_text("Fran hears most")).to_be_visible()
    expect(page.get_by_text("Planning together works well.")).to_be_visible()
    assert not CheckIn.objects.get(pk=checkin.pk).is_open
    check(page, axe)
    no_sideways_scroll(page)

    page.goto(f"/projects/{project.pk}/check-ins/")
    expect(page.locator("#checkins li")).to_have_count(1)
    check(page, axe)
    no_sideways_scroll(page)
