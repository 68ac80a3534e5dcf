"""Projects: creating one, editing its aims together, inviting people, members,
ground rules, the project home, "Your projects" and settings.

Each view's tests cover: sign-in required, wrong method, outsider 404, role too
low 403, and bad input getting a message beside the field while nothing is
saved. Who may open which URL at all is in tests/test_permissions.py.
"""

import re
from datetime import timedelta
from html import unescape
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from projects.models import (
    Activity,
    Agreement,
    GroundRule,
    GroundRuleRevision,
    Invitation,
    Membership,
    Project,
    ProjectRevision,
)
from projects.services import ground_rule_add, project_update_description

from .conftest import PASSWORD, add_member, count_queries, make_project, make_user

PROBLEM = "There is a problem"
SCRIPT = '<script>alert("boo")</script>'
ESCAPED_SCRIPT = "&lt;script&gt;alert(&quot;boo&quot;)&lt;/script&gt;"


# -- reading pages as a person would ----------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _TextOf(HTMLParser):
    """Collects the text inside the first element with a given id."""

    def __init__(self, element_id: str):
        super().__init__()
        self.element_id = element_id
        self.depth = 0
        self.found = False
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            if tag not in VOID:
                self.depth += 1
        elif not self.found and dict(attrs).get("id") == self.element_id:
            self.found = True
            self.depth = 0 if tag in VOID else 1

    def handle_endtag(self, tag):
        if self.depth and tag not in VOID:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def text_of(response, element_id: str) -> str | None:
    """The visible text of the element with this id, or None if there is none."""
    parser = _TextOf(element_id)
    parser.feed(response.content.decode())
    if not parser.found:
        return None
    return " ".join(" ".join(parser.parts).split())


def plain(response) -> str:
    """The page as text, tags removed and whitespace squeezed, entities decoded."""
    parser = _TextOf("__whole__")
    parser.found = True
    parser.depth = 1
    parser.feed(response.content.decode())
    return " ".join(" ".join(parser.parts).split())


def assert_field_error(response, field_id: str, message: str) -> None:
    """The message is beside the field (its error element) and in the summary at the top."""
    html = response.content.decode()
    assert PROBLEM in html, "no error summary at the top of the page"
    beside = text_of(response, f"{field_id}-error")
    assert beside is not None, f"no error message beside #{field_id}"
    assert message in beside, f"{message!r} not beside #{field_id}: {beside!r}"
    assert f'href="#{field_id}"' in html, "the error summary does not link to the field"


def activity_lines(response) -> list[str]:
    """The sentences in the home page's "Recent activity" list."""
    html = response.content.decode()
    start = html.index('id="activity-heading"')
    section = html[start : html.index("</section>", start)]
    items = re.findall(r"<li[^>]*>(.*?)</li>", section, flags=re.S)
    return [" ".join(unescape(re.sub(r"<[^>]+>", " ", item)).split()) for item in items]


def url(name: str, *args) -> str:
    return reverse(f"projects:{name}", args=args)


def sign_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def assert_needs_sign_in(response, path: str) -> None:
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == reverse("account_login")
    assert parse_qs(location.query)["next"] == [path]


# -- creating a project ------------------------------------------------------


def test_creating_a_project_needs_sign_in(client, db):
    assert_needs_sign_in(client.get(url("create")), url("create"))
    response = client.post(url("create"), {"name": "Sneaky"})
    assert_needs_sign_in(response, url("create"))
    assert not Project.objects.exists()


def test_create_refuses_other_methods(outsider_client):
    assert outsider_client.delete(url("create")).status_code == 405
    assert outsider_client.put(url("create")).status_code == 405


def test_only_a_name_is_needed_and_the_creator_becomes_facilitator(outsider_client, outsider):
    page = outsider_client.get(url("create"))
    assert page.status_code == 200
    assert "Only the name is needed now" in plain(page)

    response = outsider_client.post(url("create"), {"name": "  Better drop-in  "}, follow=True)

    project = Project.objects.get()
    assert project.name == "Better drop-in"
    assert response.redirect_chain[-1][0] == url("home", project.pk)
    assert "You are its facilitator" in plain(response)
    membership = Membership.objects.get(project=project)
    assert membership.user == outsider
    assert membership.is_facilitator
    assert "Otto Outsider created the project" in " ".join(activity_lines(response))


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Enter a name for the project."),
        ("   \t ", "Enter a name for the project."),
        ("x" * 121, "The name must be 120 characters or fewer."),
    ],
    ids=["empty", "whitespace", "too-long"],
)
def test_create_refuses_a_bad_name_and_saves_nothing(outsider_client, name, message):
    response = outsider_client.post(url("create"), {"name": name, "purpose": "Kept for retry"})
    assert response.status_code == 400
    assert_field_error(response, "id_name", message)
    # What the person wrote elsewhere is still in the form.
    assert "Kept for retry" in response.content.decode()
    assert not Project.objects.exists()
    assert not Membership.objects.exists()


def test_a_name_of_exactly_120_characters_is_fine(outsider_client):
    outsider_client.post(url("create"), {"name": "x" * 120})
    assert Project.objects.get().name == "x" * 120


def test_create_refuses_an_overlong_aim(outsider_client):
    response = outsider_client.post(url("create"), {"name": "Ok", "purpose": "a" * 5001})
    assert response.status_code == 400
    assert_field_error(response, "id_purpose", "5000 characters at most")
    assert not Project.objects.exists()


