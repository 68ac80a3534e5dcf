"""Inviting people: links to share, invitations by email, stopping a link, and joining.

Each view's tests cover: sign-in required, wrong method, outsider 404, role too
low 403, and bad input getting a message beside the field while nothing is
saved. Who may open which URL at all is in tests/test_permissions.py.
"""

import re
import smtplib
import threading
import time
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from projects.invitations import services
from projects.models import Invitation, Membership

from .factories import PASSWORD, make_project, make_user
from .pages import activity_lines, assert_field_error, assert_needs_sign_in, plain, sign_in, url

# -- invitations ---------------------------------------------------------------


def test_invitations_need_sign_in_membership_and_the_facilitator_role(
    client, outsider_client, co_producer_client, project
):
    path = url("invitations:invitations", project)
    assert_needs_sign_in(client.post(path, {"days": "14"}), path)
    assert outsider_client.post(path, {"days": "14"}).status_code == 404
    refused = co_producer_client.post(path, {"days": "14"})
    assert refused.status_code == 403
    assert "Only the project's facilitators can do this." in plain(refused)
    assert (
        co_producer_client.post(
            url("invitations:invitation_email", project), {"email": "new@example.org"}
        ).status_code
        == 403
    )
    assert not Invitation.objects.exists()
    assert not mail.outbox


def test_invitations_refuse_other_methods(facilitator_client, project):
    assert facilitator_client.delete(url("invitations:invitations", project)).status_code == 405
    assert facilitator_client.get(url("invitations:invitation_email", project)).status_code == 405


def test_a_new_link_is_unguessable_and_works_for_14_days_by_default(facilitator_client, project):
    page = facilitator_client.get(url("invitations:invitations", project))
    assert page.context["form"]["days"].value() == 14

    response = facilitator_client.post(
        url("invitations:invitations", project), {"days": "14", "max_uses": ""}, follow=True
    )

    invitation = Invitation.objects.get()
    # 43 URL-safe characters carry at least 256 bits; 22 would already be 128.
    assert len(invitation.token) >= 43
    assert re.fullmatch(r"[A-Za-z0-9_-]+", invitation.token)
    expected = timezone.now() + timedelta(days=14)
    assert abs(invitation.expires_at - expected) < timedelta(minutes=1)
    assert invitation.max_uses is None
    assert invitation.is_active
    # Shown as plain text and in a field to copy from.
    link = f"{settings.SITE_URL}/join/{invitation.token}/"
    assert f'value="{link}"' in response.content.decode()
    assert link in plain(response)
    assert "Copy the link" in plain(response)


def test_the_numbers_are_typed_into_plain_boxes_that_bring_up_a_keypad(facilitator_client, project):
    page = facilitator_client.get(url("invitations:invitations", project)).content.decode()
    for name in ("days", "max_uses"):
        box = re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group(0)
        assert 'type="text"' in box and 'inputmode="numeric"' in box, box
    # Spaces typed around the number don't matter.
    facilitator_client.post(
        url("invitations:invitations", project), {"days": " 7 ", "max_uses": " 3 "}
    )
    invitation = Invitation.objects.get()
    assert invitation.max_uses == 3
    assert abs(invitation.expires_at - (timezone.now() + timedelta(days=7))) < timedelta(minutes=1)


def test_each_link_has_its_own_token(facilitator_client, project):
    for _ in range(3):
        facilitator_client.post(url("invitations:invitations", project), {"days": "14"})
    tokens = set(Invitation.objects.values_list("token", flat=True))
    assert len(tokens) == 3


def test_the_facilitator_chooses_the_days_and_a_limit_on_uses(facilitator_client, project):
    facilitator_client.post(url("invitations:invitations", project), {"days": "3", "max_uses": "2"})
    invitation = Invitation.objects.get()
    expected = timezone.now() + timedelta(days=3)
    assert abs(invitation.expires_at - expected) < timedelta(minutes=1)
    assert invitation.max_uses == 2

    for name in ["Ada", "Bea"]:
        sign_in(make_user(name)).post(url("invitations:join", token=invitation.token))
    invitation.refresh_from_db()
    assert invitation.uses == 2
    assert invitation.status == Invitation.Status.USED_UP
    page = facilitator_client.get(url("invitations:invitations", project))
    assert "Used up." in plain(page)
    assert "Used 2 of 2 times." in plain(page)


