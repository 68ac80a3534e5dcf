"""Accounts: a person is known by their name; their email address signs them in."""

import pytest
from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist
from django.db import IntegrityError, transaction
from django.test import Client, override_settings
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD, make_user

SIGNUP_URL = "/accounts/signup/"
PROFILE_URL = "/account/"


def signup_data(**changes: str) -> dict[str, str]:
    data = {
        "name": "Nia",
        "email": "nia@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(changes)
    return data


# -- the model ----------------------------------------------------------------


@pytest.mark.parametrize("field", ["username", "first_name", "last_name", "job_title", "title"])
def test_a_person_has_no_username_or_job_title(field):
    with pytest.raises(FieldDoesNotExist):
        User._meta.get_field(field)


def test_the_email_address_is_what_identifies_a_person():
    assert User.USERNAME_FIELD == "email"
    assert User._meta.get_field("email").unique


@pytest.mark.django_db
def test_a_person_shows_as_their_name():
    user = make_user("Dee", "dee@example.org")

    assert str(user) == "Dee"
    assert user.get_full_name() == "Dee"


@pytest.mark.django_db
def test_two_people_cannot_share_an_email_address_in_different_case():
    User.objects.create_user(email="Sam.Jones@example.org", password=PASSWORD, name="Sam")

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(email="sam.jones@EXAMPLE.org", password=PASSWORD, name="Other")

    assert User.objects.count() == 1


@pytest.mark.django_db
def test_the_database_refuses_a_person_without_a_name():
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(email="nobody@example.org", password=PASSWORD, name="")


# -- signing up -----------------------------------------------------------------


@pytest.mark.django_db
def test_it_signs_up_with_a_name_and_signs_the_person_in(client):
    response = client.post(SIGNUP_URL, signup_data())

    assert response.status_code == 302
    user = User.objects.get(email="nia@example.org")
    assert user.name == "Nia"
    assert user.check_password(PASSWORD)
    assert client.get(PROFILE_URL).status_code == 200


@pytest.mark.django_db
def test_it_trims_spaces_around_the_name(client):
    client.post(SIGNUP_URL, signup_data(name="  Nia  "))

    assert User.objects.get().name == "Nia"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": ""}, "name", "Enter your name."),
        ({"name": "   "}, "name", "Enter your name."),
        ({"email": "not-an-email"}, "email", "Enter a valid email address."),
        ({"email": ""}, "email", "This field is required."),
        ({"password2": "a-different-password-2"}, "password2", "You must type the same password"),
        ({"password1": "short", "password2": "short"}, "password1", "too short"),
    ],
    ids=["empty-name", "blank-name", "bad-email", "no-email", "mismatch", "short-password"],
)
def test_bad_sign_up_input_shows_a_message_by_the_field_and_creates_nobody(
    client, changes, field, message
):
    response = client.post(SIGNUP_URL, signup_data(**changes))

    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert f'href="#id_{field}"' in html
    assert f'id="id_{field}-error"' in html
    assert message in html
    assert not User.objects.exists()


@pytest.mark.django_db
def test_it_refuses_an_email_address_already_used_in_another_case(client):
    make_user("Nia", "nia@example.org")

    response = client.post(SIGNUP_URL, signup_data(name="Other", email="NIA@example.org"))

    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_it_refuses_html_in_the_name_and_shows_it_back_escaped(client):
    name = '<script>alert("hi")</script>'

    response = client.post(SIGNUP_URL, signup_data(name=name))

    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert 'id="id_name-error"' in html
    assert name not in html
    assert "&lt;script&gt;" in html
    assert not User.objects.exists()


# -- the "Your account" page ----------------------------------------------------


