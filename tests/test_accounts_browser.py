"""Signing up, in and out, and resetting a password, in a real browser with the keyboard.

Every journey fills and sends its forms with Tab, typing and Enter only, as
someone who does not use a mouse would. Every page the accounts feature adds
is checked with axe, for its title and heading, and at 320 pixels wide.
"""

import re
from collections.abc import Callable

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.urls import reverse
from playwright.sync_api import Locator, Page, expect

from accounts.models import User
from tests.browser import BrowserSession, keyboard_sign_in, press_tab_until
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.browser

SITE = "Mark of co-production"
NEW_PASSWORD = "another-long-password-2"


# -- keyboard helpers -----------------------------------------------------------


def type_into(page: Page, target: Locator, text: str) -> None:
    press_tab_until(page, target)
    page.keyboard.type(text)


def field(page: Page, label: str) -> Locator:
    return page.get_by_label(label, exact=True)


def header(page: Page) -> Locator:
    return page.get_by_role("navigation", name="Main")


def expect_signed_in(page: Page) -> None:
    expect(header(page).get_by_role("button", name="Sign out")).to_be_visible()
    expect(header(page).get_by_role("link", name="Sign in", exact=True)).to_have_count(0)


def expect_signed_out(page: Page) -> None:
    expect(header(page).get_by_role("link", name="Sign in", exact=True)).to_be_visible()
    expect(header(page).get_by_role("button", name="Sign out")).to_have_count(0)


