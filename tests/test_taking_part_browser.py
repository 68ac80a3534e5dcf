"""Browser journey for what helps each person take part, by keyboard alone, in real Chromium.

A co-producer says what helps them and keeps it to the facilitators; the facilitator reads
it to plan; the other co-producer finds nothing of it anywhere. axe runs on every new page.
"""

import pytest
from playwright.sync_api import expect

from projects.models import TakingPart

from .browser import check_page, keyboard_sign_in, press_tab_until
from .factories import add_member, make_user

pytestmark = pytest.mark.browser

WORDS = "A seat near the door, please."


@pytest.mark.django_db(transaction=True)
def test_a_co_producer_tells_only_the_facilitators_what_helps_by_keyboard_alone(
    new_browser, axe, project, facilitator, co_producer
):
    sol = make_user("Sol Second", "sol@example.org")
    add_member(project, sol)

    # The co-producer finds the page from the project home and fills it in by keyboard.
    cora = new_browser()
    page = cora.page
    keyboard_sign_in(page, co_producer.email)
    page.goto(f"/projects/{project.pk}/")
    press_tab_until(
        page, page.get_by_role("link", name="Tell us what helps you take part"), limit=200
    )
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("What helps you take part")
    check_page(page, axe)
    press_tab_until(page, page.get_by_label("Captions: spoken words shown as text"))
    page.keyboard.press("Space")
    press_tab_until(page, page.get_by_label("A quiet space to go to"))
    page.keyboard.press("Space")
    press_tab_until(page, page.get_by_label("Anything else that helps you"))
    page.keyboard.type(WORDS)
    press_tab_until(page, page.get_by_label("A one-to-one conversation"))
    page.keyboard.press("Space")
    # Arrow keys move through a group of radios; she looks at the other choice and comes back.
    press_tab_until(page, page.get_by_label("Only the facilitators"))
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("The whole group")).to_be_checked()
    page.keyboard.press("ArrowUp")
    expect(page.get_by_label("Only the facilitators")).to_be_checked()
    press_tab_until(page, page.get_by_role("button", name="Save what helps me"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("What helps you take part has been saved.")).to_be_visible()
    expect(page.get_by_label("Captions: spoken words shown as text")).to_be_checked()
    expect(page.get_by_label("Only the facilitators")).to_be_checked()
    check_page(page, axe)
    row = TakingPart.objects.get()
    assert row.captions and row.quiet_space and row.one_to_one and not row.large_print
    assert row.visibility == TakingPart.Visibility.FACILITATORS

    # The facilitator reaches the list from the members page, and reads it to plan.
    fran = new_browser()
    page = fran.page
    keyboard_sign_in(page, facilitator.email)
    page.goto(f"/projects/{project.pk}/members/")
    press_tab_until(
        page,
        page.get_by_role("link", name="What members have shared to help them take part"),
        limit=200,
    )
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("What helps members take part")
    card = page.locator("#taking-part-list li", has_text="Cora Coproducer")
    expect(card).to_contain_text(WORDS)
    expect(card).to_contain_text("Captions: spoken words shown as text")
    expect(card).to_contain_text("Shared with only the facilitators")
    check_page(page, axe)

    # The other co-producer finds nothing of it: not on the list, the members page or home.
    other = new_browser()
    page = other.page
    keyboard_sign_in(page, sol.email)
    page.goto(f"/projects/{project.pk}/members/")
    press_tab_until(
        page,
        page.get_by_role("link", name="What others have shared with the whole group"),
        limit=200,
    )
    page.keyboard.press("Enter")
    expect(page.get_by_text("Nobody has shared anything with the whole group yet.")).to_be_visible()
    check_page(page, axe)
    for path in ["taking-part/shared/", "members/", ""]:
        page.goto(f"/projects/{project.pk}/{path}")
        expect(page.locator("main")).not_to_contain_text(WORDS)
        expect(page.locator("main")).not_to_contain_text("Captions")
    page.goto(f"/projects/{project.pk}/taking-part/")
    expect(page.locator("main")).not_to_contain_text(WORDS)
    # Her own page is empty: nothing of Cora's choices leaks into another person's form.
    expect(page.get_by_label("Captions: spoken words shown as text")).not_to_be_checked()
    check_page(page, axe)

    # She changes her mind and removes it all, by keyboard; the facilitator no longer sees it.
    page = cora.page
    press_tab_until(page, page.get_by_role("button", name="Remove all of it"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("What you told us has been removed.")).to_be_visible()
    check_page(page, axe)
    assert not TakingPart.objects.exists()
    page = fran.page
    page.reload()
    expect(page.get_by_text("Nobody has shared anything yet.")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_a_mistake_shows_an_error_summary_that_passes_axe(browser, axe, project, co_producer):
    browser.sign_in(co_producer)
    page = browser.page
    page.goto(f"/projects/{project.pk}/taking-part/")
    page.get_by_label("Anything else that helps you").fill("x" * 1001)
    page.get_by_role("button", name="Save what helps me").click()
    expect(page.get_by_role("alert")).to_contain_text("1,000 characters at most")
    check_page(page, axe)
    assert not TakingPart.objects.exists()
