"""The demo project's pages at 1366 pixels wide, as a group sees them on a laptop or projector.

Height guards, set from the redesigned pages with the demo's data: a page that grows back
towards a long form fails here. Each page is also checked with axe.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from accounts.models import User
from marks.models import Mark
from marks.scoring import services as scoring
from meetings.models import Meeting
from projects.models import Membership
from sharing.demo import PASSWORD, demo_create

from .browser import check

pytestmark = pytest.mark.browser

WIDE = {"width": 1366, "height": 900}


@pytest.fixture
def demo(db):
    return demo_create()


def height(page) -> int:
    page.wait_for_load_state("networkidle")
    return page.evaluate("document.documentElement.scrollHeight")


@pytest.mark.django_db(transaction=True)
def test_the_demos_mark_page_is_short_at_1366px(browser, demo, axe):
    page = browser.page
    page.set_viewport_size(WIDE)
    browser.sign_in(User.objects.get(email="amina@example.org"), PASSWORD)
    mark = Mark.objects.filter(project=demo, notes__isnull=False).distinct().order_by("pk").first()
    page.goto(reverse("marks:mark", args=[demo.pk, mark.pk]))
    # Before the redesign this page was about 5,300 pixels tall, after its first pass about
    # 3,500; with the questions side by side across the window, about 2,650.
    assert height(page) < 2800
    # The three kinds of note stand side by side, and the score takes the row beneath them.
    boxes = [
        page.locator(f"#notes-{kind}").bounding_box() for kind in ("meaning", "ladder", "snake")
    ]
    tops = [box["y"] for box in boxes]
    assert max(tops) - min(tops) < 1, tops
    notes_bottom = max(box["y"] + box["height"] for box in boxes)
    assert page.locator("#score").bounding_box()["y"] >= notes_bottom
    # Nothing lost: every note is on the page, and each question's form opens in place.
    for note in mark.notes.filter(deleted_at=None):
        assert page.locator(f"#note-{note.pk}").count() == 1
    page.locator("#notes-ladder summary", has_text="Add a ladder").click()
    assert page.get_by_label("A ladder your group has").is_visible()
    page.locator("#notes-ladder summary", has_text="Show examples").click()
    assert page.locator("#notes-ladder .examples li").first.is_visible()
    check(page, axe)

    # On a phone the questions come one under another, with nothing pushed sideways.
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    ladder = page.locator("#notes-ladder").bounding_box()
    assert page.locator("#notes-snake").bounding_box()["y"] >= ladder["y"] + ladder["height"]


@pytest.mark.django_db(transaction=True)
def test_while_a_round_is_open_the_demos_mark_page_starts_with_the_score_form(browser, demo, axe):
    mark = Mark.objects.filter(project=demo, notes__isnull=False).distinct().order_by("pk").first()
    facilitator = User.objects.filter(
        memberships__project=demo, memberships__role=Membership.Role.FACILITATOR
    ).first()
    scoring.round_open(mark=mark, actor=facilitator)
    page = browser.page
    page.set_viewport_size(WIDE)
    browser.sign_in(User.objects.get(email="amina@example.org"), PASSWORD)
    page.goto(reverse("marks:mark", args=[demo.pk, mark.pk]))
    # The score comes before the notes, its form under the round's progress, on the first screen.
    progress = page.locator(".round-progress").bounding_box()
    form = page.locator(".score-form").bounding_box()
    assert form["y"] > progress["y"] and abs(form["x"] - progress["x"]) < 1
    assert form["y"] < page.locator("#notes-meaning").bounding_box()["y"]
    # On the first screen below the site's header (Amina's other project has the quick exit
    # on, so her pages also start with its bar).
    top = page.locator(".site-header").bounding_box()["y"]
    assert form["y"] - top < WIDE["height"]
    page.get_by_label("7", exact=True).check()
    page.get_by_role("button", name="Save my score").click()
    expect(page.locator("#score-controls")).to_contain_text("Your score of 7 is saved.")
    check(page, axe)


@pytest.mark.django_db(transaction=True)
def test_the_demos_benchmark_is_a_picture_first_and_short_at_1366px(browser, demo, axe):
    page = browser.page
    page.set_viewport_size(WIDE)
    browser.sign_in(User.objects.get(email="amina@example.org"), PASSWORD)
    page.goto(reverse("actions:benchmark", args=[demo.pk]))
    # Before the redesign this page was about 10,000 pixels tall; now about 4,100.
    assert height(page) < 4600
    # One chart per stage, each with its table; scored marks have a bar, others say so.
    assert page.locator(".glance__stage").count() == 4
    assert page.locator(".glance__table").count() == 4
    scored = page.locator(".glance__chart .glance__bar")
    assert scored.count() >= 1
    assert page.locator(".glance__chart .glance__none").count() >= 1
    # The date of each score is there on hover, and in the table.
    assert "agreed on" in scored.first.locator("title").text_content()
    check(page, axe)

    # Comparing two dates draws the earlier score beside the later one.
    then = timezone.localdate() - timedelta(days=45)
    page.get_by_label("Then").fill(then.isoformat())
    page.get_by_label("Now").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Compare").click()
    expect(page.locator(".glance__key")).to_contain_text(date_format(then, "j F Y"))
    assert page.locator(".glance__chart .glance__bar--earlier").count() >= 1
    assert page.locator(".glance__table th", has_text=date_format(then, "j M Y")).count() == 4
    check(page, axe)


@pytest.mark.django_db(transaction=True)
def test_the_demos_home_starts_with_for_you_now(browser, demo, axe):
    page = browser.page
    page.set_viewport_size(WIDE)
    browser.sign_in(User.objects.get(email="amina@example.org"), PASSWORD)
    page.goto(reverse("projects:home", args=[demo.pk]))
    headings = page.locator("main h2").all_text_contents()
    assert headings[0] == "For you now", headings
    # The project's own story follows: aims, stages, then the lake at a glance.
    assert headings.index("Our aims") < headings.index("The four stages")
    assert headings.index("The four stages") < headings.index("The lake of ideas at a glance")
    expect(page.locator(".home-lake")).to_contain_text("Planning:")
    check(page, axe)


@pytest.mark.django_db(transaction=True)
def test_the_demos_benchmark_keeps_every_chart_and_table_and_is_shorter_on_a_phone(
    browser, demo, axe
):
    page = browser.page
    page.set_viewport_size({"width": 390, "height": 844})
    browser.sign_in(User.objects.get(email="amina@example.org"), PASSWORD)
    page.goto(reverse("actions:benchmark", args=[demo.pk]))
    # Each stage's chart stands above its table on a phone. Before they were made close this
    # page was about 8,900 pixels tall there; now about 6,800.
    assert height(page) < 7300
    # Nothing left out: every chart and every table, each table's rows all showing.
    assert page.locator(".glance__chart").count() == 4
    tables = page.locator(".glance__table")
    assert tables.count() == 4
    for i in range(4):
        table = tables.nth(i)
        assert table.is_visible()
        assert (
            table.locator("tbody tr").count()
            == page.locator(".glance__chart").nth(i).locator("li").count()
        )
    # Each bar sits beside its mark's title, and nothing is pushed sideways at 320 pixels.
    row = page.locator(".glance__row").first.bounding_box()
    assert row["height"] < 60, row
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    check(page, axe)


@pytest.mark.django_db(transaction=True)
def test_the_demos_home_says_the_next_meeting_once(browser, demo, axe):
    # The demo's meeting with a time is in the past: bring it forward three days.
    meeting = Meeting.objects.get(project=demo, title="Looking at the welcome desk")
    option = meeting.chosen
    option.starts_at = timezone.now() + timedelta(days=3)
    option.ends_at = option.starts_at + timedelta(hours=2)
    option.save(update_fields=["starts_at", "ends_at"])
    page = browser.page
    page.set_viewport_size(WIDE)
    browser.sign_in(User.objects.get(email="amina@example.org"), PASSWORD)
    page.goto(reverse("projects:home", args=[demo.pk]))
    # What and when, once, in "For you now"; where and the agenda in the panel beneath it.
    for_you = page.locator(".for-you")
    expect(for_you).to_contain_text("The next meeting: Looking at the welcome desk")
    panel = page.locator(".next-meeting")
    expect(panel.get_by_role("heading", level=2)).to_have_text("Where we meet next, and the agenda")
    expect(panel).not_to_contain_text("Looking at the welcome desk")
    expect(panel).to_contain_text("12 Station Road")
    expect(panel.locator("#next-meeting-agenda-list li")).not_to_have_count(0)
    check(page, axe)
    # The agenda's link opens the meeting's page at its agenda.
    panel.get_by_role("link", name="Open the agenda").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/meetings/{meeting.pk}/**")
    expect(page.locator("#agenda")).to_be_visible()
