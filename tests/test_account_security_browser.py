"""The second step at sign-in, in real Chromium: found from "Your account" in plain words,
set up with a code computed here as the authenticator app would, then asked for at sign-in;
and confirming it is you before downloading your data. axe on every page of it."""

import base64
import hashlib
import hmac
import struct
import time
from importlib import import_module

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings
from playwright.sync_api import expect

from accounts.reauth.confirming import SIGNED_IN_AT

from .factories import PASSWORD

pytestmark = pytest.mark.browser


def totp(secret: str) -> str:
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(time.time() // 30)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def check(page, axe) -> None:
    assert page.locator("h1").count() == 1, f"{page.url} should have exactly one h1"
    axe(page)


@pytest.mark.django_db(transaction=True)
def test_a_facilitator_adds_a_second_step_and_signs_in_with_it(
    new_browser, project, facilitator, axe
):
    window = new_browser()
    page = window.page
    window.sign_in(facilitator)
    page.goto("/account/")
    page.get_by_role("link", name="Add a second step when you sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("A second step when you sign in")
    check(page, axe)

    page.get_by_role("link", name="Set it up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Set up a second step when you sign in"
    )
    check(page, axe)
    secret = page.locator("#totp-key").inner_text()
    page.get_by_label("Authenticator code").fill("000000" if totp(secret) != "000000" else "1")
    page.get_by_role("button", name="Turn on the second step").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    check(page, axe)
    page.get_by_label("Authenticator code").fill(totp(secret))
    page.get_by_role("button", name="Turn on the second step").click()
    page.wait_for_url("**/2fa/recovery-codes/")
    assert Authenticator.objects.filter(user=facilitator, type="totp").exists()
    check(page, axe)

    # Another browser: the password, then the code.
    other = new_browser().page
    other.goto("/accounts/login/")
    other.get_by_label("Email").fill(facilitator.email)
    other.get_by_label("Password").fill(PASSWORD)
    other.get_by_role("button", name="Sign In").click()
    other.wait_for_url("**/2fa/authenticate/")
    check(other, axe)
    other.get_by_label("Code").fill(totp(secret))
    other.get_by_role("button").filter(has_text="Sign In").click()
    other.wait_for_url(lambda url: "/2fa/" not in url and "/accounts/login/" not in url)
    expect(other.get_by_role("link", name="Your account")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_downloading_your_data_after_a_while_asks_for_the_password(
    browser, project, co_producer, axe
):
    page = browser.page
    browser.sign_in(co_producer)
    # Six minutes on: the sign-in no longer counts as having just given the password.
    # The session as the app keeps it, whichever engine the settings name.
    engine = import_module(settings.SESSION_ENGINE)
    key = next(c["value"] for c in browser.context.cookies() if c["name"] == "sessionid")
    session = engine.SessionStore(session_key=key)
    session[SIGNED_IN_AT] = time.time() - 360
    session.save()

    page.goto("/account/")
    page.get_by_role("link", name="Download your data").click()
    page.wait_for_url("**/accounts/reauthenticate/**")
    check(page, axe)
    expect(page.get_by_role("link", name="Email me a code")).to_be_visible()
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_download() as download:
        page.get_by_role("button", name="Confirm").click()
    assert download.value.suggested_filename.startswith("my-data-")
