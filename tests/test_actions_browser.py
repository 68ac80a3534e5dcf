"""The benchmark and the action plan in real Chromium.

A member opens the benchmark, compares two dates, adds an action from a mark
by keyboard alone, marks it done, downloads the plan and the whole project and prints the report. axe runs on both pages, empty and full,
and neither needs sideways scrolling at 320 pixels wide.
"""

import csv
import io
import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from marks.actions import services as actions
from marks.models import Action

from .browser import check, no_sideways_scroll, press_tab_until
from .factories import agree, marks_of
from .printing import assert_a4, pdf_of, text_of

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_both_pages_pass_axe_when_empty(browser, project, co_producer, axe):
    browser.sign_in(co_producer)
    page = browser.page
    for address in (f"/projects/{project.pk}/benchmark/", f"/projects/{project.pk}/actions/"):
        page.goto(address)
        check(page, axe)
        no_sideways_scroll(page)


@pytest.mark.django_db(transaction=True)
def test_a_member_compares_dates_adds_an_action_by_keyboard_and_marks_it_done(
    browser, project, facilitator, co_producer, axe
):
    mark, other = marks_of(project)[:2]
    agree(mark, facilitator, [(co_producer, 3)], 3, "Talked it through", 100)
    agree(mark, facilitator, [(co_producer, 6)], 6, "Talked it through", 40)
    agree(mark, facilitator, [(co_producer, 8)], 8, "Talked it through", 5)
    agree(other, facilitator, [(co_producer, 5)], 5, "Talked it through", 20)
    actions.action_add(
        project=project,
        actor=facilitator,
        text="Ask everyone how they want to meet",
        kind="differently",
        owners=[],
        everyone=True,
        due=None,
        mark=other,
    )
    browser.sign_in(co_producer)
    page = browser.page

    # The benchmark: the latest agreed score, its trend and a chart with its table.
    page.goto(f"/projects/{project.pk}/benchmark/")
    entry = page.locator(f"#mark-{mark.pk}")
    page.locator(f"#stage-{mark.stage} summary").first.click()
    expect(entry).to_contain_text("Agreed score: 8 out of 10")
    expect(entry).to_contain_text("Up from 6.")
    # The history waits behind one button per mark.
    entry.locator("summary", has_text="See how the score changed").click()
    expect(entry.get_by_role("table")).to_contain_text("3")
    # At the top, the stage's chart and its table say the same: 8, agreed today.
    glance = page.locator("#glance tr", has_text=mark.title)
    expect(glance).to_contain_text("8")
    check(page, axe)
    no_sideways_scroll(page)

    # How far we've come: a bad date first, then two real ones.
    today = timezone.localdate()
    page.get_by_label("Then").fill((today - timedelta(days=60)).isoformat())
    page.get_by_role("button", name="Compare").click()
    expect(page.locator("#id_second-error")).to_contain_text("Enter the second date.")
    page.get_by_label("Now").fill(today.isoformat())
    page.get_by_role("button", name="Compare").click()
    row = page.locator("#comparison tr", has_text=mark.title)
    expect(row).to_contain_text("3")
    expect(row).to_contain_text("8")
    expect(row).to_contain_text("up 5")
    check(page, axe)
    no_sideways_scroll(page)

    # From the mark page, by keyboard alone: write an action, choose who, add it.
    page.goto(f"/projects/{project.pk}/marks/{mark.pk}/")
    text_box = page.get_by_label("What will the group do?")
    # The form waits behind one button, which opens it with the cursor in it.
    add = page.locator("summary", has_text="Add an action for this mark")
    press_tab_until(page, add)
    page.keyboard.press("Enter")
    expect(text_box).to_be_focused()
    page.keyboard.type("Meet on a bus route")
    press_tab_until(page, page.get_by_label("Everyone in the group"))
    page.keyboard.press("Space")
    press_tab_until(page, page.get_by_role("button", name="Add the action"))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/marks/{mark.pk}/**")
    expect(page.get_by_text("The action has been added to the plan.")).to_be_visible()
    action = Action.objects.get(text="Meet on a bus route")
    assert action.everyone and action.mark_id == mark.pk

    # The mark page shows its own action; the member marks it done from there.
    item = page.locator(f"#action-{action.pk}")
    expect(item).to_contain_text("Everyone")
    status = item.get_by_label("How far has it got?")
    press_tab_until(page, status)
    status.select_option("done")
    press_tab_until(page, item.get_by_role("button", name="Save"))
    page.keyboard.press("Enter")
    # htmx swaps just this action, which says what happened and takes the focus.
    expect(item.get_by_role("status")).to_have_text("“Meet on a bus route” is now: Done.")
    expect(item).to_be_focused()
    check(page, axe)
    action.refresh_from_db()
    assert action.status == "done"

    # The plan: both actions, full, by stage and by date.
    page.goto(f"/projects/{project.pk}/actions/")
    expect(page.locator(f"#action-{action.pk}")).to_contain_text("Done")
    expect(page.get_by_text("Ask everyone how they want to meet", exact=True)).to_be_visible()
    check(page, axe)
    no_sideways_scroll(page)
    page.get_by_label("by date, soonest first").check()
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_text("Meet on a bus route", exact=True)).to_be_visible()
    check(page, axe)

    # Exports: the action plan as a spreadsheet, then the whole project as one file.
    with page.expect_download() as plan_download:
        page.get_by_role("link", name="Download the action plan (CSV spreadsheet)").click()
    plan_csv = Path(plan_download.value.path()).read_bytes()
    assert plan_csv.startswith(b"\xef\xbb\xbf"), "a BOM lets spreadsheets read it as UTF-8"
    rows = list(csv.reader(io.StringIO(plan_csv.decode("utf-8-sig"))))
    done_row = next(r for r in rows if "Meet on a bus route" in r)
    assert "Done" in done_row and "Everyone" in done_row
    with page.expect_download() as project_download:
        page.get_by_role("link", name="Download everything as a file (JSON)").click()
    assert project_download.value.suggested_filename.endswith(".json")
    data = json.loads(Path(project_download.value.path()).read_text(encoding="utf-8"))
    assert data["project"]["name"] == project.name
    exported_actions = {a["text"]: a for a in data["marks"]["actions"]}
    assert exported_actions["Meet on a bus route"]["status"] == "done"
    exported_rounds = [
        r["agreed_score"]
        for m in data["marks"]["marks"]
        if m["title"] == mark.title
        for r in m["rounds"]
    ]
    assert sorted(exported_rounds) == [3, 6, 8]

    # The report to share, printed to an A4 PDF: the plan and the scores are in it.
    page.goto(f"/projects/{project.pk}/report/")
    check(page, axe)
    page.emulate_media(media="print")
    report = pdf_of(page)
    assert_a4(report)
    printed = text_of(report)
    assert project.name in printed
    assert "Meet on a bus route" in printed
    assert mark.title in printed
