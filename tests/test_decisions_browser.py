"""Deciding together in real Chromium.

A co-producer proposes by keyboard; three members respond by keyboard (one objects with a
reason, one with JavaScript off); the responses stay hidden, while the facilitator's page
counts them by polling, until the facilitator closes the proposal; the outcome is in the
decision log and the report. axe runs on every page of the decisions app.
"""

import pytest
from playwright.sync_api import expect

from decisions import services
from decisions.models import Proposal, Response

from .browser import check, no_sideways_scroll, press_tab_until
from .factories import PASSWORD, add_member, make_user

pytestmark = pytest.mark.browser

OBJECTION = "Thursday is my only evening with the children."


def respond_by_keyboard(page, arrows: int, reason: str = "") -> None:
    first = page.locator("#id_answer_0")
    press_tab_until(page, first)
    for _ in range(arrows):
        page.keyboard.press("ArrowDown")
    if arrows == 0:
        page.keyboard.press("Space")
    if reason:
        press_tab_until(page, page.locator("#id_reason"))
        page.keyboard.type(reason)
    press_tab_until(page, page.locator("#save-response"))
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Your response is saved.")


@pytest.mark.django_db(transaction=True)
def test_a_proposal_from_writing_to_the_report(
    new_browser, chromium, live_server, project, co_producer, facilitator, axe
):
    amina, jo, noor = (make_user(n) for n in ("Amina", "Jo", "Noor"))
    for person in (amina, jo, noor):
        add_member(project, person)

    cora = new_browser()
    cora.sign_in(co_producer)
    page = cora.page
    page.goto(f"/projects/{project.pk}/proposals/")
    check(page, axe)
    press_tab_until(page, page.locator("#new-proposal"))
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Write a proposal")
    check(page, axe)
    # Sent empty: the message is beside the field, and nothing is saved.
    press_tab_until(page, page.locator("#save-proposal"))
    page.keyboard.press("Enter")
    expect(page.locator("#id_title-error")).to_contain_text("Write what the group would decide.")
    check(page, axe)
    press_tab_until(page, page.get_by_label("What we would decide"))
    page.keyboard.type("Meet on Thursday evenings")
    press_tab_until(page, page.get_by_label("Why"))
    page.keyboard.type("More people can come after work.")
    press_tab_until(page, page.locator("#save-proposal"))
    page.keyboard.press("Enter")
    expect(page.locator("#responded")).to_contain_text("0 responses so far")
    check(page, axe)
    no_sideways_scroll(page)
    proposal = Proposal.objects.get()

    # The facilitator watches the count, which the page fetches by polling.
    fran = new_browser()
    fran.sign_in(facilitator)
    fran.page.goto(f"/projects/{project.pk}/proposals/{proposal.pk}/")
    expect(fran.page.locator("#responded")).to_contain_text("0 responses so far")

    for person, arrows, reason in [(amina, 0, ""), (jo, 2, OBJECTION)]:
        window = new_browser()
        window.sign_in(person)
        window.page.goto(f"/projects/{project.pk}/proposals/{proposal.pk}/")
        respond_by_keyboard(window.page, arrows, reason)
        expect(window.page.locator("#mine")).to_be_visible()
        check(window.page, axe)

    # Noor has JavaScript turned off: the plain form works the same.
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    plain = context.new_page()
    plain.goto("/accounts/login/")
    plain.get_by_label("Email").fill(noor.email)
    plain.get_by_label("Password").fill(PASSWORD)
    plain.get_by_role("button", name="Sign In").click()
    plain.goto(f"/projects/{project.pk}/proposals/{proposal.pk}/")
    respond_by_keyboard(plain, 0)
    expect(plain.get_by_text(OBJECTION)).to_have_count(0)
    context.close()
    assert Response.objects.filter(proposal=proposal).count() == 3

    fpage = fran.page
    expect(fpage.locator("#responded")).to_contain_text("3 responses so far", timeout=30_000)
    expect(fpage.get_by_text(OBJECTION)).to_have_count(0)
    assert OBJECTION not in fpage.content()
    press_tab_until(fpage, fpage.locator("#close-proposal"))
    fpage.keyboard.press("Enter")
    expect(fpage.locator("#outcome")).to_contain_text("We have not agreed to “Meet on Thursday")
    expect(fpage.locator("#objections")).to_contain_text(OBJECTION)
    check(fpage, axe)
    no_sideways_scroll(fpage)

    # Cora, who proposed it, answers the objection.
    page.reload()
    press_tab_until(page, page.get_by_label("Your response to the objections"))
    page.keyboard.type("Could we try Wednesdays instead?")
    press_tab_until(page, page.locator("#save-reply"))
    page.keyboard.press("Enter")
    expect(page.locator("#reply")).to_contain_text("Wednesdays")

    page.goto(f"/projects/{project.pk}/")
    press_tab_until(page, page.locator("#home-decision-log"))
    page.keyboard.press("Enter")
    expect(page.locator("#decisions")).to_contain_text("We have not agreed to")
    check(page, axe)
    page.goto(f"/projects/{project.pk}/report/")
    expect(page.locator("body")).to_contain_text("We have not agreed to “Meet on Thursday")
    expect(page.locator("body")).to_contain_text(OBJECTION)


