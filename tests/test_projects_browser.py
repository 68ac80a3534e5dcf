"""Browser journeys through the projects pages, in real Chromium.

The keyboard-only journey from a new project to a second person joining it,
ground rules with htmx and without JavaScript, the copy button, and axe on
every projects page in its empty and full states.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from projects import services
from projects.models import Agreement, Invitation, Membership
from projects.rules import services as rules_services

from .browser import check_page, keyboard_sign_in, press_tab_until
from .factories import PASSWORD, add_member, make_project, make_user

pytestmark = pytest.mark.browser

# -- helpers -----------------------------------------------------------------


def visit(page, axe, url: str, status: int = 200) -> None:
    response = page.goto(url)
    assert response.status == status, f"{url} answered {response.status}, not {status}"
    check_page(page, axe)


def mark_page(page) -> None:
    """Leave a flag on the window: a full page load would wipe it."""
    page.evaluate("window.__noReload = true")


def assert_not_reloaded(page) -> None:
    assert page.evaluate("window.__noReload === true"), "The page reloaded"


def fill_project(project, facilitator, co_producer) -> list[Membership]:
    """Give a project aims, several members, ground rules, agreements and invitations."""
    services.project_update_description(
        project=project,
        editor=co_producer,
        base_version=project.version,
        name=project.name,
        purpose="A drop-in that people want to come back to.\nDesigned with them.",
        out_of_scope="The building's opening hours.",
        outcomes="More people feel welcome; fewer leave without help.",
        decisions="We talk until everyone can live with the decision.",
        tracking="Short notes after every meeting, shared by email.",
    )
    others = [
        add_member(project, make_user(name))
        for name in ["Amina Okafor", "Bartholomew Featherstonehaugh-Smythe", "Chen Li"]
    ]
    add_member(project, make_user("Dee Second"), role=Membership.Role.FACILITATOR)
    listen = rules_services.ground_rule_add(
        project=project, author=co_producer, text="We listen without interrupting."
    )
    rules_services.ground_rule_edit(
        rule=listen,
        editor=facilitator,
        base_version=1,
        text="We listen to each other without interrupting.",
    )
    kind = rules_services.ground_rule_add(
        project=project, author=facilitator, text="We are kind, and we say so when we are not."
    )
    rules_services.ground_rule_add(
        project=project, author=others[0].user, text="<script>alert('no')</script> is just text."
    )
    for user in [facilitator, co_producer, others[0].user]:
        Agreement.objects.create(rule=listen, user=user)
    Agreement.objects.create(rule=kind, user=co_producer)
    now = timezone.now()
    Invitation.objects.create(
        project=project, created_by=facilitator, expires_at=now + timedelta(days=14)
    )
    Invitation.objects.create(
        project=project, created_by=facilitator, expires_at=now + timedelta(days=3), max_uses=5
    )
    Invitation.objects.create(
        project=project, created_by=facilitator, expires_at=now - timedelta(days=1)
    )
    Invitation.objects.create(
        project=project,
        created_by=facilitator,
        expires_at=now + timedelta(days=14),
        revoked_at=now,
    )
    Invitation.objects.create(
        project=project,
        created_by=facilitator,
        expires_at=now + timedelta(days=14),
        max_uses=1,
        uses=1,
    )
    Invitation.objects.create(
        project=project,
        created_by=facilitator,
        expires_at=now + timedelta(days=14),
        max_uses=1,
        email="someone.with.a.rather.long.address@example.org",
    )
    return others


# -- 1. keyboard only: create, invite, join ----------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_new_project_is_joined_through_a_link_by_keyboard_alone(facilitator, new_browser):
    fran = new_browser()
    page = fran.page
    keyboard_sign_in(page, facilitator.email)

    press_tab_until(page, page.get_by_role("link", name="Start a new project"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/projects/new/")
    press_tab_until(page, page.get_by_label("Project name"))
    page.keyboard.type("Allotment together")
    press_tab_until(page, page.get_by_role("button", name="Create the project"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Allotment together")
    home_url = page.url

    press_tab_until(page, page.get_by_role("link", name="Invite people"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Invite people")
    press_tab_until(page, page.get_by_role("button", name="Make a link"))
    page.keyboard.press("Space")
    expect(page.get_by_text("A new invitation link is ready.")).to_be_visible()
    link = page.get_by_label("Link to share").input_value()
    assert "/join/" in link
    # The same link is also there as plain text, for anyone who can't use the field.
    expect(page.locator(".link-text")).to_have_text(link)

    newcomer = new_browser()
    other = newcomer.page
    other.goto(link)
    expect(other.get_by_role("heading", level=1)).to_have_text("Join Allotment together")
    expect(other.get_by_text("Fran Facilitator has invited you")).to_be_visible()
    press_tab_until(other, other.get_by_role("button", name="Create an account"))
    other.keyboard.press("Enter")
    other.wait_for_url("**/accounts/signup/**")
    press_tab_until(other, other.get_by_label("Your name"))
    other.keyboard.type("Sam Newcomer")
    press_tab_until(other, other.get_by_label("Email"))
    other.keyboard.type("sam@example.org")
    press_tab_until(other, other.get_by_label("Password", exact=True))
    other.keyboard.type(PASSWORD)
    press_tab_until(other, other.get_by_label("Password (again)"))
    other.keyboard.type(PASSWORD)
    other.keyboard.press("Enter")

    # Straight into the project: no second "join" step.
    other.wait_for_url(home_url)
    expect(other.get_by_role("heading", level=1)).to_have_text("Allotment together")
    expect(other.get_by_text("Welcome! You have joined Allotment together.")).to_be_visible()

    press_tab_until(other, other.get_by_role("link", name="Members", exact=True))
    other.keyboard.press("Enter")
    members = other.get_by_role("listitem")
    expect(members.filter(has_text="Fran Facilitator")).to_contain_text("Facilitator")
    expect(members.filter(has_text="Sam Newcomer")).to_contain_text("Co-producer")

    page.goto(home_url)
    press_tab_until(page, page.get_by_role("link", name="Members", exact=True))
    page.keyboard.press("Enter")
    expect(page.locator("#members")).to_contain_text("Sam Newcomer")
    expect(page.get_by_label("Role for Sam Newcomer")).to_have_value("co_producer")
    expect(page.get_by_label("Role for Fran Facilitator")).to_have_value("facilitator")


# -- 2. ground rules, with and without JavaScript ----------------------------


@pytest.mark.django_db(transaction=True)
def test_a_member_adds_and_agrees_to_a_rule_without_a_reload(browser, axe, project, co_producer):
    page = browser.page
    browser.sign_in(co_producer)
    page.goto(f"/projects/{project.pk}/rules/")
    url = page.url
    mark_page(page)

    page.get_by_label("Ground rule").fill("We start and end on time.")
    page.get_by_label("Ground rule").focus()
    press_tab_until(page, page.get_by_role("button", name="Add the ground rule"))
    page.keyboard.press("Enter")

    rule = page.locator(".rule").filter(has_text="We start and end on time.")
    expect(rule).to_contain_text("Nobody has agreed yet.")
    expect(
        page.get_by_role("status").filter(has_text="Your ground rule has been added.")
    ).to_be_visible()
    expect(page.get_by_label("Ground rule")).to_have_value("")
    # Focus stays on the form, ready to add another rule.
    expect(page.get_by_role("button", name="Add the ground rule")).to_be_focused()

    agree = rule.get_by_role("button", name="I agree")
    agree.focus()
    page.keyboard.press("Enter")
    expect(rule).to_contain_text("Agreed by: Cora Coproducer")
    expect(page.get_by_role("status")).to_contain_text("You have agreed to this ground rule.")
    take_back = rule.get_by_role("button", name="Take back my agreement")
    # The button that was pressed is still the one with focus, now saying what it will do next.
    expect(take_back).to_be_focused()

    page.keyboard.press("Enter")
    expect(rule).to_contain_text("Nobody has agreed yet.")
    expect(rule.get_by_role("button", name="I agree")).to_be_focused()

    # An empty rule gets a message, focused, still without a reload.
    page.get_by_role("button", name="Add the ground rule").focus()
    page.keyboard.press("Enter")
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Write the ground rule before adding it.")
    expect(summary).to_be_focused()
    check_page(page, axe)

    assert page.url == url
    assert_not_reloaded(page)
    assert project.ground_rules.count() == 1


@pytest.mark.django_db(transaction=True)
def test_ground_rules_work_without_javascript(chromium, live_server, project, co_producer):
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/accounts/login/")
        page.get_by_label("Email").fill(co_producer.email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign In").click()
        page.wait_for_url(lambda url: "/accounts/login/" not in url)

        page.goto(f"/projects/{project.pk}/rules/")
        page.get_by_label("Ground rule").fill("Phones on silent.")
        page.get_by_role("button", name="Add the ground rule").click()
        expect(page.get_by_text("Your ground rule has been added.")).to_be_visible()
        rule = page.locator(".rule").filter(has_text="Phones on silent.")
        expect(rule).to_contain_text("Nobody has agreed yet.")

        rule.get_by_role("button", name="I agree").click()
        expect(rule).to_contain_text("Agreed by: Cora Coproducer")
        assert page.url.endswith(f"#rule-{project.ground_rules.get().pk}")

        rule.get_by_role("button", name="Take back my agreement").click()
        expect(rule).to_contain_text("Nobody has agreed yet.")

        page.get_by_role("button", name="Add the ground rule").click()
        expect(page.get_by_role("alert")).to_contain_text("Write the ground rule before adding it.")
        assert project.ground_rules.count() == 1
    finally:
        context.close()


# -- 3. the copy button ------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_copy_button_copies_the_link_and_says_so(browser, live_server, project, facilitator):
    browser.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    invitation = Invitation.objects.create(
        project=project, created_by=facilitator, expires_at=Invitation.default_expiry()
    )
    page = browser.page
    browser.sign_in(facilitator)
    page.goto(f"/projects/{project.pk}/invitations/")
    link = f"{live_server.url}/join/{invitation.token}/"
    expect(page.locator(".link-text")).to_have_text(link)

    copy = page.get_by_role("button", name="Copy the link")
    expect(copy).to_be_visible()
    copy.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="Link copied.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == link


@pytest.mark.django_db(transaction=True)
def test_without_javascript_the_link_is_plain_text_and_no_copy_button_shows(
    chromium, live_server, project, facilitator
):
    invitation = Invitation.objects.create(
        project=project, created_by=facilitator, expires_at=Invitation.default_expiry()
    )
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/accounts/login/")
        page.get_by_label("Email").fill(facilitator.email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign In").click()
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        page.goto(f"/projects/{project.pk}/invitations/")
        expect(page.locator(".link-text")).to_have_text(
            f"{live_server.url}/join/{invitation.token}/"
        )
        expect(page.get_by_role("button", name="Copy the link")).to_be_hidden()
    finally:
        context.close()


# -- 4. axe on every page, empty and full ------------------------------------


@pytest.mark.django_db(transaction=True)
def test_projects_pages_pass_axe_when_empty(browser, axe, facilitator):
    page = browser.page
    browser.sign_in(facilitator)
    visit(page, axe, "/projects/")
    expect(page.get_by_text("You are not in any projects yet.")).to_be_visible()

    visit(page, axe, "/projects/new/")
    page.get_by_role("button", name="Create the project").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter a name for the project.")
    assert page.title().startswith("Error: ")
    check_page(page, axe)

    project = make_project(facilitator, name="Empty")
    base = f"/projects/{project.pk}"
    visit(page, axe, f"{base}/")
    expect(page.get_by_text("No ground rules yet.")).to_be_visible()
    visit(page, axe, f"{base}/edit/")
    visit(page, axe, f"{base}/history/")
    visit(page, axe, f"{base}/members/")
    visit(page, axe, f"{base}/invitations/")
    expect(page.get_by_text("There are no invitations yet.")).to_be_visible()
    visit(page, axe, f"{base}/rules/")
    visit(page, axe, f"{base}/settings/")
    visit(page, axe, f"{base}/leave/")
    # The only facilitator can't leave: the page explains why.
    page.get_by_role("button", name="Yes, leave the project").click()
    expect(page.get_by_role("alert")).to_contain_text("You are the only facilitator.")
    check_page(page, axe)


@pytest.mark.django_db(transaction=True)
def test_projects_pages_pass_axe_when_full(browser, axe, project, facilitator, co_producer):
    others = fill_project(project, facilitator, co_producer)
    for n in range(4):
        make_project(facilitator, name=f"Another project with a longish name, number {n}")
    page = browser.page
    browser.sign_in(facilitator)
    base = f"/projects/{project.pk}"
    rule = project.ground_rules.order_by("pk").first()

    visit(page, axe, "/projects/")
    visit(page, axe, f"{base}/")
    expect(page.get_by_text("Amina Okafor added a ground rule")).to_be_visible()
    # Coming back after someone else did something: it is marked as new.
    rules_services.ground_rule_add(project=project, author=co_producer, text="One voice at a time.")
    visit(page, axe, f"{base}/")
    expect(page.locator(".activity li").first).to_contain_text("New Cora Coproducer added")
    visit(page, axe, f"{base}/edit/")
    visit(page, axe, f"{base}/history/")
    visit(page, axe, f"{base}/members/")
    visit(page, axe, f"{base}/members/{others[1].pk}/remove/")
    visit(page, axe, f"{base}/leave/")
    visit(page, axe, f"{base}/invitations/")
    expect(page.get_by_text("Expired on")).to_be_visible()
    expect(page.get_by_text("Stopped.")).to_be_visible()
    expect(page.get_by_text("Used up.")).to_be_visible()
    expect(page.get_by_text("Sent by email to")).to_be_visible()

    # Each invitation form, sent with mistakes.
    page.get_by_label("How many days the link works for").fill("0")
    page.get_by_label("How many people can use it").fill("0")
    page.get_by_role("button", name="Make a link").click()
    expect(page.get_by_role("alert")).to_contain_text("The link must work for at least 1 day.")
    assert page.title().startswith("Error: ")
    check_page(page, axe)
    page.get_by_label("Their email address").fill("not an email")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter an email address in the right form")
    check_page(page, axe)

    visit(page, axe, f"{base}/rules/")
    expect(
        page.get_by_text("<script>alert('no')</script> is just text.", exact=True)
    ).to_be_visible()
    visit(page, axe, f"{base}/rules/{rule.pk}/edit/")
    visit(page, axe, f"{base}/rules/{rule.pk}/history/")
    visit(page, axe, f"{base}/settings/")


@pytest.mark.django_db(transaction=True)
def test_a_co_producer_sees_accessible_members_pages(browser, axe, project, co_producer):
    fill_project(project, project.memberships.get(role="facilitator").user, co_producer)
    browser.sign_in(co_producer)
    visit(browser.page, axe, f"/projects/{project.pk}/members/")
    expect(browser.page.get_by_role("combobox")).to_have_count(0)
    visit(browser.page, axe, f"/projects/{project.pk}/leave/")


@pytest.mark.django_db(transaction=True)
def test_saving_over_a_newer_edit_shows_both_wordings(
    new_browser, axe, project, facilitator, co_producer
):
    fran, cora = new_browser(), new_browser()
    fran.sign_in(facilitator)
    cora.sign_in(co_producer)
    edit_url = f"/projects/{project.pk}/edit/"
    fran.page.goto(edit_url)
    cora.page.goto(edit_url)

    cora.page.get_by_label("What we want to co-produce, and why").fill("Cora's wording.")
    cora.page.get_by_role("button", name="Save changes").click()
    expect(cora.page.get_by_text("Your changes have been saved.")).to_be_visible()

    fran.page.get_by_label("What we want to co-produce, and why").fill("Fran's wording.")
    fran.page.get_by_role("button", name="Save changes").click()
    summary = fran.page.get_by_role("alert")
    expect(summary).to_contain_text("Someone else changed this while you were writing")
    expect(summary).to_contain_text("Cora's wording.")
    expect(summary).to_be_focused()
    expect(fran.page.get_by_label("What we want to co-produce, and why")).to_have_value(
        "Fran's wording."
    )
    check_page(fran.page, axe)


@pytest.mark.django_db(transaction=True)
def test_join_pages_pass_axe(new_browser, axe, project, facilitator, outsider):
    now = timezone.now()
    active = Invitation.objects.create(
        project=project, created_by=facilitator, expires_at=now + timedelta(days=14)
    )
    expired = Invitation.objects.create(
        project=project, created_by=facilitator, expires_at=now - timedelta(days=2)
    )
    signed_out = new_browser().page
    visit(signed_out, axe, f"/join/{active.token}/")
    expect(signed_out.get_by_role("button", name="Create an account")).to_be_visible()
    visit(signed_out, axe, f"/join/{expired.token}/", status=410)
    expect(signed_out.get_by_text("Ask Fran Facilitator for a new invitation.")).to_be_visible()
    visit(signed_out, axe, "/join/no-such-invitation/", status=404)

    otto = new_browser()
    otto.sign_in(outsider)
    visit(otto.page, axe, f"/join/{active.token}/")
    expect(otto.page.get_by_role("button", name="Join the project")).to_be_visible()
