"""Browser journeys for setting words aside, in real Chromium.

An anonymous post-it, a look asked for, set aside by keyboard, every open board showing the
notice by itself, put back again, and the activity telling both; the plain form without
JavaScript; axe on every new page and state.
"""

import re

import pytest
from playwright.sync_api import expect

from lake import services as lake_services
from lake.models import PostIt
from projects.models import LookRequest, SetAside
from projects.rules.services import ground_rule_add
from projects.setting_aside import services
from projects.setting_aside.kinds import KINDS

from .browser import check, press_tab_until
from .factories import PASSWORD, add_member, make_user

pytestmark = pytest.mark.browser

RULE = "We listen to each other without interrupting."
HURTFUL = "Some people here only talk to hear themselves."
NOTICE = f"Set aside by Fran Facilitator: it broke our ground rule “{RULE}”"


def board_url(project) -> str:
    return f"/projects/{project.pk}/lake/"


@pytest.fixture
def group(project, facilitator, co_producer):
    project.allow_anonymous = True
    project.save(update_fields=["allow_anonymous"])
    rule = ground_rule_add(project=project, author=facilitator, text=RULE)
    priya = make_user("Priya Peer", "priya@example.org")
    add_member(project, priya)
    return {"project": project, "rule": rule, "priya": priya}


@pytest.mark.django_db(transaction=True)
def test_an_anonymous_post_it_is_asked_about_set_aside_by_keyboard_and_put_back(
    new_browser, group, facilitator, co_producer, axe
):
    project, priya = group["project"], group["priya"]
    writer, asker, fran = new_browser(), new_browser(), new_browser()
    writer.sign_in(co_producer)
    asker.sign_in(priya)
    fran.sign_in(facilitator)

    # A co-producer adds an anonymous post-it; the other co-producer's board shows it live.
    asker.page.goto(board_url(project))
    writer.page.goto(board_url(project))
    writer.page.get_by_label("Your idea").fill(HURTFUL)
    writer.page.get_by_label("Add this post-it anonymously").check()
    writer.page.get_by_role("button", name="Add the post-it").click()
    expect(asker.page.locator("#list-planning")).to_contain_text(HURTFUL, timeout=10_000)
    postit = PostIt.objects.get(text=HURTFUL)
    assert postit.author_id is None

    # The other asks for a look, without their name, from the post-it's options.
    asker.page.locator(f"#postit-{postit.pk} summary").click()
    asker.page.locator(f"#postit-{postit.pk}").get_by_role(
        "link", name=re.compile("Ask for a look")
    ).click()
    check(asker.page, axe)
    asker.page.get_by_label("What worries you about these words").fill("It hurts to read.")
    asker.page.get_by_label("Ask without my name").check()
    asker.page.get_by_role("button", name="Ask for a look").click()
    expect(asker.page.locator("body")).to_contain_text("The facilitators will look at these words")
    assert LookRequest.objects.get().asked_by is None
    # Back on the board, this member is typing when the notice arrives.
    asker.page.get_by_label("Your idea").focus()
    asker.page.keyboard.type("Another idea")

    # The facilitator finds the request and sets the post-it aside by keyboard alone.
    page = fran.page
    page.goto(f"/projects/{project.pk}/set-aside/")
    check(page, axe)
    expect(page.locator("body")).to_contain_text("A member who chose not to give their name")
    expect(page.locator("body")).not_to_contain_text("Cora")
    press_tab_until(page, page.get_by_role("link", name=re.compile("Look and decide")))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/set-aside/postit/\d+/$"))
    check(page, axe)
    # Nothing chosen yet: the problem is read out first, and nothing is set aside.
    press_tab_until(page, page.get_by_role("button", name="Set aside", exact=True))
    page.keyboard.press("Enter")
    expect(page.locator("[data-error-summary]")).to_contain_text("Choose the ground rule")
    check(page, axe)
    assert not SetAside.objects.exists()
    press_tab_until(page, page.get_by_label(RULE))
    page.keyboard.press("Space")
    expect(page.get_by_label(RULE)).to_be_checked()
    press_tab_until(page, page.get_by_label("Why, in a few plain words"))
    page.keyboard.type("Unkind about other members.")
    press_tab_until(page, page.get_by_role("button", name="Set aside", exact=True))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/lake/"))
    expect(page.locator(f"#postit-{postit.pk}")).to_contain_text(NOTICE)

    # Every member's open board shows the notice instead, by itself, within a few seconds.
    for window in (writer, asker):
        card = window.page.locator(f"#postit-{postit.pk}")
        expect(card).to_contain_text(NOTICE, timeout=10_000)
        expect(card).not_to_contain_text(HURTFUL)
    # The member typing kept their place and their words.
    expect(asker.page.get_by_label("Your idea")).to_be_focused()
    expect(asker.page.get_by_label("Your idea")).to_have_value("Another idea")
    check(asker.page, axe)

    # The facilitator reads the words and puts them back; the boards show them again.
    page.goto(f"/projects/{project.pk}/set-aside/")
    expect(page.locator("body")).to_contain_text(HURTFUL)
    check(page, axe)
    press_tab_until(page, page.get_by_role("button", name=re.compile("Put back")))
    page.keyboard.press("Enter")
    expect(page.locator("body")).to_contain_text("The words are back where they were")
    expect(page.locator("body")).to_contain_text("Nothing is set aside.")
    check(page, axe)
    for window in (writer, asker):
        expect(window.page.locator(f"#postit-{postit.pk}")).to_contain_text(HURTFUL, timeout=10_000)

    # The activity shows both, naming the facilitator and never the writer.
    page.goto(f"/projects/{project.pk}/")
    activity = page.locator("section[aria-labelledby=activity-heading]")
    expect(activity).to_contain_text("set aside words that broke a ground rule")
    expect(activity).to_contain_text("put back words that had been set aside")
    expect(activity).not_to_contain_text("Cora")