@pytest.mark.parametrize(
    ("data", "field_id", "message"),
    [
        ({"days": ""}, "id_days", "Enter how many days the link should work for."),
        ({"days": "two weeks"}, "id_days", "whole number"),
        ({"days": "0"}, "id_days", "at least 1 day"),
        ({"days": "91"}, "id_days", "90 days at most"),
        ({"days": "1.5"}, "id_days", "whole number"),
        ({"days": "14", "max_uses": "0"}, "id_max_uses", "At least 1 person"),
        ({"days": "14", "max_uses": "lots"}, "id_max_uses", "whole number"),
    ],
    ids=["empty", "words", "zero", "too-many", "fraction", "zero-uses", "words-uses"],
)
def test_bad_link_settings_get_a_message_and_make_no_link(
    facilitator_client, project, data, field_id, message
):
    response = facilitator_client.post(url("invitations:invitations", project), data)
    assert response.status_code == 400
    assert_field_error(response, field_id, message)
    assert not Invitation.objects.exists()


def test_a_link_can_be_stopped_and_then_says_so(facilitator_client, project, outsider):
    facilitator_client.post(url("invitations:invitations", project), {"days": "14"})
    invitation = Invitation.objects.get()

    response = facilitator_client.post(
        url("invitations:invitation_revoke", project, invitation_id=invitation.pk), follow=True
    )

    assert "That invitation has been stopped" in plain(response)
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.REVOKED
    assert "Stopped." in plain(response)
    closed = sign_in(outsider).post(url("invitations:join", token=invitation.token))
    assert closed.status_code == 410
    assert not Membership.objects.filter(user=outsider).exists()


def test_stopping_a_link_needs_the_facilitator_role(co_producer_client, project, facilitator):
    invitation = Invitation.objects.create(
        project=project, created_by=facilitator, expires_at=Invitation.default_expiry()
    )
    response = co_producer_client.post(
        url("invitations:invitation_revoke", project, invitation_id=invitation.pk)
    )
    assert response.status_code == 403
    invitation.refresh_from_db()
    assert invitation.is_active


def test_an_email_invitation_sends_one_friendly_message(facilitator_client, project):
    response = facilitator_client.post(
        url("invitations:invitation_email", project), {"email": "newcomer@example.org"}, follow=True
    )

    assert "We have emailed an invitation to newcomer@example.org." in plain(response)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["newcomer@example.org"]
    assert "Fran Facilitator" in message.subject
    assert "Better drop-in" in message.subject
    invitation = Invitation.objects.get()
    assert invitation.email == "newcomer@example.org"
    assert invitation.max_uses == 1
    assert f"{settings.SITE_URL}/join/{invitation.token}/" in message.body
    assert "Fran Facilitator would like you to join" in message.body
    assert '"Better drop-in"' in message.body
    assert "14 days" in message.body
    # Plain words: none of the jargon the app avoids.
    for word in ["stakeholder", "user", "token"]:
        assert word not in message.body.lower()


def test_an_email_invitation_keeps_the_project_name_as_written(facilitator, co_producer):
    project = make_project(facilitator, name="Tea & talk <Thursdays>")
    sign_in(facilitator).post(
        url("invitations:invitation_email", project), {"email": "a@example.org"}
    )
    body = mail.outbox[0].body
    # A plain-text email: no HTML escaping of the name.
    assert '"Tea & talk <Thursdays>"' in body


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("not-an-email", "Enter an email address in the right form"),
        ("two@at@example.org", "Enter an email address in the right form"),
        ("", "Enter the email address of the person to invite."),
    ],
    ids=["no-at", "two-ats", "empty"],
)
def test_a_malformed_email_gets_a_message_and_sends_nothing(
    facilitator_client, project, email, message
):
    response = facilitator_client.post(
        url("invitations:invitation_email", project), {"email": email}
    )
    assert response.status_code == 400
    assert_field_error(response, "id_email", message)
    assert not mail.outbox
    assert not Invitation.objects.exists()


# -- joining through a link -------------------------------------------------


@pytest.fixture
def invitation(project, facilitator) -> Invitation:
    return Invitation.objects.create(
        project=project, created_by=facilitator, expires_at=Invitation.default_expiry()
    )


def test_a_signed_out_visitor_is_offered_an_account_or_sign_in(client, invitation):
    response = client.get(url("invitations:join", token=invitation.token))
    assert response.status_code == 200
    text = plain(response)
    assert "Join Better drop-in" in text
    assert "Fran Facilitator has invited you" in text
    assert "Create an account" in text
    assert "I already have an account" in text