def line_after(text: str, marker: str) -> str:
    """The first non-blank line after the line holding marker."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if marker in line)
    return next(line.strip() for line in lines[start + 1 :] if line.strip())


# -- journeys --------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_it_signs_up_with_a_name_email_and_password(page):
    page.goto("/")
    press_tab_until(page, page.get_by_role("link", name="Create an account").first)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign Up")

    type_into(page, field(page, "Your name"), "Nia Jones")
    type_into(page, field(page, "Email"), "nia@example.org")
    type_into(page, field(page, "Password"), PASSWORD)
    type_into(page, field(page, "Password (again)"), PASSWORD)
    page.keyboard.press("Enter")

    page.wait_for_url(lambda url: "/accounts/signup/" not in url)
    expect_signed_in(page)
    user = User.objects.get(email="nia@example.org")
    assert user.name == "Nia Jones"


@pytest.mark.django_db(transaction=True)
def test_it_signs_in_with_a_password(page):
    make_user("Dee", "dee@example.org")
    page.goto("/")
    press_tab_until(page, page.get_by_role("link", name="Sign in", exact=True).first)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign In")

    type_into(page, field(page, "Email"), "dee@example.org")
    type_into(page, field(page, "Password"), PASSWORD)
    page.keyboard.press("Enter")

    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    expect_signed_in(page)


@pytest.mark.django_db(transaction=True)
def test_a_wrong_password_does_not_sign_in(page):
    make_user("Dee", "dee@example.org")

    page.goto("/accounts/login/")
    type_into(page, field(page, "Email"), "dee@example.org")
    type_into(page, field(page, "Password"), "not-the-password")
    page.keyboard.press("Enter")

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("There is a problem")
    expect_signed_out(page)


@pytest.mark.django_db(transaction=True)
def test_it_signs_in_with_a_code_sent_by_email(page, mailoutbox):
    make_user("Dee", "dee@example.org")
    page.goto("/accounts/login/")
    press_tab_until(page, page.get_by_role("link", name="Send me a sign-in code"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/login/code/")

    type_into(page, field(page, "Email"), "dee@example.org")
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/login/code/confirm/")

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["dee@example.org"]
    code = line_after(mailoutbox[0].body, "sign-in code")
    type_into(page, field(page, "Code"), code)
    page.keyboard.press("Enter")

    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    expect_signed_in(page)


@pytest.mark.django_db(transaction=True)
def test_it_signs_out(browser):
    page = browser.page
    keyboard_sign_in(page, make_user("Dee", "dee@example.org").email, PASSWORD)
    expect_signed_in(page)

    press_tab_until(page, page.get_by_role("button", name="Sign out"))
    page.keyboard.press("Enter")

    expect_signed_out(page)
    page.goto("/account/")
    assert "/accounts/login/" in page.url


@pytest.mark.django_db(transaction=True)
def test_it_resets_a_forgotten_password_by_email(page, mailoutbox):
    user = make_user("Dee", "dee@example.org")
    page.goto("/accounts/password/reset/")
    type_into(page, field(page, "Email"), "dee@example.org")
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/password/reset/done/")

    assert len(mailoutbox) == 1
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+", mailoutbox[0].body)
    assert link, mailoutbox[0].body
    page.goto(link.group(0))
    type_into(page, field(page, "New Password"), NEW_PASSWORD)
    type_into(page, field(page, "New Password (again)"), NEW_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/password/reset/key/done/")

    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    keyboard_sign_in(page, "dee@example.org", NEW_PASSWORD)
    expect_signed_in(page)


# -- keyboard landmarks and errors -------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_skip_link_comes_first_and_moves_focus_to_the_main_content(page):
    page.goto("/")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")

    expect(page.locator("main")).to_be_focused()
    # The next Tab continues from the main content, not from the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


@pytest.mark.django_db(transaction=True)
def test_a_form_with_errors_focuses_a_summary_that_links_to_each_field(page):
    page.goto("/accounts/signup/")
    type_into(page, field(page, "Email"), "not-an-email")
    page.keyboard.press("Enter")

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading", level=2)).to_have_text("There is a problem")
    name_error = summary.get_by_role("link", name="Enter your name.")
    expect(name_error).to_have_attribute("href", "#id_name")
    expect(summary.get_by_role("link", name="Enter a valid email address.")).to_have_attribute(
        "href", "#id_email"
    )
    # The field says what is wrong too, and is tied to its message.
    name = field(page, "Your name")
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_name-error")).to_contain_text("Enter your name.")
    assert "id_name-error" in name.get_attribute("aria-describedby")

    page.keyboard.press("Tab")
    expect(name_error).to_be_focused()
    page.keyboard.press("Enter")
    expect(name).to_be_focused()
    assert not User.objects.exists()


# -- every page: axe, title, one heading, no sideways scrolling at 320px -----------


def open_home(browser: BrowserSession, mailoutbox) -> None:
    browser.page.goto("/")


def open_home_signed_in(browser: BrowserSession, mailoutbox) -> None:
    browser.sign_in(make_user("Dee", "dee@example.org"))
    browser.page.goto("/")


def opener(url: str, signed_in: bool = False) -> Callable:
    def open_page(browser: BrowserSession, mailoutbox) -> None:
        if signed_in:
            browser.sign_in(make_user("Dee", "dee@example.org"))
        browser.page.goto(url)

    return open_page


def open_signup_with_errors(browser: BrowserSession, mailoutbox) -> None:
    page = browser.page
    page.goto("/accounts/signup/")
    field(page, "Email").fill("not-an-email")
    field(page, "Password").fill("short")
    field(page, "Password (again)").fill("different")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()


def open_password_reset_from_key(browser: BrowserSession, mailoutbox) -> None:
    user = make_user("Dee", "dee@example.org")
    url = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    browser.page.goto(url)
    expect(field(browser.page, "New Password")).to_be_visible()


def open_login_code_confirm(browser: BrowserSession, mailoutbox) -> None:
    make_user("Dee", "dee@example.org")
    page = browser.page
    page.goto("/accounts/login/code/")
    field(page, "Email").fill("dee@example.org")
    page.get_by_role("button", name=re.compile("code", re.I)).click()
    page.wait_for_url("**/accounts/login/code/confirm/")


PAGES = {
    "home": open_home,
    "home signed in": open_home_signed_in,
    "sign in": opener("/accounts/login/"),
    "sign up": opener("/accounts/signup/"),
    "sign up with errors": open_signup_with_errors,
    "password reset": opener("/accounts/password/reset/"),
    "password reset done": opener("/accounts/password/reset/done/"),
    "password reset from key": open_password_reset_from_key,
    "login code request": opener("/accounts/login/code/"),
    "login code confirm": open_login_code_confirm,
    "sign out": opener("/accounts/logout/", signed_in=True),
    "your account": opener("/account/", signed_in=True),
    "email addresses": opener("/accounts/email/", signed_in=True),
    "password change": opener("/accounts/password/change/", signed_in=True),
    "page not found": opener("/no-such-page/"),
    "project not found": opener("/projects/999/", signed_in=True),
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name", PAGES)
def test_every_accounts_page_is_accessible(browser, axe, mailoutbox, name):
    page = browser.page
    PAGES[name](browser, mailoutbox)

    title = page.title()
    if name.startswith("home"):
        # The home page is the site itself, so its title is the site's name alone.
        assert title == SITE
    else:
        assert title.endswith(f" – {SITE}"), title
        assert title.removesuffix(f" – {SITE}").strip(), "the title must name the page"
    expect(page.locator("h1")).to_have_count(1)
    axe(page)

    page.set_viewport_size({"width": 320, "height": 640})
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 320, f"{name} scrolls sideways at 320px ({scroll_width}px wide)"
    axe(page)
