"""Scoring together in real Chromium: a meeting screen, two co-producers on their own devices.

The co-producers use the keyboard alone. The meeting screen is never reloaded:
it follows the round by polling. axe runs on every scoring page in each state.
"""

import pytest
from playwright.sync_api import expect

from marks.models import Mark, ScoringRound
from meetings.services import agenda_step
from projects.stages import Stage

from .browser import check, no_sideways_scroll, press_tab_until
from .factories import add_agenda_item, add_member, make_set_meeting, make_user

pytestmark = pytest.mark.browser


def score_by_keyboard(page, value: int) -> None:
    """Tab into the radio group, arrow to the value, Tab to the button and press Enter."""
    press_tab_until(page, page.get_by_role("radio", name="1", exact=True))
    for _ in range(value - 1):
        page.keyboard.press("ArrowRight")
    expect(page.get_by_role("radio", name=str(value), exact=True)).to_be_checked()
    press_tab_until(page, page.get_by_role("button", name="Save my score"))
    page.keyboard.press("Enter")
    expect(page.get_by_text(f"Your score of {value} is saved")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_a_group_scores_a_mark_together(new_browser, project, facilitator, co_producer, axe):
    second = make_user("Kit Coproducer", "kit@example.org")
    add_member(project, second)
    mark = Mark.objects.filter(project=project, stage=Stage.PROCESS).order_by("position").first()
    mark_url = f"/projects/{project.pk}/marks/{mark.pk}/"
    # The meeting is on its mark item; the screen's old address finds it.
    meeting = make_set_meeting(project, facilitator)
    add_agenda_item(meeting, facilitator, kind="mark", mark=mark)
    agenda_step(meeting=meeting, actor=facilitator, step="start")
    meeting_url = f"/projects/{project.pk}/meeting/"

    # The facilitator opens a round on their laptop and puts the meeting screen up.
    fran = new_browser()
    fran.sign_in(facilitator)
    laptop = fran.page
    laptop.goto(mark_url)
    laptop.get_by_role("button", name="Open a scoring round").click()
    expect(laptop.get_by_text("0 of 3 members have scored.")).to_be_visible()
    check(laptop, axe)
    screen = fran.context.new_page()
    screen.goto(meeting_url)
    expect(screen.locator("#screen-now")).to_have_text(mark.title)
    expect(screen.get_by_text("0 of 3 members have scored.")).to_be_visible()
    check(screen, axe)
    no_sideways_scroll(screen)
    screen.evaluate("window.__stillHere = true")

    # Two co-producers score on their own devices, by keyboard alone.
    people = []
    for user, value in ((co_producer, 5), (second, 7)):
        person = new_browser()
        person.sign_in(user)
        person.page.goto(mark_url)
        if not people:
            check(person.page, axe)
            no_sideways_scroll(person.page)
        score_by_keyboard(person.page, value)
        people.append(person.page)

    # The meeting screen counts them without a reload, and shows no score.
    expect(screen.locator("#meeting-live")).to_contain_text(
        "2 of 3 members have scored.", timeout=8_000
    )
    assert screen.evaluate("window.__stillHere") is True
    assert screen.locator(".score-chart").count() == 0
    # The polite announcement follows the swap a moment later.
    expect(screen.locator("#round-announce")).to_contain_text("2 of 3 members have scored.")

    # The facilitator reveals from their laptop; the screen follows.
    laptop.reload()
    laptop.get_by_role("button", name="Reveal the scores").click()
    # Two scores hardly hide anyone: the same form warns first, and the group goes ahead.
    expect(laptop.locator("#few-scores")).to_contain_text("Only 2 people have given a score")
    check(laptop, axe)
    laptop.get_by_role("button", name="Reveal the scores anyway").click()
    expect(screen.locator(".score-chart")).to_be_visible(timeout=8_000)
    assert screen.evaluate("window.__stillHere") is True
    table = screen.get_by_role("table", name="How many members chose each score")
    expect(table.get_by_role("row", name="5 1")).to_be_visible()
    expect(table.get_by_role("row", name="7 1")).to_be_visible()
    expect(screen.get_by_text("Lowest 5, highest 7, middle score (median) 6.")).to_be_visible()
    check(screen, axe)
    no_sideways_scroll(screen)

    # A co-producer's page shows the chart too, without a reload.
    expect(people[0].locator(".score-chart")).to_be_visible(timeout=8_000)
    check(people[0], axe)

    # The group agrees 6 with a note; the history keeps it.
    check(laptop, axe)
    laptop.get_by_label("The score your group agrees").fill("6")
    laptop.get_by_label("Why the group agreed this score").fill("Halfway: we listen, not always.")
    laptop.get_by_role("button", name="Save the agreed score").click()
    history = laptop.locator(".score-history")
    expect(history).to_contain_text("Halfway: we listen, not always.")
    expect(history.locator("td").nth(1)).to_have_text("6")
    check(laptop, axe)
    no_sideways_scroll(laptop)
    expect(screen.locator("#meeting-live")).to_contain_text(
        "Your group agreed a score of 6.", timeout=8_000
    )
    check(screen, axe)
    assert ScoringRound.objects.get(mark=mark).agreed_value == 6

    # The settings page, and scoring without JavaScript is covered in test_scoring.py.
    laptop.goto(f"/projects/{project.pk}/scoring/settings/")
    check(laptop, axe)


@pytest.mark.django_db(transaction=True)
def test_scoring_works_without_javascript(chromium, live_server, project, co_producer, facilitator):
    from marks.scoring import services as scoring

    from .factories import PASSWORD

    mark = Mark.objects.filter(project=project, stage=Stage.PROCESS).order_by("position").first()
    scoring.round_open(mark=mark, actor=facilitator)
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(co_producer.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.goto(f"/projects/{project.pk}/marks/{mark.pk}/")
    page.get_by_role("radio", name="I’d rather not score this one").check()
    page.get_by_role("button", name="Save my score").click()
    expect(page.get_by_text("Saved: you’d rather not score this one.")).to_be_visible()
    expect(page.get_by_text("1 of 2 members have scored.")).to_be_visible()
    context.close()


@pytest.mark.django_db(transaction=True)
def test_the_meeting_screen_before_any_round_says_what_to_do(browser, project, facilitator, axe):
    mark = Mark.objects.filter(project=project, stage=Stage.PROCESS).order_by("position").first()
    meeting = make_set_meeting(project, facilitator)
    add_agenda_item(meeting, facilitator, kind="mark", mark=mark)
    agenda_step(meeting=meeting, actor=facilitator, step="start")
    browser.sign_in(facilitator)
    page = browser.page
    page.goto(f"/projects/{project.pk}/meeting/")
    expect(page.locator("#screen-now")).to_have_text(mark.title)
    expect(page.locator("#screen-progress")).to_contain_text("No scoring round for this mark yet")
    assert "members have scored" not in page.content()
    check(page, axe)
    no_sideways_scroll(page)