@pytest.mark.django_db
def test_your_account_needs_signing_in(client):
    response = client.get(PROFILE_URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/account/")


@pytest.mark.django_db
def test_your_account_shows_your_name_and_links_to_email_and_password(client, facilitator):
    client.force_login(facilitator)

    html = client.get(PROFILE_URL).content.decode()

    assert 'value="Fran Facilitator"' in html
    assert 'href="/accounts/email/"' in html
    assert 'href="/accounts/password/change/"' in html


@pytest.mark.django_db
def test_it_changes_your_name(client, facilitator):
    client.force_login(facilitator)

    response = client.post(PROFILE_URL, {"name": "  Frances  "}, follow=True)

    facilitator.refresh_from_db()
    assert facilitator.name == "Frances"
    assert response.redirect_chain == [(PROFILE_URL, 302)]
    assert "Your name has been saved." in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["", "   ", "<b>Fran</b>", "x" * 101])
def test_it_rejects_a_bad_name_and_keeps_the_old_one(client, facilitator, name):
    client.force_login(facilitator)

    response = client.post(PROFILE_URL, {"name": name})

    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert 'id="id_name-error"' in html
    assert 'aria-describedby="id_name-hint id_name-error"' in html
    assert "<b>Fran</b>" not in html
    facilitator.refresh_from_db()
    assert facilitator.name == "Fran Facilitator"


@pytest.mark.django_db
def test_a_name_stored_with_markup_is_shown_escaped(client):
    # Names saved before the form refused markup must still be harmless.
    user = make_user("<i>Ivy</i> & co", "ivy@example.org")
    client.force_login(user)

    html = client.get(PROFILE_URL).content.decode()

    assert "<i>Ivy</i>" not in html
    assert "&lt;i&gt;Ivy&lt;/i&gt; &amp; co" in html


@pytest.mark.django_db
def test_your_account_only_accepts_get_and_post(client, facilitator):
    client.force_login(facilitator)

    assert client.put(PROFILE_URL, {"name": "X"}).status_code == 405
    facilitator.refresh_from_db()
    assert facilitator.name == "Fran Facilitator"


@pytest.mark.django_db
def test_the_header_marks_the_page_you_are_on(client, facilitator):
    client.force_login(facilitator)

    html = client.get(PROFILE_URL).content.decode()

    assert '<a href="/account/" aria-current="page">Your account</a>' in html
    assert html.count('aria-current="page"') == 1


def test_your_account_leads_to_the_thanks_sent_to_you(client, co_producer):
    from django.urls import reverse

    client.force_login(co_producer)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert f'href="{reverse("completing:my_thanks")}"' in page


def test_a_whole_meeting_can_sign_in_at_once_from_one_address(db):
    """Fifty people on a venue's wifi (or behind one proxy) share an address; all get in."""
    cache.clear()
    people = [make_user(f"Member {n}", f"member{n}@example.org") for n in range(50)]
    for person in people:
        response = Client(REMOTE_ADDR="203.0.113.7").post(
            reverse("account_login"), {"login": person.email, "password": PASSWORD}
        )
        assert response.status_code == 302, f"{person.email} was refused: {response.status_code}"


def test_wrong_passwords_are_still_limited(db):
    """Guessing is slowed down: after a few wrong passwords for one account, even the right
    password waits."""
    cache.clear()
    person = make_user("Alex", "alex@example.org")
    client = Client(REMOTE_ADDR="203.0.113.8")
    for _attempt in range(5):
        client.post(reverse("account_login"), {"login": person.email, "password": "wrong"})
    response = client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})
    assert response.status_code != 302


def test_a_password_saved_with_pbkdf2_still_signs_in_and_is_saved_again_with_argon2(client, db):
    with override_settings(PASSWORD_HASHERS=settings.PRODUCTION_PASSWORD_HASHERS):
        person = make_user("Old Hash", "old-hash@example.org")
        person.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
        person.save(update_fields=["password"])
        response = client.post(
            reverse("account_login"), {"login": person.email, "password": PASSWORD}
        )
        assert response.status_code == 302
        person.refresh_from_db()
        assert person.password.startswith("argon2$")
        assert check_password(PASSWORD, person.password)
        # A new password is saved with Argon2 from the start.
        fresh = make_user("New Hash", "new-hash@example.org")
        assert fresh.password.startswith("argon2$")