def test_signing_up_through_a_link_lands_in_the_project_without_asking_twice(
    client, invitation, project
):
    join = url("invitations:join", token=invitation.token)
    response = client.post(join)
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == reverse("account_signup")
    assert parse_qs(location.query)["next"] == [join]

    signup = f"{reverse('account_signup')}?{location.query}"
    assert client.get(signup).status_code == 200
    response = client.post(
        signup,
        {
            "name": "Nia Newcomer",
            "email": "nia@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
        follow=True,
    )

    assert response.redirect_chain[-1][0] == url("projects:home", project)
    assert response.status_code == 200
    assert "Welcome! You have joined Better drop-in." in plain(response)
    nia = User.objects.get(email="nia@example.org")
    membership = Membership.objects.get(project=project, user=nia)
    assert membership.role == Membership.Role.CO_PRODUCER
    invitation.refresh_from_db()
    assert invitation.uses == 1
    assert "Nia Newcomer joined the project" in " ".join(activity_lines(response))


def test_signing_in_through_a_link_lands_in_the_project(client, invitation, project, outsider):
    join = url("invitations:join", token=invitation.token)
    response = client.post(join, {"have_account": "1"})
    location = urlsplit(response["Location"])
    assert location.path == reverse("account_login")

    response = client.post(
        f"{reverse('account_login')}?{location.query}",
        {"login": outsider.email, "password": PASSWORD},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == url("projects:home", project)
    assert Membership.objects.filter(project=project, user=outsider).exists()
    invitation.refresh_from_db()
    assert invitation.uses == 1


def test_a_signed_in_person_joins_with_one_button(outsider_client, outsider, invitation, project):
    page = outsider_client.get(url("invitations:join", token=invitation.token))
    assert page.status_code == 200
    assert "Join the project" in plain(page)
    assert not Membership.objects.filter(user=outsider).exists()

    response = outsider_client.post(url("invitations:join", token=invitation.token))

    assert response["Location"] == url("projects:home", project)
    assert Membership.objects.get(project=project, user=outsider).role == "co_producer"


def test_a_member_opening_the_link_just_opens_the_project(co_producer_client, invitation, project):
    for response in [
        co_producer_client.get(url("invitations:join", token=invitation.token)),
        co_producer_client.post(url("invitations:join", token=invitation.token)),
    ]:
        assert response.status_code == 302
        assert response["Location"] == url("projects:home", project)
    invitation.refresh_from_db()
    assert invitation.uses == 0


def test_a_member_opening_a_stopped_link_still_gets_the_project(
    co_producer_client, invitation, project
):
    invitation.revoke()
    response = co_producer_client.get(url("invitations:join", token=invitation.token))
    assert response["Location"] == url("projects:home", project)


def close(invitation: Invitation, how: str) -> str:
    if how == "expired":
        invitation.expires_at = timezone.now() - timedelta(days=1)
        invitation.save()
        return "It stopped working on"
    if how == "stopped":
        invitation.revoke()
        return "It was stopped by a facilitator"
    invitation.max_uses = 1
    invitation.uses = 1
    invitation.save()
    return "already been used as many times as it allows"


@pytest.mark.parametrize("how", ["expired", "stopped", "used-up"])
@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_a_closed_link_gets_a_clear_page_naming_the_inviter(invitation, outsider, how, who):
    reason = close(invitation, how)
    client = Client() if who == "anonymous" else sign_in(outsider)

    for response in [
        client.get(url("invitations:join", token=invitation.token)),
        client.post(url("invitations:join", token=invitation.token)),
    ]:
        assert response.status_code == 410
        text = plain(response)
        assert "This invitation no longer works" in text
        assert reason in text
        assert "Ask Fran Facilitator for a new invitation." in text
    assert not Membership.objects.filter(user=outsider).exists()
    invitation.refresh_from_db()
    assert invitation.uses == (1 if how == "used-up" else 0)


def test_an_unknown_link_gets_a_clear_not_found_page(client, outsider_client, invitation):
    for c in [client, outsider_client]:
        response = c.get(url("invitations:join", token=invitation.token[:-3]))
        assert response.status_code == 404
        text = plain(response)
        assert "We could not find this invitation" in text
        assert "ask the person who sent it for a new one" in text


def test_join_refuses_other_methods(client, invitation):
    assert client.delete(url("invitations:join", token=invitation.token)).status_code == 405


# -- the site's own address ---------------------------------------------------


@pytest.mark.parametrize("host", ["coproduce.example.org", "evil.example"])
def test_links_and_emails_use_the_sites_address_whatever_the_host_header_says(
    facilitator_client, project, settings, host
):
    settings.SITE_URL = "https://coproduce.example.org"
    settings.ALLOWED_HOSTS = ["coproduce.example.org", "evil.example"]
    facilitator_client.post(
        url("invitations:invitation_email", project), {"email": "new@example.org"}, HTTP_HOST=host
    )
    facilitator_client.post(url("invitations:invitations", project), {"days": "14"}, HTTP_HOST=host)
    page = facilitator_client.get(url("invitations:invitations", project), HTTP_HOST=host)

    emailed, link = Invitation.objects.order_by("pk")
    assert f"https://coproduce.example.org/join/{emailed.token}/" in mail.outbox[0].body
    assert f'value="https://coproduce.example.org/join/{link.token}/"' in page.content.decode()
    assert "evil.example" not in mail.outbox[0].body
    assert "evil.example" not in page.content.decode()


# -- how many invitations one person may email ----------------------------------


def _email_invitations(user, project, count, *, hours_ago=0):
    when = timezone.now() - timedelta(hours=hours_ago)
    Invitation.objects.bulk_create(
        Invitation(
            project=project,
            created_by=user,
            created_at=when,
            expires_at=when + timedelta(days=14),
            max_uses=1,
            email=f"person{i}@example.org",
        )
        for i in range(count)
    )


def test_one_person_can_email_20_invitations_an_hour_across_projects(
    facilitator_client, facilitator, project
):
    other = make_project(facilitator, name="Another group")
    _email_invitations(facilitator, other, 19)
    # Links to share don't count: they send no mail.
    Invitation.objects.create(
        project=project, created_by=facilitator, expires_at=Invitation.default_expiry()
    )
    ok = facilitator_client.post(
        url("invitations:invitation_email", project), {"email": "a@example.org"}
    )
    assert ok.status_code == 302
    assert len(mail.outbox) == 1

    refused = facilitator_client.post(
        url("invitations:invitation_email", project), {"email": "b@ex.org"}
    )

    assert refused.status_code == 429
    assert_field_error(refused, "id_email", "You have sent as many invitations by email as you")
    assert "20 an hour, 100 a day" in plain(refused)
    assert len(mail.outbox) == 1
    assert not Invitation.objects.filter(email="b@ex.org").exists()


def test_the_hourly_limit_frees_up_after_an_hour_and_the_daily_one_after_a_day(
    facilitator_client, facilitator, project
):
    _email_invitations(facilitator, project, 20, hours_ago=2)
    sent = facilitator_client.post(
        url("invitations:invitation_email", project), {"email": "a@ex.org"}
    )
    assert sent.status_code == 302

    _email_invitations(facilitator, project, 79, hours_ago=5)
    refused = facilitator_client.post(
        url("invitations:invitation_email", project), {"email": "b@ex.org"}
    )
    assert refused.status_code == 429
    assert len(mail.outbox) == 1


def test_the_limit_is_each_persons_own(facilitator, co_producer, project):
    _email_invitations(facilitator, project, 20)
    project.memberships.filter(user=co_producer).update(role=Membership.Role.FACILITATOR)
    response = sign_in(co_producer).post(
        url("invitations:invitation_email", project), {"email": "a@ex.org"}
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1


# -- a mail server that refuses -------------------------------------------------


@pytest.fixture
def broken_mail(monkeypatch):
    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("the mail server went away")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)


def test_a_failed_email_saves_no_email_invitation_and_offers_a_link_instead(
    facilitator_client, project, broken_mail
):
    response = facilitator_client.post(
        url("invitations:invitation_email", project), {"email": "new@example.org"}, follow=True
    )

    assert response.status_code == 200
    assert not Invitation.objects.filter(email="new@example.org").exists()
    link = Invitation.objects.get()
    assert link.max_uses == 1 and link.is_active
    address = f"{settings.SITE_URL}/join/{link.token}/"
    assert (
        "We couldn't send the email to new@example.org, so no invitation went out. Here is "
        f"a link for one person to send them yourself instead: {address}"
    ) in plain(response)
    # The link is also in the list, ready to copy.
    assert f'value="{address}"' in response.content.decode()


# -- joining twice at once -------------------------------------------------------


def test_joining_again_through_the_service_returns_the_membership(invitation, outsider):
    first, created = services.invitation_accept(invitation=invitation, user=outsider)
    again, created_again = services.invitation_accept(invitation=invitation, user=outsider)
    assert created and not created_again
    assert first == again
    invitation.refresh_from_db()
    assert invitation.uses == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_joins_at_the_same_moment_make_one_membership(project, facilitator, outsider):
    """A double click on "Join": both requests find no membership yet and queue on the
    invitation's lock. The second used to break the unique constraint (a 500)."""
    invitation = Invitation.objects.create(
        project=project, created_by=facilitator, expires_at=Invitation.default_expiry()
    )
    results, errors = [], []

    def join():
        try:
            results.append(services.invitation_accept(invitation=invitation, user=outsider))
        except Exception as error:  # noqa: BLE001 - the test reports whatever went wrong
            errors.append(error)
        finally:
            connection.close()

    # Hold the invitation's lock so both requests get past the first look before either
    # creates the membership.
    with transaction.atomic():
        Invitation.objects.select_for_update().get(pk=invitation.pk)
        threads = [threading.Thread(target=join) for _ in range(2)]
        for thread in threads:
            thread.start()
        time.sleep(0.5)
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(created for _membership, created in results) == [False, True]
    assert Membership.objects.filter(project=project, user=outsider).count() == 1
    invitation.refresh_from_db()
    assert invitation.uses == 1
