"""Browser journeys for answering the group's ideas, in real Chromium.

A facilitator answers a post-it "not this time" by keyboard alone (an empty reason is sent
back first, with the message beside the field); the author's open board shows the answer by
itself, and their account lists it. The same without JavaScript. axe on every new page and
state.
"""

import re

import pytest
from playwright.sync_api import expect

from lake import services as lake_services
from lake.models import PostIt

from .browser import check, press_tab_until
from .factories import PASSWORD

pytestmark = pytest.mark.browser

IDEA = "Hire a minibus for the meetings."
REASON = "We have no budget for a minibus this year. We'll ask about bus passes."


def board_url(project) -> str:
    return f"/projects/{project.pk}/lake/"


@pytest.mark.django_db(transaction=True)
def test_a_post_it_gets_not_this_time_with_a_reason_that_its_author_sees(
    new_browser, project, facilitator, co_producer, axe
):
    writer, fran = new_browser(), new_browser()
    writer.sign_in(co_producer)
    fran.sign_in(facilitator)

    # The co-producer adds a post-it; it has no answer yet.
    writer.page.goto(board_url(project))
    writer.page.get_by_label("Your idea").fill(IDEA)
    writer.page.get_by_role("button", name="Add the post-it").click()
    postit = None
    for _ in range(50):
        postit = PostIt.objects.filter(text=IDEA).first()
        if postit:
            break
        writer.page.wait_for_timeout(100)
    assert postit is not None
    card = writer.page.locator(f"#postit-{postit.pk}")
    expect(card).to_contain_text("No answer yet.", timeout=10_000)
    expect(writer.page.locator("#lake-answered")).to_contain_text("0 of 1 idea answered")

    # The facilitator answers by keyboard alone, from the link in the post-it's options.
    page = fran.page
    page.goto(board_url(project))
    check(page, axe)
    press_tab_until(page, page.locator(f"#postit-{postit.pk} summary"))
    page.keyboard.press("Enter")
    press_tab_until(page, page.get_by_role("link", name=re.compile(r"^Answer\b.*minibus")))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/answers/postit/\d+/$"))
    check(page, axe)
    # Tab reaches the pair of choices; the arrow key moves to the second, as in any radio group.
    press_tab_until(page, page.get_by_label("We're taking this forward"))
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Not this time")).to_be_checked()
    # No reason yet: the problem is read out first, and nothing is saved.
    press_tab_until(page, page.get_by_role("button", name="Save the answer"))
    page.keyboard.press("Enter")
    expect(page.locator("[data-error-summary]")).to_contain_text("Say why not this time")
    expect(page.locator("#id_answer-reason-error")).to_contain_text("Say why not this time")
    check(page, axe)
    postit.refresh_from_db()
    assert postit.answer == ""
    press_tab_until(page, page.get_by_label(re.compile("Why, in plain words")))
    page.keyboard.type(REASON)
    press_tab_until(page, page.get_by_role("button", name="Save the answer"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/lake/"))
    expect(page.locator(f"#postit-{postit.pk}")).to_contain_text(f"Not this time: {REASON}")
    check(page, axe)

    # The author's open board shows the answer by itself, and the count with it.
    expect(card).to_contain_text(f"Not this time: {REASON}", timeout=10_000)
    expect(card).to_contain_text("answered by Fran Facilitator")
    expect(writer.page.locator("#lake-answered")).to_contain_text("1 of 1 idea answered")
    check(writer.page, axe)

    # And their account lists it, with the reason.
    writer.page.goto("/account/")
    press_tab_until(
        writer.page,
        writer.page.get_by_role("link", name=re.compile("See what your groups answered")),
    )
    writer.page.keyboard.press("Enter")
    writer.page.wait_for_url(re.compile(r"/account/answers/$"))
    body = writer.page.locator("main")
    expect(body).to_contain_text(IDEA)
    expect(body).to_contain_text(f"Not this time: {REASON}")
    check(writer.page, axe)


@pytest.mark.django_db(transaction=True)
def test_answering_works_without_javascript(
    chromium, live_server, project, facilitator, co_producer
):
    postit = lake_services.postit_add(
        project=project, author=co_producer, text=IDEA, place="water", colour="pink"
    )
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/accounts/login/")
        page.get_by_label("Email").fill(facilitator.email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign In").click()
        page.goto(board_url(project))
        # Without JavaScript the post-it's options still open: they are a details element.
        page.locator(f"#postit-{postit.pk} summary").click()
        page.locator(f"#postit-{postit.pk}").get_by_role("link", name=re.compile("Answer")).click()
        page.get_by_label("We're taking this forward").check()
        page.get_by_label("Also add an action to the action plan").check()
        page.get_by_role("button", name="Save the answer").click()
        expect(page.locator(f"#postit-{postit.pk}")).to_contain_text("Answered: taking forward.")
        # The link to the action waits in the post-it's options, with its other links.
        page.locator(f"#postit-{postit.pk} summary").click()
        expect(
            page.locator(f"#postit-{postit.pk}").get_by_role("link", name="The action")
        ).to_be_visible()
    finally:
        context.close()
