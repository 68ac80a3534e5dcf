"""Meetings in real Chromium: finding a time together with the keyboard alone.

Three members answer a time poll by keyboard, one of them with JavaScript off; the
answer table is read back by its headers; a facilitator chooses the time; the calendar
file opens with the right start in the project's time zone. axe runs on every new page.
"""

from datetime import timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings import services
from meetings.models import Answer, Meeting

from .browser import check, no_sideways_scroll, press_tab_until
from .factories import PASSWORD, add_member, make_user

pytestmark = pytest.mark.browser

LONDON = ZoneInfo("Europe/London")


def day(days: int) -> str:
    return (timezone.now().astimezone(LONDON).date() + timedelta(days=days)).isoformat()


def answer_by_keyboard(page, meeting: Meeting, picks: list[int], note: str = "") -> None:
    """For each time, Tab into its group of choices and pick with the arrow keys and Space."""
    for option, pick in zip(meeting.options.all(), picks, strict=True):
        first = page.locator(f"#id_time_{option.pk}_0")
        press_tab_until(page, first)
        for _ in range(pick):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Space")
        expect(page.locator(f"#id_time_{option.pk}_{pick}")).to_be_checked()
    if note:
        press_tab_until(page, page.locator("#id_note"))
        page.keyboard.type(note)
    press_tab_until(page, page.locator("#save-answers"))
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Your answers are saved")


def read_table(page) -> dict[tuple[str, str], str]:
    """Every answer cell, named by its row's and its column's header, as a screen reader does."""
    return page.evaluate(
        """() => {
        const found = {};
        for (const cell of document.querySelectorAll('#answers-table tbody td')) {
          const ids = cell.getAttribute('headers').split(' ');
          const [row, col] = ids.map(id => document.getElementById(id));
          if (row.getAttribute('scope') !== 'row' || col.getAttribute('scope') !== 'col') {
            throw new Error('a header without its scope');
          }
          // The same headers the table's own structure gives: the row's th, the column's th.
          const tr = cell.parentElement;
          const index = Array.from(tr.children).indexOf(cell);
          const byPlace = document.querySelectorAll('#answers-table thead th')[index];
          if (tr.querySelector('th') !== row || byPlace !== col) {
            throw new Error('headers and structure disagree');
          }
          found[row.textContent.trim().split('\\n')[0] + ' | ' + col.textContent.trim()] =
            cell.textContent.trim();
        }
        return found;
    }"""
    )