def test_html_in_any_field_is_shown_escaped(outsider_client):
    fields = {
        "name": SCRIPT,
        "purpose": SCRIPT,
        "out_of_scope": SCRIPT,
        "outcomes": SCRIPT,
        "decisions": SCRIPT,
        "tracking": SCRIPT,
    }
    response = outsider_client.post(url("create"), fields, follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in html
    # The name (heading and nav) and the five aims, each shown as written.
    assert html.count(ESCAPED_SCRIPT) >= 6
    listing = outsider_client.get(url("list")).content.decode()
    assert "<script>alert" not in listing
    assert ESCAPED_SCRIPT in listing


# -- editing the aims, with history -----------------------------------------


def edit_data(project: Project, version: int | None = None, **changes) -> dict:
    data = {
        "name": project.name,
        "purpose": project.purpose,
        "out_of_scope": project.out_of_scope,
        "outcomes": project.outcomes,
        "decisions": project.decisions,
        "tracking": project.tracking,
        "version": project.version if version is None else version,
    }
    data.update(changes)
    return data


def test_editing_needs_sign_in_and_membership(client, outsider_client, project):
    path = url("edit", project.pk)
    assert_needs_sign_in(client.get(path), path)
    assert outsider_client.get(path).status_code == 404
    assert outsider_client.post(path, edit_data(project, purpose="Mine")).status_code == 404
    assert client.delete(path).status_code == 302
    project.refresh_from_db()
    assert project.purpose == ""
    assert project.version == 1


def test_edit_refuses_other_methods(co_producer_client, project):
    assert co_producer_client.delete(url("edit", project.pk)).status_code == 405
    assert co_producer_client.post(url("history", project.pk)).status_code == 405


def test_any_member_can_change_the_aims_and_every_wording_is_kept(
    co_producer_client, facilitator_client, project
):
    co_producer_client.post(
        url("edit", project.pk), edit_data(project, purpose="Make the drop-in welcoming.")
    )
    project.refresh_from_db()
    assert project.purpose == "Make the drop-in welcoming."
    facilitator_client.post(
        url("edit", project.pk), edit_data(project, purpose="Make the drop-in feel like ours.")
    )
    project.refresh_from_db()
    assert project.purpose == "Make the drop-in feel like ours."
    assert project.version == 3
    assert ProjectRevision.objects.filter(project=project).count() == 3

    history = co_producer_client.get(url("history", project.pk))
    text = plain(history)
    assert history.status_code == 200
    assert "Make the drop-in welcoming." in text
    assert "Make the drop-in feel like ours." in text
    assert "Written by Cora Coproducer" in text
    assert "Written by Fran Facilitator" in text
    # Newest first: the current wording comes before the earlier one.
    assert text.index("feel like ours") < text.index("welcoming")

    home = co_producer_client.get(url("home", project.pk))
    assert "Cora Coproducer changed the project's aims" in " ".join(activity_lines(home))


def test_a_bad_edit_gets_a_message_and_saves_nothing(co_producer_client, project):
    response = co_producer_client.post(
        url("edit", project.pk), edit_data(project, name="  ", purpose="New words")
    )
    assert response.status_code == 400
    assert_field_error(response, "id_name", "Enter a name for the project.")
    project.refresh_from_db()
    assert project.name == "Better drop-in"
    assert project.purpose == ""
    assert project.version == 1
    assert ProjectRevision.objects.filter(project=project).count() == 1


def test_a_rejected_edit_does_not_show_its_unsaved_name_as_the_projects(
    co_producer_client, project
):
    response = co_producer_client.post(
        url("edit", project.pk), edit_data(project, name="Renamed", purpose="p" * 5001)
    )
    assert response.status_code == 400
    # The project's navigation still gives the saved name; the new one is only in the form.
    nav = text_of(response, "main").split("Project home")[0]
    assert "Better drop-in" in nav
    assert "Renamed" not in nav
    assert response.context["form"]["name"].value() == "Renamed"
    project.refresh_from_db()
    assert project.name == "Better drop-in"


def test_html_in_the_aims_is_escaped_on_the_history_page(co_producer_client, project):
    co_producer_client.post(url("edit", project.pk), edit_data(project, decisions=SCRIPT))
    html = co_producer_client.get(url("history", project.pk)).content.decode()
    assert "<script>alert" not in html
    assert ESCAPED_SCRIPT in html


def test_a_stale_edit_does_not_overwrite_the_newer_wording(
    co_producer_client, facilitator_client, project
):
    # Both open the form on the same version.
    form_version = co_producer_client.get(url("edit", project.pk)).context["form"]["version"]
    assert form_version.value() == 1
    facilitator_client.post(
        url("edit", project.pk), edit_data(project, version=1, outcomes="Fran's outcomes")
    )

    response = co_producer_client.post(
        url("edit", project.pk), edit_data(project, version=1, outcomes="Cora's outcomes")
    )

    assert response.status_code == 409
    text = plain(response)
    assert "Someone else changed this while you were writing" in text
    # Both wordings are on the page: the newer one in the message, hers in the form.
    assert "Fran's outcomes" in text
    form = response.context["form"]
    assert form["outcomes"].value() == "Cora's outcomes"
    assert "Cora&#x27;s outcomes</textarea>" in response.content.decode()
    project.refresh_from_db()
    assert project.outcomes == "Fran's outcomes"
    assert ProjectRevision.objects.filter(project=project).count() == 2

    # Having seen both, she saves again and her words are kept as a new version.
    again = co_producer_client.post(url("edit", project.pk), form.data)
    assert again.status_code == 302
    project.refresh_from_db()
    assert project.outcomes == "Cora's outcomes"
    assert project.version == 3


# -- invitations ---------------------------------------------------------------


def test_invitations_need_sign_in_membership_and_the_facilitator_role(
    client, outsider_client, co_producer_client, project
):
    path = url("invitations", project.pk)
    assert_needs_sign_in(client.post(path, {"days": "14"}), path)
    assert outsider_client.post(path, {"days": "14"}).status_code == 404
    refused = co_producer_client.post(path, {"days": "14"})
    assert refused.status_code == 403
    assert "Only the project's facilitators can do this." in plain(refused)
    assert (
        co_producer_client.post(
            url("invitation_email", project.pk), {"email": "new@example.org"}
        ).status_code
        == 403
    )
    assert not Invitation.objects.exists()
    assert not mail.outbox


def test_invitations_refuse_other_methods(facilitator_client, project):
    assert facilitator_client.delete(url("invitations", project.pk)).status_code == 405
    assert facilitator_client.get(url("invitation_email", project.pk)).status_code == 405


def test_a_new_link_is_unguessable_and_works_for_14_days_by_default(facilitator_client, project):
    page = facilitator_client.get(url("invitations", project.pk))
    assert page.context["form"]["days"].value() == 14

    response = facilitator_client.post(
        url("invitations", project.pk), {"days": "14", "max_uses": ""}, follow=True
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
    link = f"http://testserver/join/{invitation.token}/"
    assert f'value="{link}"' in response.content.decode()
    assert link in plain(response)
    assert "Copy the link" in plain(response)


def test_the_numbers_are_typed_into_plain_boxes_that_bring_up_a_keypad(facilitator_client, project):
    page = facilitator_client.get(url("invitations", project.pk)).content.decode()
    for name in ("days", "max_uses"):
        box = re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group(0)
        assert 'type="text"' in box and 'inputmode="numeric"' in box, box
    # Spaces typed around the number don't matter.
    facilitator_client.post(url("invitations", project.pk), {"days": " 7 ", "max_uses": " 3 "})
    invitation = Invitation.objects.get()
    assert invitation.max_uses == 3
    assert abs(invitation.expires_at - (timezone.now() + timedelta(days=7))) < timedelta(minutes=1)


def test_each_link_has_its_own_token(facilitator_client, project):
    for _ in range(3):
        facilitator_client.post(url("invitations", project.pk), {"days": "14"})
    tokens = set(Invitation.objects.values_list("token", flat=True))
    assert len(tokens) == 3


def test_the_facilitator_chooses_the_days_and_a_limit_on_uses(facilitator_client, project):
    facilitator_client.post(url("invitations", project.pk), {"days": "3", "max_uses": "2"})
    invitation = Invitation.objects.get()
    expected = timezone.now() + timedelta(days=3)
    assert abs(invitation.expires_at - expected) < timedelta(minutes=1)
    assert invitation.max_uses == 2

    for name in ["Ada", "Bea"]:
        sign_in(make_user(name)).post(url("join", invitation.token))
    invitation.refresh_from_db()
    assert invitation.uses == 2
    assert invitation.status == Invitation.Status.USED_UP
    page = facilitator_client.get(url("invitations", project.pk))
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
    response = facilitator_client.post(url("invitations", project.pk), data)
    assert response.status_code == 400
    assert_field_error(response, field_id, message)
    assert not Invitation.objects.exists()


def test_a_link_can_be_stopped_and_then_says_so(facilitator_client, project, outsider):
    facilitator_client.post(url("invitations", project.pk), {"days": "14"})
    invitation = Invitation.objects.get()

    response = facilitator_client.post(
        url("invitation_revoke", project.pk, invitation.pk), follow=True
    )

    assert "That invitation has been stopped" in plain(response)
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.REVOKED
    assert "Stopped." in plain(response)
    closed = sign_in(outsider).post(url("join", invitation.token))
    assert closed.status_code == 410
    assert not Membership.objects.filter(user=outsider).exists()


def test_stopping_a_link_needs_the_facilitator_role(co_producer_client, project, facilitator):
    invitation = Invitation.objects.create(
        project=project, created_by=facilitator, expires_at=Invitation.default_expiry()
    )
    response = co_producer_client.post(url("invitation_revoke", project.pk, invitation.pk))
    assert response.status_code == 403
    invitation.refresh_from_db()
    assert invitation.is_active


def test_an_email_invitation_sends_one_friendly_message(facilitator_client, project):
    response = facilitator_client.post(
        url("invitation_email", project.pk), {"email": "newcomer@example.org"}, follow=True
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
    assert f"http://testserver/join/{invitation.token}/" in message.body
    assert "Fran Facilitator would like you to join" in message.body
    assert '"Better drop-in"' in message.body
    assert "14 days" in message.body
    # Plain words: none of the jargon the app avoids.
    for word in ["stakeholder", "user", "token"]:
        assert word not in message.body.lower()


def test_an_email_invitation_keeps_the_project_name_as_written(facilitator, co_producer):
    project = make_project(facilitator, name="Tea & talk <Thursdays>")
    sign_in(facilitator).post(url("invitation_email", project.pk), {"email": "a@example.org"})
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
    response = facilitator_client.post(url("invitation_email", project.pk), {"email": email})
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
    response = client.get(url("join", invitation.token))
    assert response.status_code == 200
    text = plain(response)
    assert "Join Better drop-in" in text
    assert "Fran Facilitator has invited you" in text
    assert "Create an account" in text
    assert "I already have an account" in text


def test_signing_up_through_a_link_lands_in_the_project_without_asking_twice(
    client, invitation, project
):
    join = url("join", invitation.token)
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

    assert response.redirect_chain[-1][0] == url("home", project.pk)
    assert response.status_code == 200
    assert "Welcome! You have joined Better drop-in." in plain(response)
    nia = User.objects.get(email="nia@example.org")
    membership = Membership.objects.get(project=project, user=nia)
    assert membership.role == Membership.Role.CO_PRODUCER
    invitation.refresh_from_db()
    assert invitation.uses == 1
    assert "Nia Newcomer joined the project" in " ".join(activity_lines(response))


def test_signing_in_through_a_link_lands_in_the_project(client, invitation, project, outsider):
    join = url("join", invitation.token)
    response = client.post(join, {"have_account": "1"})
    location = urlsplit(response["Location"])
    assert location.path == reverse("account_login")

    response = client.post(
        f"{reverse('account_login')}?{location.query}",
        {"login": outsider.email, "password": PASSWORD},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == url("home", project.pk)
    assert Membership.objects.filter(project=project, user=outsider).exists()
    invitation.refresh_from_db()
    assert invitation.uses == 1


def test_a_signed_in_person_joins_with_one_button(outsider_client, outsider, invitation, project):
    page = outsider_client.get(url("join", invitation.token))
    assert page.status_code == 200
    assert "Join the project" in plain(page)
    assert not Membership.objects.filter(user=outsider).exists()

    response = outsider_client.post(url("join", invitation.token))

    assert response["Location"] == url("home", project.pk)
    assert Membership.objects.get(project=project, user=outsider).role == "co_producer"


def test_a_member_opening_the_link_just_opens_the_project(co_producer_client, invitation, project):
    for response in [
        co_producer_client.get(url("join", invitation.token)),
        co_producer_client.post(url("join", invitation.token)),
    ]:
        assert response.status_code == 302
        assert response["Location"] == url("home", project.pk)
    invitation.refresh_from_db()
    assert invitation.uses == 0


def test_a_member_opening_a_stopped_link_still_gets_the_project(
    co_producer_client, invitation, project
):
    invitation.revoke()
    response = co_producer_client.get(url("join", invitation.token))
    assert response["Location"] == url("home", project.pk)


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
        client.get(url("join", invitation.token)),
        client.post(url("join", invitation.token)),
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
        response = c.get(url("join", invitation.token[:-3]))
        assert response.status_code == 404
        text = plain(response)
        assert "We could not find this invitation" in text
        assert "ask the person who sent it for a new one" in text


def test_join_refuses_other_methods(client, invitation):
    assert client.delete(url("join", invitation.token)).status_code == 405


# -- members and roles -------------------------------------------------------


def test_the_members_page_shows_names_and_roles_but_no_email_addresses(
    co_producer_client, facilitator_client, project
):
    for client in [co_producer_client, facilitator_client]:
        response = client.get(url("members", project.pk))
        assert response.status_code == 200
        text = plain(response)
        assert "Fran Facilitator" in text
        assert "Cora Coproducer" in text
        assert "Facilitator" in text
        assert "Co-producer" in text
        html = response.content.decode()
        for email in ["fran@example.org", "cora@example.org"]:
            assert email not in html


def test_there_is_no_job_title_anywhere(co_producer_client, project):
    # Everyone is equal: a member is their name, nothing more.
    field_names = {field.name for field in User._meta.get_fields()}
    assert not {"title", "job_title", "position", "organisation", "organization"} & field_names
    html = co_producer_client.get(url("members", project.pk)).content.decode().lower()
    assert "job title" not in html


def test_co_producers_see_no_role_controls(co_producer_client, project):
    response = co_producer_client.get(url("members", project.pk))
    text = plain(response)
    assert "Change role" not in text
    assert "Remove" not in text
    assert "/role/" not in response.content.decode()
    assert "Leave this project" in text


def test_a_facilitator_makes_someone_a_facilitator_and_can_then_step_down(
    facilitator_client, project, facilitator, co_producer
):
    cora = Membership.objects.get(project=project, user=co_producer)
    response = facilitator_client.post(
        url("member_role", project.pk, cora.pk), {"role": "facilitator"}, follow=True
    )
    assert "Cora Coproducer is now a facilitator." in plain(response)
    cora.refresh_from_db()
    assert cora.is_facilitator

    fran = Membership.objects.get(project=project, user=facilitator)
    facilitator_client.post(url("member_role", project.pk, fran.pk), {"role": "co_producer"})
    fran.refresh_from_db()
    assert fran.role == Membership.Role.CO_PRODUCER
    # Now a co-producer, Fran can no longer change roles.
    refused = facilitator_client.post(
        url("member_role", project.pk, cora.pk), {"role": "co_producer"}
    )
    assert refused.status_code == 403


def test_the_last_facilitator_cannot_step_down(facilitator_client, project, facilitator):
    fran = Membership.objects.get(project=project, user=facilitator)
    response = facilitator_client.post(
        url("member_role", project.pk, fran.pk), {"role": "co_producer"}, follow=True
    )
    assert "A project needs at least one facilitator" in plain(response)
    fran.refresh_from_db()
    assert fran.is_facilitator


def test_a_made_up_role_gets_a_message_and_changes_nothing(
    facilitator_client, project, co_producer
):
    cora = Membership.objects.get(project=project, user=co_producer)
    response = facilitator_client.post(
        url("member_role", project.pk, cora.pk), {"role": "owner"}, follow=True
    )
    assert "Choose facilitator or co-producer." in plain(response)
    cora.refresh_from_db()
    assert cora.role == Membership.Role.CO_PRODUCER


def test_a_co_producer_cannot_change_roles_or_remove_people(
    co_producer_client, project, facilitator, co_producer
):
    fran = Membership.objects.get(project=project, user=facilitator)
    assert (
        co_producer_client.post(
            url("member_role", project.pk, fran.pk), {"role": "co_producer"}
        ).status_code
        == 403
    )
    cora = Membership.objects.get(project=project, user=co_producer)
    assert (
        co_producer_client.post(
            url("member_role", project.pk, cora.pk), {"role": "facilitator"}
        ).status_code
        == 403
    )
    assert co_producer_client.post(url("member_remove", project.pk, fran.pk)).status_code == 403
    fran.refresh_from_db()
    cora.refresh_from_db()
    assert fran.is_facilitator
    assert not cora.is_facilitator


def test_the_last_facilitator_cannot_leave(facilitator_client, project, facilitator):
    response = facilitator_client.post(url("leave", project.pk))
    assert response.status_code == 400
    text = plain(response)
    assert PROBLEM in text
    assert "You are the only facilitator" in text
    assert Membership.objects.filter(project=project, user=facilitator).exists()


def test_a_co_producer_can_leave_and_what_they_added_stays(
    co_producer_client, facilitator_client, project, co_producer
):
    ground_rule_add(project=project, author=co_producer, text="Phones on silent.")
    page = co_producer_client.get(url("leave", project.pk))
    assert "Everything you added stays" in plain(page)

    response = co_producer_client.post(url("leave", project.pk), follow=True)

    assert response.redirect_chain[-1][0] == url("list")
    assert "You have left Better drop-in" in plain(response)
    assert not Membership.objects.filter(project=project, user=co_producer).exists()
    assert co_producer_client.get(url("home", project.pk)).status_code == 404
    lines = " ".join(activity_lines(facilitator_client.get(url("home", project.pk))))
    assert "Cora Coproducer left the project" in lines
    assert "Cora Coproducer added a ground rule" in lines
    assert GroundRule.objects.filter(project=project, text="Phones on silent.").exists()


def test_a_facilitator_removes_a_member_whose_words_stay_under_their_name(
    facilitator_client, project, co_producer
):
    ground_rule_add(project=project, author=co_producer, text="Phones on silent.")
    cora = Membership.objects.get(project=project, user=co_producer)
    confirm = facilitator_client.get(url("member_remove", project.pk, cora.pk))
    assert "Remove Cora Coproducer from the project?" in plain(confirm)
    assert Membership.objects.filter(pk=cora.pk).exists()

    response = facilitator_client.post(url("member_remove", project.pk, cora.pk), follow=True)

    assert "Cora Coproducer has been removed from the project" in plain(response)
    assert not Membership.objects.filter(pk=cora.pk).exists()
    assert "Cora Coproducer" not in text_of(response, "main").split("removed")[-1]
    lines = " ".join(activity_lines(facilitator_client.get(url("home", project.pk))))
    assert "Cora Coproducer added a ground rule" in lines
    assert "Fran Facilitator removed a member" in lines


def test_removing_yourself_goes_to_the_leave_page(facilitator_client, project, facilitator):
    fran = Membership.objects.get(project=project, user=facilitator)
    response = facilitator_client.post(url("member_remove", project.pk, fran.pk))
    assert response["Location"] == url("leave", project.pk)
    assert Membership.objects.filter(pk=fran.pk).exists()


def test_member_views_refuse_other_methods(facilitator_client, project, co_producer):
    cora = Membership.objects.get(project=project, user=co_producer)
    assert facilitator_client.post(url("members", project.pk)).status_code == 405
    assert facilitator_client.get(url("member_role", project.pk, cora.pk)).status_code == 405
    assert facilitator_client.delete(url("member_remove", project.pk, cora.pk)).status_code == 405
    assert facilitator_client.delete(url("leave", project.pk)).status_code == 405


# -- ground rules ------------------------------------------------------------


def test_ground_rules_need_sign_in_and_membership(client, outsider_client, project):
    path = url("rules", project.pk)
    assert_needs_sign_in(client.post(path, {"text": "Sneaky"}), path)
    assert outsider_client.get(path).status_code == 404
    assert outsider_client.post(path, {"text": "Sneaky"}).status_code == 404
    assert not GroundRule.objects.exists()


def test_any_member_adds_a_ground_rule(co_producer_client, project):
    response = co_producer_client.post(
        url("rules", project.pk), {"text": "  We listen without interrupting.  "}, follow=True
    )
    assert "Your ground rule has been added." in plain(response)
    rule = GroundRule.objects.get()
    assert rule.text == "We listen without interrupting."
    assert "We listen without interrupting." in text_of(response, f"rule-{rule.pk}")
    assert "Nobody has agreed yet." in text_of(response, f"rule-{rule.pk}")
    home = co_producer_client.get(url("home", project.pk))
    assert "Cora Coproducer added a ground rule" in " ".join(activity_lines(home))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Write the ground rule before adding it."),
        ("   \n  ", "Write the ground rule before adding it."),
        ("x" * 501, "A ground rule can be 500 characters at most."),
    ],
    ids=["empty", "whitespace", "too-long"],
)
def test_a_bad_ground_rule_gets_a_message_and_saves_nothing(
    co_producer_client, project, text, message
):
    response = co_producer_client.post(url("rules", project.pk), {"text": text})
    assert response.status_code == 400
    assert_field_error(response, "id_text", message)
    assert not GroundRule.objects.exists()
    assert not Activity.objects.filter(kind=Activity.Kind.RULE_ADDED).exists()


def test_a_ground_rule_with_html_is_shown_escaped(co_producer_client, project):
    co_producer_client.post(url("rules", project.pk), {"text": SCRIPT})
    for page in ["rules", "home"]:
        html = co_producer_client.get(url(page, project.pk)).content.decode()
        assert "<script>alert" not in html
        assert ESCAPED_SCRIPT in html


@pytest.fixture
def rule(project, facilitator) -> GroundRule:
    return ground_rule_add(project=project, author=facilitator, text="We start on time.")


def test_members_agree_take_it_back_and_the_list_shows_who_agreed(
    co_producer_client, facilitator_client, project, rule
):
    agree = url("rule_agree", project.pk, rule.pk)
    co_producer_client.post(agree, {"agree": "yes"})
    response = facilitator_client.post(agree, {"agree": "yes"}, follow=True)

    assert response.redirect_chain[-1][0].endswith(f"#rule-{rule.pk}")
    shown = text_of(response, f"rule-{rule.pk}")
    assert "Agreed by: Cora Coproducer, Fran Facilitator" in shown
    assert "Take back my agreement" in shown

    co_producer_client.post(agree, {"agree": "no"})
    shown = text_of(co_producer_client.get(url("rules", project.pk)), f"rule-{rule.pk}")
    assert "Agreed by: Fran Facilitator" in shown
    assert "Cora" not in shown.split("I agree")[0]
    assert "I agree" in shown
    assert list(Agreement.objects.values_list("user__name", flat=True)) == ["Fran Facilitator"]


def test_agreeing_twice_counts_once(co_producer_client, project, rule):
    for _ in range(2):
        co_producer_client.post(url("rule_agree", project.pk, rule.pk), {"agree": "yes"})
    assert Agreement.objects.filter(rule=rule).count() == 1
    assert Activity.objects.filter(kind=Activity.Kind.RULE_AGREED).count() == 1


def test_agreeing_needs_membership(outsider_client, project, rule):
    response = outsider_client.post(url("rule_agree", project.pk, rule.pk), {"agree": "yes"})
    assert response.status_code == 404
    assert not Agreement.objects.exists()


def test_changing_a_ground_rule_keeps_its_earlier_wording(
    co_producer_client, facilitator_client, project, rule
):
    form = co_producer_client.get(url("rule_edit", project.pk, rule.pk))
    assert form.context["form"]["text"].value() == "We start on time."
    co_producer_client.post(
        url("rule_edit", project.pk, rule.pk), {"text": "We start and end on time.", "version": 1}
    )
    rule.refresh_from_db()
    assert rule.text == "We start and end on time."
    assert rule.version == 2

    history = facilitator_client.get(url("rule_history", project.pk, rule.pk))
    text = plain(history)
    assert "We start on time." in text
    assert "We start and end on time." in text
    assert "Written by Fran Facilitator" in text
    assert "Written by Cora Coproducer" in text
    rules = plain(facilitator_client.get(url("rules", project.pk)))
    assert "Earlier wording" in rules


def test_a_bad_change_to_a_rule_gets_a_message_and_saves_nothing(co_producer_client, project, rule):
    response = co_producer_client.post(
        url("rule_edit", project.pk, rule.pk), {"text": " ", "version": 1}
    )
    assert response.status_code == 400
    assert_field_error(response, "id_text", "Write the ground rule before adding it.")
    rule.refresh_from_db()
    assert rule.text == "We start on time."
    assert GroundRuleRevision.objects.filter(rule=rule).count() == 1


def test_a_stale_change_to_a_rule_does_not_overwrite(
    co_producer_client, facilitator_client, project, rule
):
    path = url("rule_edit", project.pk, rule.pk)
    facilitator_client.post(path, {"text": "Fran's wording.", "version": 1})

    response = co_producer_client.post(path, {"text": "Cora's wording.", "version": 1})

    assert response.status_code == 409
    text = plain(response)
    assert "Someone else changed this while you were writing" in text
    assert "Fran's wording." in text
    assert response.context["form"]["text"].value() == "Cora's wording."
    assert "Cora&#x27;s wording.</textarea>" in response.content.decode()
    rule.refresh_from_db()
    assert rule.text == "Fran's wording."
    assert GroundRuleRevision.objects.filter(rule=rule).count() == 2


def test_rule_views_refuse_other_methods(co_producer_client, project, rule):
    assert co_producer_client.get(url("rule_agree", project.pk, rule.pk)).status_code == 405
    assert co_producer_client.delete(url("rule_edit", project.pk, rule.pk)).status_code == 405
    assert co_producer_client.post(url("rule_history", project.pk, rule.pk)).status_code == 405
    assert co_producer_client.delete(url("rules", project.pk)).status_code == 405


def test_htmx_adding_a_rule_returns_just_the_rules_section(co_producer_client, project):
    response = co_producer_client.post(
        url("rules", project.pk), {"text": "Be kind."}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'id="rules-section"' in html
    assert "Be kind." in html
    assert GroundRule.objects.filter(text="Be kind.").exists()


def test_htmx_adding_a_bad_rule_shows_the_message_in_the_fragment(co_producer_client, project):
    response = co_producer_client.post(
        url("rules", project.pk), {"text": ""}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    # htmx swaps only 2xx responses, so the errors come back as a 200 fragment.
    assert response.status_code == 200
    assert "<html" not in html
    assert_field_error(response, "id_text", "Write the ground rule before adding it.")
    assert not GroundRule.objects.exists()


def test_htmx_agreeing_returns_just_that_rule(co_producer_client, project, rule):
    response = co_producer_client.post(
        url("rule_agree", project.pk, rule.pk), {"agree": "yes"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert f'id="rule-{rule.pk}"' in html
    assert "Agreed by: Cora Coproducer" in text_of(response, f"rule-{rule.pk}")
    assert "Take back my agreement" in html


# -- the project home ----------------------------------------------------------


def test_the_home_page_shows_aims_stages_members_rules_and_activity(
    co_producer_client, project, facilitator, co_producer
):
    project_update_description(
        project=project,
        editor=facilitator,
        base_version=1,
        name=project.name,
        purpose="A drop-in people want to come back to.",
        out_of_scope="The building's opening hours.",
        outcomes="",
        decisions="",
        tracking="",
    )
    ground_rule_add(project=project, author=co_producer, text="We listen to each other.")

    response = co_producer_client.get(url("home", project.pk))

    assert response.status_code == 200
    text = plain(response)
    assert "A drop-in people want to come back to." in text
    assert "The building's opening hours." in text
    assert "Not written yet." in text
    for stage in ["Planning", "Process", "Completing, sharing, celebrating", "Review"]:
        assert stage in text
    assert "Fran Facilitator" in text and "Cora Coproducer" in text
    assert "We listen to each other." in text
    lines = activity_lines(response)
    assert any(line.startswith("Cora Coproducer added a ground rule") for line in lines)
    assert any(line.startswith("Fran Facilitator changed the project's aims") for line in lines)
    assert any(line.startswith("Fran Facilitator created the project") for line in lines)


def test_home_marks_what_is_new_since_your_last_visit(
    co_producer_client, facilitator_client, project
):
    co_producer_client.get(url("home", project.pk))
    facilitator_client.post(url("rules", project.pk), {"text": "Tea first."})

    lines = activity_lines(co_producer_client.get(url("home", project.pk)))

    new = [line for line in lines if line.startswith("New ")]
    assert len(new) == 1
    assert new[0].startswith("New Fran Facilitator added a ground rule")
    assert any(line.startswith("Fran Facilitator created the project") for line in lines)

    # Having seen it, it is no longer new.
    lines = activity_lines(co_producer_client.get(url("home", project.pk)))
    assert not [line for line in lines if line.startswith("New ")]


def test_your_own_actions_are_not_marked_new(co_producer_client, project):
    co_producer_client.get(url("home", project.pk))
    co_producer_client.post(url("rules", project.pk), {"text": "Tea first."})
    lines = activity_lines(co_producer_client.get(url("home", project.pk)))
    assert not [line for line in lines if line.startswith("New ")]


def test_home_needs_sign_in_and_membership(client, outsider_client, project):
    path = url("home", project.pk)
    assert_needs_sign_in(client.get(path), path)
    assert outsider_client.get(path).status_code == 404
    assert outsider_client.get(url("home", project.pk + 999)).status_code == 404


def test_facilitator_links_are_shown_only_to_facilitators(
    co_producer_client, facilitator_client, project
):
    assert "Invite people" not in plain(co_producer_client.get(url("home", project.pk)))
    assert "Invite people" in plain(facilitator_client.get(url("home", project.pk)))


# -- your projects -----------------------------------------------------------


def test_your_projects_needs_sign_in(client):
    assert_needs_sign_in(client.get(url("list")), url("list"))


def test_your_projects_lists_each_with_your_role_and_last_activity(co_producer_client, co_producer):
    other = make_project(co_producer, name="Carers' café")
    response = co_producer_client.get(url("list"))
    text = plain(response)
    assert "Better drop-in" in text
    assert "Carers' café" in text
    assert text.count("Last activity") == 2
    drop_in = text[text.index("Better drop-in") :]
    assert "Your role: Co-producer" in drop_in.split("Last activity")[0]
    cafe = text[text.index("Carers' café") :]
    assert "Your role: Facilitator" in cafe.split("Last activity")[0]
    assert f'href="{url("home", other.pk)}"' in response.content.decode()
    assert "Start a new project" in text


def test_your_projects_shows_only_your_own(outsider_client, project):
    text = plain(outsider_client.get(url("list")))
    assert "Better drop-in" not in text
    assert "You are not in any projects yet" in text
    assert "Start a new project" in text


def test_your_projects_puts_the_most_recent_first_and_archived_last(
    facilitator_client, facilitator, project
):
    older = make_project(facilitator, name="Older group")
    archived = make_project(facilitator, name="Finished group")
    Project.objects.filter(pk=older.pk).update(last_activity_at=timezone.now() - timedelta(days=30))
    Project.objects.filter(pk=project.pk).update(
        last_activity_at=timezone.now() - timedelta(days=1)
    )
    Project.objects.filter(pk=archived.pk).update(archived_at=timezone.now())

    text = plain(facilitator_client.get(url("list")))

    order = [text.index(name) for name in ["Better drop-in", "Older group", "Finished group"]]
    assert order == sorted(order)
    assert "Archived" in text[text.index("Finished group") :]


# -- settings ------------------------------------------------------------------


def test_settings_are_for_facilitators_only(client, outsider_client, co_producer_client, project):
    path = url("settings", project.pk)
    data = {"allow_anonymous": "on", "completed": "on", "archived": "on"}
    assert_needs_sign_in(client.post(path, data), path)
    assert outsider_client.post(path, data).status_code == 404
    refused = co_producer_client.post(path, data)
    assert refused.status_code == 403
    assert "Only the project's facilitators can do this." in plain(refused)
    assert co_producer_client.delete(path).status_code == 405
    project.refresh_from_db()
    assert not project.allow_anonymous
    assert not project.is_completed
    assert not project.is_archived


def test_anonymous_contributions_are_off_until_a_facilitator_allows_them(
    facilitator_client, project
):
    assert not project.allow_anonymous
    page = facilitator_client.get(url("settings", project.pk))
    assert not page.context["form"]["allow_anonymous"].value()

    facilitator_client.post(url("settings", project.pk), {"allow_anonymous": "on"})

    project.refresh_from_db()
    assert project.allow_anonymous
    assert not project.is_completed
    assert not project.is_archived


def test_a_facilitator_marks_the_project_completed_and_archived(
    facilitator_client, co_producer_client, project
):
    response = facilitator_client.post(
        url("settings", project.pk), {"completed": "on", "archived": "on"}, follow=True
    )
    assert "The project's settings have been saved." in plain(response)
    project.refresh_from_db()
    assert project.is_completed
    assert project.is_archived
    assert "This project is archived." in plain(co_producer_client.get(url("home", project.pk)))
    assert "Archived" in plain(co_producer_client.get(url("list")))

    # Unticking every box (the browser sends no fields at all) undoes all three.
    facilitator_client.post(url("settings", project.pk), {})
    project.refresh_from_db()
    assert not project.is_completed
    assert not project.is_archived
    assert not project.allow_anonymous


def test_completing_keeps_its_date_when_saved_again(facilitator_client, project):
    facilitator_client.post(url("settings", project.pk), {"completed": "on"})
    project.refresh_from_db()
    first = project.completed_at
    facilitator_client.post(
        url("settings", project.pk), {"completed": "on", "allow_anonymous": "on"}
    )
    project.refresh_from_db()
    assert project.completed_at == first
    assert "completed" in plain(facilitator_client.get(url("home", project.pk)))


# -- queries do not grow with the group ---------------------------------------


def grow(project: Project, size: int) -> None:
    """Give the project ``size`` members and ``size`` rules, each agreed by every member."""
    users = [make_user(f"Member {n}", f"member{n}.{project.pk}@example.org") for n in range(size)]
    for user in users:
        add_member(project, user)
    rules = [
        ground_rule_add(project=project, author=users[n], text=f"Rule {n}") for n in range(size)
    ]
    Agreement.objects.bulk_create(Agreement(rule=r, user=u) for r in rules for u in users)


def queries_for(client: Client, path: str) -> int:
    with count_queries() as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return len(ctx)


@pytest.mark.parametrize("page", ["home", "members", "rules"])
def test_the_number_of_queries_does_not_grow_with_the_group(facilitator, page):
    """A group of 30 costs no more queries than a group of 3.

    Groups differ a lot in size, and the pages people open most (home, members,
    rules) list every member, every rule and who agreed to each. A query per
    row (an N+1) would make a big group's pages slow on the old phones and slow
    connections the app has to work on, so the count must stay the same.
    """
    small = make_project(facilitator, name="Small group")
    big = make_project(facilitator, name="Big group")
    grow(small, 3)
    grow(big, 30)
    client = sign_in(facilitator)
    # Visit each once first, so "last seen" is set for both and the pages do the same work.
    client.get(url("home", small.pk))
    client.get(url("home", big.pk))

    few = queries_for(client, url(page, small.pk))
    many = queries_for(client, url(page, big.pk))

    assert few == many, f"{page}: {few} queries for 3 members and rules, {many} for 30"
    big_page = plain(client.get(url(page, big.pk)))
    assert "Member 29" in big_page


def test_the_revision_for_polls_costs_one_query_and_hides_projects_from_outsiders(
    rf, project, co_producer, outsider, django_assert_num_queries
):
    from django.http import Http404

    from projects.access import get_revision_for_user
    from projects.services import record_activity

    request = rf.get("/")
    request.user = co_producer
    with django_assert_num_queries(1):
        before = get_revision_for_user(request, project.pk)
    record_activity(project=project, actor=co_producer, kind="edited")
    assert get_revision_for_user(request, project.pk) == before + 1
    request.user = outsider
    with pytest.raises(Http404):
        get_revision_for_user(request, project.pk)


def test_recent_activity_says_just_now_and_then_how_long_ago(co_producer_client, project):
    from datetime import timedelta

    from django.utils import timezone

    from projects.models import Activity

    home = reverse("projects:home", args=[project.pk])
    page = co_producer_client.get(home).content.decode()
    assert "just now" in page and "0 minutes" not in page
    Activity.objects.filter(project=project).update(created_at=timezone.now() - timedelta(hours=3))
    page = co_producer_client.get(home).content.decode()
    assert "3\xa0hours ago" in page and "just now" not in page


def test_the_project_navigation_leads_to_the_stages(co_producer_client, project):
    page = co_producer_client.get(reverse("projects:members", args=[project.pk])).content.decode()
    stages = reverse("marks:stages_panel", args=[project.pk])
    assert f'<a href="{stages}">Stages and marks</a>' in page


def test_the_settings_page_leads_to_the_scoring_settings(facilitator_client, project):
    page = facilitator_client.get(reverse("projects:settings", args=[project.pk])).content.decode()
    assert f'href="{reverse("scoring:scoring_settings", args=[project.pk])}"' in page
