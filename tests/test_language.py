"""Choosing a language: the header's button, "Your account", emails, dates and plurals.

What "in Welsh" means here is what gettext makes of the app's own words with the Welsh
catalogue (locale/cy), so each test compares a page with that translation, and first makes
sure the translation is not the English.
"""

import gettext as gettext_module
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.translation import gettext, ngettext

from accounts.models import User
from accounts.timezones import zone
from marks.library import LIBRARY
from meetings import services as meeting_services
from meetings.emails import send_reminders

from .factories import add_member, make_project, make_set_meeting, make_user
from .pages import plain, sign_in, text_of


def welsh(message: str) -> str:
    with translation.override("cy"):
        words = gettext(message)
    assert words != message, f"{message!r} has no Welsh translation"
    return words


def choose(client: Client, code: str, back: str = "/") -> object:
    return client.post(reverse("language:choose"), {"language": code, "next": back})


def test_the_header_offers_the_other_language_in_its_own_words(client):
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="en-gb">' in html
    assert 'name="language" value="cy" lang="cy">Cymraeg</button>' in html
    client.post(reverse("language:choose"), {"language": "cy", "next": "/"})
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="cy">' in html
    assert 'name="language" value="en-gb" lang="en">English</button>' in html
    assert welsh("Sign in") in plain(client.get(reverse("home")))


def test_choosing_goes_back_to_the_same_page_and_is_remembered_after_signing_out(
    co_producer, project
):
    client = sign_in(co_producer)
    here = reverse("projects:home", args=[project.pk])
    response = choose(client, "cy", back=here)
    assert response.status_code == 302 and response["Location"] == here
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "cy" and cookie["max-age"] == 60 * 60 * 24 * 365
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    client.post(reverse("account_logout"))
    assert '<html lang="cy">' in client.get(reverse("home")).content.decode()


def test_a_signed_in_choice_follows_the_person_to_another_device(co_producer, project):
    choose(sign_in(co_producer), "cy")
    co_producer.refresh_from_db()
    assert co_producer.language == "cy"
    # A new browser, no cookie, a browser that asks for English: the account's choice wins.
    other = sign_in(co_producer)
    html = other.get(
        reverse("projects:home", args=[project.pk]), HTTP_ACCEPT_LANGUAGE="en-GB,en"
    ).content.decode()
    assert '<html lang="cy">' in html
    assert welsh("Your projects") in html


def test_your_account_has_the_language_choice(co_producer_client, co_producer):
    html = co_producer_client.get(reverse("accounts:profile")).content.decode()
    assert 'id="language"' in html
    assert 'value="cy"' in html and 'lang="cy">Cymraeg</label>' in html
    response = choose(co_producer_client, "cy", back=reverse("accounts:profile") + "#language")
    assert response["Location"] == reverse("accounts:profile") + "#language"
    co_producer.refresh_from_db()
    assert co_producer.language == "cy"
    html = co_producer_client.get(reverse("accounts:profile")).content.decode()
    radio = re.search(r'<input type="radio" name="language" value="cy"[^>]*>', html).group(0)
    assert "checked" in radio


@pytest.mark.parametrize("code", ["fr", "xx-evil", "", "cy; DROP"])
def test_a_language_we_dont_have_gets_a_message_and_nothing_changes(
    co_producer_client, co_producer, code
):
    response = choose(co_producer_client, code)
    assert response.status_code == 400
    expected = "Choose a language." if not code else "We don't have that language."
    # Beside the choices, and in the summary at the top, linked to the first choice.
    assert expected in (text_of(response, "id_language-error") or "")
    assert 'href="#id_language_0"' in response.content.decode()
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    co_producer.refresh_from_db()
    assert co_producer.language == ""


def test_going_back_never_leaves_the_site(client):
    response = choose(client, "cy", back="https://elsewhere.example.net/")
    assert response["Location"] == reverse("home")