@pytest.mark.django_db(transaction=True)
def test_the_log_and_how_we_decide_by_keyboard(browser, project, co_producer, axe):
    browser.sign_in(co_producer)
    page = browser.page
    page.goto(f"/projects/{project.pk}/decisions/")
    check(page, axe)
    press_tab_until(page, page.locator("#add-decision"))
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Add a decision")
    check(page, axe)
    press_tab_until(page, page.get_by_label("What was decided"))
    page.keyboard.type("The drop-in closes on Fridays from April.")
    # A group of radios takes one Tab; the arrow keys choose within it.
    press_tab_until(page, page.locator("#id_how_0"))
    page.keyboard.press("ArrowDown")
    press_tab_until(page, page.locator("#save-decision"))
    page.keyboard.press("Enter")
    expect(page.locator("#id_made_by-error")).to_contain_text("Say who made the decision.")
    check(page, axe)
    press_tab_until(page, page.get_by_label("Who made it"))
    page.keyboard.type("The council")
    press_tab_until(page, page.locator("#save-decision"))
    page.keyboard.press("Enter")
    expect(page.locator("#decisions")).to_contain_text("by The council")
    expect(page.locator("#decisions")).to_contain_text("We were told")
    decision = project.decisions_made.get()
    page.goto(f"/projects/{project.pk}/decisions/{decision.pk}/edit/")
    check(page, axe)
    page.get_by_label("What was decided").fill("The drop-in closes on Fridays from May.")
    page.locator("#save-decision").click()
    expect(page.locator("#decisions")).to_contain_text("from May")
    page.goto(f"/projects/{project.pk}/decisions/{decision.pk}/history/")
    expect(page.locator("body")).to_contain_text("from April")
    check(page, axe)

    page.goto(f"/projects/{project.pk}/rules/")
    expect(page.locator("#how-we-decide")).to_contain_text("By consent")
    check(page, axe)
    press_tab_until(page, page.locator("#how-agree"))
    page.keyboard.press("Enter")
    expect(page.locator("#how-agreed")).to_contain_text("Cora Coproducer")
    check(page, axe)
    page.goto(f"/projects/{project.pk}/rules/how-we-decide/")
    check(page, axe)

    # A few responses: closing asks first.
    proposal = services.proposal_add(
        project=project,
        author=co_producer,
        title="Buy a kettle",
        reason="",
        way="ranked",
        options=["Red", "Blue"],
        closes_at=None,
        anonymous=False,
    )
    page.goto(f"/projects/{project.pk}/proposals/{proposal.pk}/")
    check(page, axe)
    press_tab_until(page, page.locator("#close-proposal"))
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Close the proposal with few responses?")
    check(page, axe)
    press_tab_until(page, page.locator("#wait"))
    page.keyboard.press("Enter")
    expect(page.locator("#responded")).to_be_visible()
