"""Confirming it is you before the most sensitive steps, emails about changes, long
passwords, and the optional second step at sign-in (a code from an authenticator app)."""

import base64
import hashlib
import hmac
import re
import struct
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.reauth.confirming import SIGNED_IN_AT

from .factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

DATA_URL = reverse("people:data")
DELETE_URL = reverse("people:delete")
EMAIL_URL = reverse("account_email")


def signed_in_long_ago(user: User) -> Client:
    """A browser whose person signed in more than five minutes ago."""
    client = Client()
    client.force_login(user)
    session = client.session
    session[SIGNED_IN_AT] = time.time() - 301
    session.save()
    return client


def sent_to(response) -> tuple[str, list[str] | None]:
    location = urlsplit(response["Location"])
    return location.path, parse_qs(location.query).get("next")


def totp(secret: str, at: float | None = None) -> str:
    """RFC 6238: the 6-digit code an authenticator app shows for this key now."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


# -- confirming it is you ----------------------------------------------------------------


@pytest.mark.parametrize("url", [DATA_URL, DELETE_URL])
def test_a_sign_in_long_ago_asks_for_the_password_again(co_producer, project, url):
    client = signed_in_long_ago(co_producer)

    response = client.get(url)

    assert response.status_code == 302
    assert sent_to(response) == (reverse("account_reauthenticate"), [url])
    wrong = client.post(response["Location"], {"password": "not-the-password-at-all"})
    assert wrong.status_code == 200 and "_auth_user_id" in client.session
    assert client.get(url).status_code == 302

    confirmed = client.post(response["Location"], {"password": PASSWORD})

    assert confirmed.status_code == 302 and confirmed["Location"] == url
    assert client.get(url).status_code == 200


def test_a_recent_sign_in_counts_so_nobody_is_asked_twice(co_producer_client, project):
    assert co_producer_client.get(DATA_URL).status_code == 200
    assert co_producer_client.get(DELETE_URL).status_code == 200


def test_deleting_goes_ahead_with_the_choices_made_once_the_person_confirms(co_producer, project):
    client = signed_in_long_ago(co_producer)

    response = client.post(DELETE_URL, {"words": "keep", "confirm_email": co_producer.email})

    assert sent_to(response) == (reverse("account_reauthenticate"), [DELETE_URL])
    co_producer.refresh_from_db()
    assert not co_producer.is_former_member
    # The deletion that was interrupted goes ahead with what was chosen on the page.
    confirmed = client.post(response["Location"], {"password": PASSWORD})
    assert confirmed.status_code == 302
    assert confirmed["Location"] == reverse("people:deleted")
    co_producer.refresh_from_db()
    assert co_producer.is_former_member


def test_someone_without_a_password_confirms_with_an_emailed_code(project):
    robin = make_user("Robin", password=None)
    assert not robin.has_usable_password()
    client = signed_in_long_ago(robin)

    response = client.get(DATA_URL)

    assert sent_to(response) == (reverse("reauth:code"), [DATA_URL])
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "robin@example.org" in page.content.decode()
    assert "Use your password instead" not in page.content.decode()
    assert not mail.outbox
    client.post(response["Location"], {"send": "1"})
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["robin@example.org"]
    code = re.search(r"^\s*([A-Z0-9-]{6,})\s*$", mail.outbox[0].body, re.MULTILINE)[1]

    wrong = client.post(response["Location"], {"code": "AAAAAA" if code != "AAAAAA" else "BBBBBB"})
    assert wrong.status_code == 400
    assert "That code is not right" in wrong.content.decode()
    assert client.get(DATA_URL).status_code == 302
    empty = client.post(response["Location"], {"code": ""})
    assert empty.status_code == 400 and "Enter the code from the email." in empty.content.decode()

    confirmed = client.post(response["Location"], {"code": code.lower()})

    assert confirmed.status_code == 302 and confirmed["Location"] == DATA_URL
    assert client.get(DATA_URL).status_code == 200


def test_three_wrong_codes_and_the_code_is_gone(project):
    robin = make_user("Robin", password=None)
    client = signed_in_long_ago(robin)
    address = reverse("reauth:code") + f"?next={DATA_URL}"
    client.post(address, {"send": "1"})
    code = re.search(r"^\s*([A-Z0-9-]{6,})\s*$", mail.outbox[0].body, re.MULTILINE)[1]
    for _ in range(3):
        client.post(address, {"code": "WRONG1"})

    late = client.post(address, {"code": code})

    assert late.status_code == 400
    assert client.get(DATA_URL).status_code == 302


@pytest.mark.parametrize("has_password", [True, False], ids=["password", "codes only"])
def test_changing_email_addresses_asks_first_and_looking_does_not(project, has_password):
    person = make_user("Robin", password=PASSWORD if has_password else None)
    client = signed_in_long_ago(person)

    assert client.get(EMAIL_URL).status_code == 200
    response = client.post(EMAIL_URL, {"action_add": "", "email": "robin@elsewhere.example"})

    assert response.status_code == 302
    path, _next = sent_to(response)
    assert path == reverse("account_reauthenticate" if has_password else "reauth:code")
    assert not EmailAddress.objects.filter(email="robin@elsewhere.example").exists()


def test_the_password_page_offers_an_emailed_code_instead(co_producer, project):
    client = signed_in_long_ago(co_producer)
    response = client.get(DATA_URL, follow=True)
    assert "Email me a code" in response.content.decode()


def test_the_code_page_needs_a_sign_in_and_takes_only_get_and_post(client):
    address = reverse("reauth:code")
    assert sent_to(client.get(address))[0] == reverse("account_login")
    signed_in = Client()
    signed_in.force_login(make_user("Robin"))
    assert signed_in.put(address).status_code == 405


# -- telling people about changes -----------------------------------------------------------


def test_changing_the_password_is_told_by_email(co_producer_client, co_producer):
    response = co_producer_client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "another-long-password-2",
            "password2": "another-long-password-2",
        },
    )

    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[co_producer.email]]
    assert "password" in mail.outbox[0].subject.lower()


def test_adding_and_removing_an_email_address_is_told_by_email(co_producer_client, co_producer):
    co_producer_client.post(EMAIL_URL, {"action_add": "", "email": "cora@elsewhere.example"})
    mail.outbox.clear()
    co_producer_client.post(EMAIL_URL, {"action_remove": "", "email": "cora@elsewhere.example"})

    assert not EmailAddress.objects.filter(email="cora@elsewhere.example").exists()
    assert [m.to for m in mail.outbox] == [[co_producer.email]]
    assert "cora@elsewhere.example" in mail.outbox[0].body


# -- passwords ---------------------------------------------------------------------------------


def test_a_password_needs_at_least_12_characters_and_the_sign_up_form_says_so(client):
    page = client.get(reverse("account_signup")).content.decode()
    assert "at least 12 characters" in page

    response = client.post(
        reverse("account_signup"),
        {
            "name": "Sam",
            "email": "sam@example.org",
            "password1": "zq8#Lk2!mW9",
            "password2": "zq8#Lk2!mW9",
        },
    )

    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()
    assert not User.objects.filter(email="sam@example.org").exists()
    client.post(
        reverse("account_signup"),
        {
            "name": "Sam",
            "email": "sam@example.org",
            "password1": "zq8#Lk2!mW9x",
            "password2": "zq8#Lk2!mW9x",
        },
    )
    assert User.objects.filter(email="sam@example.org").exists()


# -- a second step at sign-in ------------------------------------------------------------


def test_your_account_offers_a_second_step_in_plain_words(co_producer_client):
    page = co_producer_client.get(reverse("accounts:profile")).content.decode()
    assert f'href="{reverse("mfa_index")}"' in page
    assert "Add a second step when you sign in" in page


def test_a_facilitator_adds_an_authenticator_app_and_then_signs_in_with_its_code(
    facilitator, project
):
    client = Client()
    client.force_login(facilitator)
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = re.search(r'<code id="totp-key">([A-Z2-7]+)</code>', page.content.decode())[1]
    wrong = client.post(
        reverse("mfa_activate_totp"), {"code": "000000" if totp(secret) != "000000" else "111111"}
    )
    assert not Authenticator.objects.filter(user=facilitator).exists()
    assert wrong.status_code == 200

    done = client.post(reverse("mfa_activate_totp"), {"code": totp(secret)})

    assert done.status_code == 302
    assert Authenticator.objects.filter(user=facilitator, type="totp").exists()
    assert Authenticator.objects.filter(user=facilitator, type="recovery_codes").exists()
    assert "on: when you sign in" in client.get(reverse("mfa_index")).content.decode()

    # Signing in now takes the password and then a code from the app.
    browser = Client()
    step = browser.post(
        reverse("account_login"), {"login": facilitator.email, "password": PASSWORD}
    )
    assert step.status_code == 302 and step["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in browser.session
    refused = browser.post(reverse("mfa_authenticate"), {"code": "12345"})
    assert refused.status_code == 200 and "_auth_user_id" not in browser.session

    signed_in = browser.post(reverse("mfa_authenticate"), {"code": totp(secret)})

    assert signed_in.status_code == 302
    assert browser.session["_auth_user_id"] == str(facilitator.pk)