@pytest.mark.django_db(transaction=True)
def test_three_members_find_a_time_by_keyboard_and_add_it_to_their_calendar(
    new_browser, chromium, live_server, project, facilitator, co_producer, axe, mailoutbox
):
    dee = make_user("Dee Noscript")
    add_member(project, dee)
    for person in (co_producer, dee):
        services.email_choice_set(project=project, user=person, email=True)

    # The facilitator proposes a meeting with two times.
    fran = new_browser()
    fran.sign_in(facilitator)
    page = fran.page
    page.goto(f"/projects/{project.pk}/meetings/")
    check(page, axe)
    press_tab_until(page, page.locator("#propose-meeting"))
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Propose a meeting")
    check(page, axe)
    page.locator("#id_title").fill("Planning the open day")
    page.locator("#id_times-0-day").fill(day(10))
    page.locator("#id_times-0-start").fill("14:00")
    page.locator("#id_times-0-end").fill("15:30")
    page.locator("#id_times-1-day").fill(day(11))
    page.locator("#id_times-1-start").fill("18:00")
    page.locator("#id_times-1-end").fill("19:00")
    # A mistake first: the message sits beside the field, and nothing is saved.
    page.locator("#id_times-2-day").fill(day(12))
    page.locator("#id_times-2-start").fill("11:00")
    page.locator("#id_times-2-end").fill("10:00")
    press_tab_until(page, page.locator("#propose"))
    page.keyboard.press("Enter")
    expect(page.locator("#id_times-2-end-error")).to_contain_text(
        "The end must be after the start."
    )
    check(page, axe)
    assert not Meeting.objects.exists()
    page.locator("#id_times-2-day").fill("")
    page.locator("#id_times-2-start").fill("")
    page.locator("#id_times-2-end").fill("")
    press_tab_until(page, page.locator("#propose"))
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Planning the open day")
    meeting = Meeting.objects.get()
    check(page, axe)
    no_sideways_scroll(page)
    answer_by_keyboard(page, meeting, [0, 1])

    # Cora answers with JavaScript on, and starts typing a note before she saves.
    cora = new_browser()
    cora.sign_in(co_producer)
    cpage = cora.page
    cpage.goto(f"/projects/{project.pk}/meetings/{meeting.pk}/")
    expect(cpage.locator("#waiting")).to_have_text("2 people haven't answered yet.")
    press_tab_until(cpage, cpage.locator("#id_note"))
    cpage.keyboard.type("I need to leave by 3")

    # Dee answers with JavaScript off: the same plain form works.
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        dpage = context.new_page()
        dpage.goto("/accounts/login/")
        dpage.get_by_label("Email").fill(dee.email)
        dpage.get_by_label("Password").fill(PASSWORD)
        dpage.get_by_role("button", name="Sign In").click()
        dpage.wait_for_url(lambda url: "/accounts/login/" not in url)
        dpage.goto(f"/projects/{project.pk}/meetings/{meeting.pk}/")
        answer_by_keyboard(dpage, meeting, [2, 0])
    finally:
        context.close()

    # Cora's table caught up by itself, and what she was typing is untouched.
    expect(cpage.get_by_role("columnheader", name="Dee Noscript")).to_be_visible(timeout=8000)
    expect(cpage.locator("#id_note")).to_have_value("I need to leave by 3")
    expect(cpage.locator("#id_note")).to_be_focused()
    answer_by_keyboard(cpage, meeting, [0, 0], note=".")
    check(cpage, axe)

    # The table, read back by its headers both ways.
    first, second = (o for o in meeting.options.all())
    cells = read_table(cpage)
    first_row = next(k for k in cells if k.endswith("| Dee Noscript") and "14:00" in k).split(
        " | "
    )[0]
    assert cells[f"{first_row} | Dee Noscript"] == "No"
    assert cells[f"{first_row} | Fran Facilitator"] == "Yes"
    assert cells[f"{first_row} | Cora Coproducer"] == "Yes"
    assert cells[f"{first_row} | Yes"] == "2"
    assert cells[f"{first_row} | No"] == "1"
    expect(cpage.get_by_role("rowheader", name=first_row)).to_have_count(1)
    expect(cpage.locator("caption")).to_contain_text("one row per time, one column per person")
    assert Answer.objects.count() == 6

    # The facilitator chooses the first time by keyboard.
    page.reload()
    choice = page.locator("#id_option_0")
    press_tab_until(page, choice)
    page.keyboard.press("Space")
    press_tab_until(page, page.locator("#choose-time"))
    page.keyboard.press("Enter")
    expect(page.locator("#chosen-time")).to_contain_text("14:00 to 15:30")
    check(page, axe)
    meeting.refresh_from_db()
    assert meeting.chosen == first
    # Everyone who answered and chose email is told: Cora and Dee; Fran didn't choose it.
    assert sorted(m.to[0] for m in mailoutbox) == [co_producer.email, dee.email]

    # Where and how, then the calendar file.
    page.goto(f"/projects/{project.pk}/meetings/{meeting.pk}/where/")
    check(page, axe)
    page.locator("#id_in_person").check()
    page.locator("#id_address").fill("The drop-in, 12 Station Road")
    page.locator("#id_step_free_1").check()
    press_tab_until(page, page.locator("#save-place"))
    page.keyboard.press("Enter")
    expect(page.locator("#where")).to_contain_text("12 Station Road")

    cpage.goto(f"/projects/{project.pk}/meetings/{meeting.pk}/")
    press_tab_until(cpage, cpage.locator("#id_status_0"))
    # In a group of radios the arrow keys move the choice: down once is "Joining online".
    cpage.keyboard.press("ArrowDown")
    press_tab_until(cpage, cpage.locator("#save-attendance"))
    cpage.keyboard.press("Enter")
    expect(cpage.locator("#coming")).to_contain_text("1 joining online")
    check(cpage, axe)
    with cpage.expect_download() as info:
        press_tab_until(cpage, cpage.locator("#add-to-calendar"))
        cpage.keyboard.press("Enter")
    calendar = icalendar.Calendar.from_ical(open(info.value.path(), "rb").read())
    event = calendar.walk("VEVENT")[0]
    start = event.decoded("dtstart").astimezone(LONDON)
    assert start.isoformat()[:16] == f"{day(10)}T14:00"
    assert "12 Station Road" in str(event["location"])
    assert int(event["sequence"]) == 2

    # The project home shows it first.
    cpage.goto(f"/projects/{project.pk}/")
    expect(cpage.locator(".for-you")).to_contain_text("The next meeting: Planning the open day")
    expect(cpage.locator("#next-meeting-where")).to_contain_text("12 Station Road")
    check(cpage, axe)