def test_the_choice_page_works_without_javascript_and_signed_out(client):
    response = client.get(reverse("language:choose"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('name="language"') >= 2
    assert 'lang="cy">Cymraeg</label>' in html


def test_a_language_chosen_before_signing_up_becomes_the_accounts(client, db):
    choose(client, "cy")
    response = client.post(
        reverse("account_signup"),
        {
            "name": "Gwen",
            "email": "gwen@example.org",
            "password1": "a long and unusual phrase 42",
            "password2": "a long and unusual phrase 42",
        },
    )
    assert response.status_code == 302, plain(response)[:400]
    assert User.objects.get(email="gwen@example.org").language == "cy"


# -- emails -------------------------------------------------------------------------


def test_each_person_gets_their_email_in_their_own_language(facilitator, project, co_producer):
    english = make_user("Eli English", "eli@example.org")
    add_member(project, english)
    co_producer.save_language("cy")
    for person in (co_producer, english):
        meeting_services.email_choice_set(project=project, user=person, email=True)
    meeting = make_set_meeting(project, facilitator, title="Cyfarfod mis Ionawr")
    mail.outbox.clear()
    start = meeting.chosen.starts_at
    assert send_reminders(now=start - timedelta(hours=20)) == 2
    by_address = {message.to[0]: message for message in mail.outbox}
    cymraeg, saesneg = by_address["cora@example.org"], by_address["eli@example.org"]
    with translation.override("cy"):
        subject = gettext("%(project)s: “%(title)s” is tomorrow") % {
            "project": project.name,
            "title": meeting.title,
        }
    assert cymraeg.subject == subject
    assert "is tomorrow" in saesneg.subject
    # The day and the month are Welsh, from Django's own Welsh names.
    local = start.astimezone(zone(project.time_zone))
    with translation.override("cy"):
        month, day = str(MONTHS[local.month]), str(WEEKDAYS[local.weekday()])
    assert f"{day} {local.day} {month} {local.year}" in cymraeg.body
    assert month not in saesneg.body


def test_a_sign_in_code_is_sent_in_the_language_of_the_account(co_producer, client):
    co_producer.save_language("cy")
    client.post(reverse("account_request_login_code"), {"email": co_producer.email})
    assert len(mail.outbox) == 1
    with translation.override("cy"):
        welsh_subject = render_to_string("account/email/login_code_subject.txt").strip()
    with translation.override("en-gb"):
        english_subject = render_to_string("account/email/login_code_subject.txt").strip()
    assert welsh_subject != english_subject
    assert welsh_subject in mail.outbox[0].subject


# -- the mark library, dates and plurals --------------------------------------------


def test_a_project_started_in_welsh_gets_the_mark_library_in_welsh(facilitator):
    with translation.override("cy"):
        project = make_project(facilitator, name="Prosiect")
    first = LIBRARY[0]
    with translation.override("en-gb"):
        english = str(first.title)
    mark = project.marks.get(library_key=first.key)
    assert mark.title == welsh(english)


def test_welsh_pages_use_welsh_day_and_month_names(co_producer_client, co_producer, project):
    meeting = make_set_meeting(project, project.memberships.first().user, days=10)
    co_producer.save_language("cy")
    html = co_producer_client.get(reverse("projects:home", args=[project.pk])).content.decode()
    local = meeting.chosen.starts_at.astimezone(zone(project.time_zone))
    with translation.override("cy"):
        month = str(MONTHS[local.month])
    assert f"{local.day} {month} {local.year}" in html


def our_catalogue() -> gettext_module.GNUTranslations:
    with (settings.LOCALE_PATHS[0] / "cy" / "LC_MESSAGES" / "django.mo").open("rb") as mo:
        return gettext_module.GNUTranslations(mo)


@pytest.mark.parametrize(
    ("n", "form"),
    [(0, 0), (1, 1), (2, 2), (3, 3), (4, 5), (6, 4), (7, 5), (11, 5), (100, 5)],
)
def test_welsh_has_six_plural_forms(n, form):
    """Each count picks the form of the catalogue's own Plural-Forms line, pages included."""
    catalogue = our_catalogue()
    assert catalogue.plural(n) == form
    # A message whose forms differ: what Django gives for n is that form.
    forms = {}
    for key, text in catalogue._catalog.items():
        if isinstance(key, tuple):
            forms.setdefault(key[0], {})[key[1]] = text
    singular, texts = next(
        (msgid, texts) for msgid, texts in sorted(forms.items()) if len(set(texts.values())) >= 3
    )
    plural = _plural_of(singular)
    with translation.override("cy"):
        assert ngettext(singular, plural, n) == texts[form]


def _plural_of(singular: str) -> str:
    """The English plural msgid that goes with a singular one, read from the .po file."""
    po = (settings.LOCALE_PATHS[0] / "cy" / "LC_MESSAGES" / "django.po").read_text()
    quoted = singular.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    match = re.search(
        r'^msgid "' + re.escape(quoted) + r'"\nmsgid_plural "((?:[^"\\]|\\.)*)"', po, re.M
    )
    assert match, singular
    return match.group(1).encode().decode("unicode_escape")


def test_the_error_pages_speak_the_persons_language(co_producer_client, co_producer):
    co_producer.save_language("cy")
    missing = co_producer_client.get("/projects/999999/")
    assert missing.status_code == 404
    assert '<html lang="cy">' in missing.content.decode()
    assert welsh("Page not found") in plain(missing)
    with translation.override("cy"):
        broken = render_to_string("500.html")
    assert '<html lang="cy">' in broken and welsh("Sorry, something went wrong") in broken