@pytest.mark.django_db(transaction=True)
def test_setting_aside_works_without_javascript(
    chromium, live_server, group, facilitator, co_producer
):
    project = group["project"]
    postit = lake_services.postit_add(
        project=project, author=co_producer, text=HURTFUL, place="water", colour="pink"
    )
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/accounts/login/")
        page.get_by_label("Email").fill(facilitator.email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign In").click()
        page.goto(board_url(project))
        page.locator(f"#postit-{postit.pk} summary").click()
        page.locator(f"#postit-{postit.pk}").get_by_role(
            "link", name=re.compile("Set aside")
        ).click()
        page.get_by_label(RULE).check()
        page.get_by_role("button", name="Set aside", exact=True).click()
        expect(page.locator(f"#postit-{postit.pk}")).to_contain_text(NOTICE)
        expect(page.locator("#lake")).not_to_contain_text(HURTFUL)
    finally:
        context.close()


@pytest.mark.django_db(transaction=True)
def test_the_writer_of_named_words_reads_why_and_changes_them(
    browser, group, facilitator, co_producer, axe
):
    project = group["project"]
    postit = lake_services.postit_add(
        project=project, author=co_producer, text=HURTFUL, place="planning", colour="yellow"
    )
    services.set_aside(
        project=project,
        kind=KINDS["postit"],
        item=postit,
        actor=facilitator,
        rule=group["rule"],
        reason="Unkind about other members.",
    )
    page = browser.page
    browser.sign_in(co_producer)
    page.goto("/account/")
    page.get_by_role(
        "link", name=re.compile("See any of your words that a group set aside")
    ).click()
    check(page, axe)
    page.get_by_role("link", name=re.compile("Read it, change it or accept")).click()
    expect(page.locator("body")).to_contain_text("Unkind about other members.")
    check(page, axe)
    page.get_by_label("Your words").fill("")
    page.get_by_role("button", name="Change my words").click()
    expect(page.locator("[data-error-summary]")).to_contain_text("Write your words")
    check(page, axe)
    page.get_by_label("Your words").fill("I find it hard to get a word in.")
    page.get_by_role("button", name="Change my words").click()
    expect(page.locator("body")).to_contain_text("The facilitators will look at them again")
    assert LookRequest.objects.get().by_author
