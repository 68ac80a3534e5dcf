"""Running a meeting from its agenda in real Chromium.

The facilitator puts the meeting screen up and moves the meeting on from their own laptop,
with the keyboard alone; a co-producer scores the mark item on their own device. The
screen is never reloaded: it follows the agenda by polling. axe runs on the screen at
each step.
"""

import pytest
from playwright.sync_api import expect

from marks.models import Mark, Score
from meetings.models import Meeting
from meetings.services import agenda_step
from projects.models import Project
from projects.stages import Stage

from .browser import check, check_page, press_tab_until
from .factories import add_agenda_item, make_postit, make_set_meeting

pytestmark = pytest.mark.browser


def press(page, name: str) -> None:
    """Reach a button with Tab alone and press it with Enter."""
    press_tab_until(page, page.get_by_role("button", name=name, exact=True))
    page.keyboard.press("Enter")


@pytest.mark.django_db(transaction=True)
def test_a_facilitator_runs_a_meeting_of_three_items_on_the_shared_screen(
    new_browser, project, facilitator, co_producer, axe
):
    mark = Mark.objects.filter(project=project, stage=Stage.PROCESS).order_by("position").first()
    meeting = make_set_meeting(project, facilitator, title="Our March meeting")
    add_agenda_item(meeting, facilitator, kind="checkin", text="How are you arriving today?")
    add_agenda_item(meeting, co_producer, kind="mark", mark=mark, minutes=20)
    add_agenda_item(meeting, facilitator, text="Plan the summer trip")
    meeting_page = f"/projects/{project.pk}/meetings/{meeting.pk}/"

    # The shared screen goes up before the meeting starts, and is never reloaded.
    fran = new_browser()
    fran.sign_in(facilitator)
    screen = fran.context.new_page()
    screen.goto(f"{meeting_page}screen/")
    expect(screen.locator("#meeting-live")).to_contain_text("The meeting hasn't started yet.")
    expect(screen.locator("#screen-agenda")).to_contain_text("Plan the summer trip")
    check_page(screen, axe)
    screen.evaluate("window.__stillHere = true")

    # The facilitator starts the meeting from the meeting page on their laptop, by keyboard.
    laptop = fran.page
    laptop.goto(meeting_page)
    check(laptop, axe)
    press(laptop, "Start the meeting")
    expect(laptop.locator("#control-now")).to_have_text("The meeting is on item 1 of 3.")
    expect(screen.locator("#screen-question")).to_have_text(
        "How are you arriving today?", timeout=8_000
    )
    expect(screen.locator("#screen-next")).to_contain_text(mark.title)
    check(screen, axe)

    # Next: the mark. The facilitator opens its round; the screen shows who has scored.
    press(laptop, "Next item")
    expect(laptop.locator("#control-now")).to_have_text("The meeting is on item 2 of 3.")
    expect(screen.locator("#screen-now")).to_have_text(mark.title, timeout=8_000)
    laptop.goto(f"/projects/{project.pk}/marks/{mark.pk}/")
    laptop.get_by_role("button", name="Open a scoring round").click()
    expect(screen.locator("#screen-progress")).to_have_text(
        "0 of 2 members have scored.", timeout=8_000
    )

    # The co-producer scores on their own device, by keyboard alone.
    kit = new_browser()
    kit.sign_in(co_producer)
    phone = kit.page
    phone.goto(f"/projects/{project.pk}/marks/{mark.pk}/")
    press_tab_until(phone, phone.get_by_role("radio", name="1", exact=True))
    for _ in range(5):
        phone.keyboard.press("ArrowRight")
    expect(phone.get_by_role("radio", name="6", exact=True)).to_be_checked()
    press(phone, "Save my score")
    expect(phone.get_by_text("Your score of 6 is saved")).to_be_visible()
    expect(screen.locator("#screen-progress")).to_have_text(
        "1 of 2 members have scored.", timeout=8_000
    )
    # The count only: no score is on the screen before the reveal.
    assert screen.locator(".score-chart").count() == 0
    expect(screen.locator("#round-announce")).to_contain_text("1 of 2 members have scored.")
    check(screen, axe)
    assert Score.objects.get(member=co_producer).value == 6

    # Back on the meeting page, the last item; the last step offers to end the meeting.
    laptop.goto(meeting_page)
    press(laptop, "Next item")
    expect(laptop.locator("#control-now")).to_have_text("The meeting is on item 3 of 3.")
    expect(screen.locator("#screen-now")).to_have_text("Plan the summer trip", timeout=8_000)
    expect(screen.locator("#screen-next")).to_have_text("This is the last item.")
    check(screen, axe)
    expect(laptop.get_by_role("button", name="Next item")).to_have_count(0)
    press(laptop, "Back one item")
    expect(screen.locator("#screen-now")).to_have_text(mark.title, timeout=8_000)
    press(laptop, "Next item")
    expect(screen.locator("#screen-now")).to_have_text("Plan the summer trip", timeout=8_000)
    check(laptop, axe)

    # The facilitator ends the meeting from the screen's own control.
    press(screen, "End the meeting")
    expect(screen.get_by_text("The meeting is ended. Thank you, everyone.")).to_be_visible()
    assert Meeting.objects.get(pk=meeting.pk).has_ended


@pytest.mark.django_db(transaction=True)
def test_the_screen_stays_put_through_changes_it_does_not_show_and_asks_from_the_new_revision(
    browser, project, facilitator
):
    meeting = make_set_meeting(project, facilitator, title="Our April meeting")
    add_agenda_item(meeting, facilitator, text="Welcome")
    add_agenda_item(meeting, facilitator, text="Plan the summer trip")
    agenda_step(meeting=meeting, actor=facilitator, step="start")
    page = browser.page
    browser.sign_in(facilitator)
    polls: list[str] = []
    page.on("request", lambda r: polls.append(r.url) if "/screen/poll/" in r.url else None)
    page.goto(f"/projects/{project.pk}/meetings/{meeting.pk}/screen/")
    expect(page.locator("#screen-now")).to_have_text("Welcome")
    # A mark on the part the polls would replace: it survives only if the part is not redrawn.
    page.locator("#meeting-live").evaluate("el => { el.dataset.drawnOnce = 'yes'; }")

    make_postit(project, facilitator, "An idea for the lake")
    moved_to = Project.objects.get(pk=project.pk).revision
    for _ in range(40):
        if any(f"revision={moved_to}&" in u for u in polls):
            break
        page.wait_for_timeout(250)
    assert any(f"revision={moved_to}&" in u for u in polls), polls
    expect(page.locator("#meeting-live")).to_have_attribute("data-drawn-once", "yes")

    # A change the screen shows arrives as before.
    add_agenda_item(meeting, facilitator, text="Say thank you")
    expect(page.locator("#screen-step")).to_have_text("Item 1 of 3", timeout=8_000)
