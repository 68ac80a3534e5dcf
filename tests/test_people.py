"""A person's own data: downloading all of it, and deleting the account."""

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.db import transaction
from django.test import Client
from django.urls import reverse

from accounts.models import User, UserSession
from checkins.models import CheckIn, CheckInAnswer, CheckInResponse
from lake import services as lake_services
from lake.models import PostIt
from marks.models import Action, Mark, Note, Score
from projects import people as projects_people
from projects.completing import services as completing
from projects.models import Activity, Membership, Project, Thanks, Update, UpdateDelivery
from projects.parts import Blocked
from sharing.people import services as people_services

from .factories import PASSWORD, make_project
from .pages import count_queries, plain

DATA_URL = reverse("people:data")
DELETE_URL = reverse("people:delete")
DELETED_URL = reverse("people:deleted")

pytestmark = pytest.mark.django_db


def a_mark(project: Project) -> Mark:
    return Mark.objects.filter(project=project).order_by("stage", "position", "pk").first()


def contribute(project: Project, user: User, n: int = 1, tag: str = "") -> None:
    """Give the person n of each kind of named contribution in the project."""
    mark = a_mark(project)
    for i in range(n):
        Note.objects.create(mark=mark, kind="ladder", text=f"{tag}note {i}", author=user)
        lake_services.postit_add(
            project=project, author=user, text=f"{tag}post-it {i}", place="planning", colour="pink"
        )
        round_ = mark.rounds.create(status="closed", agreed_value=5)
        Score.objects.create(round=round_, member=user, value=7)
        completing.thanks_add(
            project=project, sender=user, to_user=None, message=f"{tag}thanks {i}"
        )


def post_delete(client, **changes):
    data = {"words": "keep", "confirm_email": "cora@example.org"}
    data.update(changes)
    return client.post(DELETE_URL, data)


# -- who can reach the pages ----------------------------------------------------------


@pytest.mark.parametrize("url", [DATA_URL, DELETE_URL])
def test_signed_out_people_are_sent_to_sign_in(client, url):
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 302
        location = urlsplit(response["Location"])
        assert location.path == reverse("account_login")
        assert parse_qs(location.query)["next"] == [url]


def test_the_deleted_page_is_reachable_signed_out(client):
    response = client.get(DELETED_URL)
    assert response.status_code == 200
    assert "Your account has been deleted" in plain(response)


def test_deleting_refuses_a_post_without_the_csrf_token(co_producer, project):
    client = Client(enforce_csrf_checks=True)
    client.force_login(co_producer)

    response = client.post(DELETE_URL, {"words": "keep", "confirm_email": co_producer.email})

    assert response.status_code == 403
    co_producer.refresh_from_db()
    assert not co_producer.is_former_member
    assert Membership.objects.filter(user=co_producer).exists()


def test_the_download_answers_get_only(co_producer_client):
    assert co_producer_client.post(DATA_URL).status_code == 405


def test_the_profile_page_links_to_both(co_producer_client):
    text = co_producer_client.get(reverse("accounts:profile")).content.decode()
    assert DATA_URL in text and DELETE_URL in text
    assert "everything this app holds about you" in text


# -- downloading -----------------------------------------------------------------------


def test_the_download_holds_the_persons_notes_post_its_scores_and_thanks(
    project, co_producer, co_producer_client, facilitator
):
    contribute(project, co_producer, tag="mine ")
    completing.thanks_add(
        project=project, sender=facilitator, to_user=co_producer, message="Thanks for the tea."
    )
    # Someone else's words and an anonymous note must not be in it.
    contribute(project, facilitator, tag="theirs ")
    Note.objects.create(
        mark=a_mark(project), kind="snake", text="An unsigned worry", is_anonymous=True
    )

    response = co_producer_client.get(DATA_URL)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert re.fullmatch(
        r'attachment; filename="my-data-\d{4}-\d\d-\d\d\.json"', response["Content-Disposition"]
    )
    data = json.loads(response.content)
    assert [n["text"] for n in data["marks"]["notes"]] == ["mine note 0"]
    assert data["marks"]["notes"][0]["mark"] == a_mark(project).title
    assert [p["text"] for p in data["lake"]["post_its"]] == ["mine post-it 0"]
    assert [s["score"] for s in data["marks"]["scores"]] == [7]
    assert [t["message"] for t in data["projects"]["thanks_sent"]] == ["mine thanks 0"]
    assert [t["message"] for t in data["projects"]["thanks_received"]] == ["Thanks for the tea."]
    assert data["projects"]["memberships"][0]["project"] == project.name
    assert data["account"]["email"] == co_producer.email
    assert "anonymous" in data["about"]
    text = response.content.decode()
    for other in ("theirs ", "An unsigned worry", facilitator.name, facilitator.email):
        assert other not in text


def test_the_download_costs_the_same_queries_however_much_there_is(project, co_producer):
    """The file is built from a fixed set of list queries, so a long-standing member's
    download is no slower to make in queries than a newcomer's."""
    client = Client()
    client.force_login(co_producer)
    counts = []
    for extra in (1, 6):
        contribute(project, co_producer, n=extra)
        checkin = CheckIn.objects.create(project=project)
        response = CheckInResponse.objects.create(checkin=checkin, author=co_producer)
        CheckInAnswer.objects.create(response=response, question="voices", text="Mine.")
        checkin.closed_at = checkin.started_at
        checkin.save()
        action = Action.objects.create(project=project, text=f"Action {extra}")
        action.owners.add(co_producer)
        with count_queries() as ctx:
            assert client.get(DATA_URL).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts


# -- the delete page ------------------------------------------------------------------


def test_the_delete_page_asks_who_takes_over_and_names_projects_that_go(
    facilitator, co_producer, project
):
    alone = make_project(facilitator, name="Only me here")
    client = Client()
    client.force_login(facilitator)

    response = client.get(DELETE_URL)

    assert response.status_code == 200
    text = plain(response)
    assert f"Who takes over {project.name}" in text
    assert co_producer.name in text
    assert f"You are the only member of {alone.name}, so it will be deleted" in text
    assert "Keep my words in the projects under “A former member”" in text


def test_deleting_and_keeping_words_leaves_them_under_a_former_member(
    project, co_producer, co_producer_client, facilitator
):
    contribute(project, co_producer)
    other_client = Client()
    other_client.force_login(co_producer)

    response = post_delete(co_producer_client)

    assert response.status_code == 302
    assert response["Location"] == DELETED_URL
    user = User.objects.get(pk=co_producer.pk)
    assert user.is_former_member and not user.is_active
    assert user.name != "Cora Coproducer"
    assert "cora" not in user.email and user.email.endswith("@invalid.example")
    assert not user.has_usable_password()
    assert str(user) == "A former member"
    assert not Membership.objects.filter(user=user).exists()
    assert not EmailAddress.objects.filter(user=user).exists()
    assert Note.objects.filter(author=user).count() == 1
    assert PostIt.objects.filter(author=user).count() == 1
    assert Thanks.objects.filter(from_user=user).count() == 1
    # Signed out here and in every other browser.
    assert co_producer_client.get(reverse("accounts:profile")).status_code == 302
    assert other_client.get(reverse("accounts:profile")).status_code == 302
    assert not [
        s for s in UserSession.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk)
    ]
    # The group sees the note under "A former member".
    client = Client()
    client.force_login(facilitator)
    page = client.get(reverse("marks:mark", args=[project.pk, a_mark(project).pk]))
    text = plain(page)
    assert "note 0" in text and "A former member" in text
    assert "Cora" not in text


def test_deleting_and_removing_words_deletes_them(
    project, co_producer, co_producer_client, facilitator
):
    contribute(project, co_producer)
    contribute(project, facilitator, tag="kept ")

    response = post_delete(co_producer_client, words="remove")

    assert response.status_code == 302
    assert not Note.objects.filter(author=co_producer).exists()
    assert not PostIt.objects.filter(author=co_producer).exists()
    assert not Score.objects.filter(member=co_producer).exists()
    assert not Thanks.objects.filter(from_user=co_producer).exists()
    assert Note.objects.filter(author=facilitator).count() == 1
    assert PostIt.objects.filter(author=facilitator).count() == 1
    assert Score.objects.filter(member=facilitator).count() == 1


def test_a_deleted_account_cannot_sign_in(client, co_producer, co_producer_client):
    post_delete(co_producer_client)

    assert not client.login(email="cora@example.org", password=PASSWORD)
    response = client.post(
        reverse("account_login"), {"login": "cora@example.org", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_email_address_can_sign_up_again_as_a_new_account(
    client, co_producer, co_producer_client
):
    post_delete(co_producer_client)

    response = client.post(
        "/accounts/signup/",
        {
            "name": "Cora Again",
            "email": "cora@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    assert response.status_code == 302
    fresh = User.objects.get(email="cora@example.org")
    assert fresh.pk != co_producer.pk
    assert fresh.name == "Cora Again"
    assert not Membership.objects.filter(user=fresh).exists()


def test_the_last_facilitator_hands_over_before_going(facilitator, co_producer, project):
    client = Client()
    client.force_login(facilitator)

    response = client.post(
        DELETE_URL,
        {
            "words": "keep",
            f"successor-{project.pk}": str(co_producer.pk),
            "confirm_email": facilitator.email,
        },
    )

    assert response.status_code == 302
    membership = Membership.objects.get(project=project, user=co_producer)
    assert membership.is_facilitator
    assert list(Membership.objects.filter(project=project)) == [membership]


def test_a_project_with_nobody_else_in_it_is_deleted(facilitator, co_producer, project):
    alone = make_project(facilitator, name="Only me here")
    client = Client()
    client.force_login(facilitator)

    client.post(
        DELETE_URL,
        {
            "words": "keep",
            f"successor-{project.pk}": str(co_producer.pk),
            "confirm_email": facilitator.email,
        },
    )

    assert not Project.objects.filter(pk=alone.pk).exists()
    assert Project.objects.filter(pk=project.pk).exists()


def assert_nothing_changed(user: User, project: Project) -> None:
    user.refresh_from_db()
    assert not user.is_former_member and user.is_active
    assert user.name in ("Fran Facilitator", "Cora Coproducer")
    assert Membership.objects.filter(user=user, project=project).exists()
    assert EmailAddress.objects.filter(user=user).exists()


def test_the_wrong_email_address_is_refused_beside_the_field(
    co_producer, co_producer_client, project
):
    contribute(project, co_producer)

    response = post_delete(co_producer_client, confirm_email="someone@example.org", words="remove")

    assert response.status_code == 400
    text = plain(response)
    assert "There is a problem" in text
    assert "That is not your account’s email address" in text
    assert 'id="id_confirm_email-error"' in response.content.decode()
    assert_nothing_changed(co_producer, project)
    assert Note.objects.filter(author=co_producer).exists()


def test_an_empty_post_is_refused_with_messages(co_producer, co_producer_client, project):
    response = co_producer_client.post(DELETE_URL, {})

    assert response.status_code == 400
    text = plain(response)
    assert "Choose whether to keep or remove your words." in text
    assert "Type your email address to confirm." in text
    assert_nothing_changed(co_producer, project)


def test_an_empty_confirmation_is_refused(co_producer, co_producer_client, project):
    response = post_delete(co_producer_client, confirm_email="")

    assert response.status_code == 400
    assert "Type your email address to confirm." in plain(response)
    assert_nothing_changed(co_producer, project)


@pytest.mark.parametrize("choice", ["", "outsider", "self", "nonsense"])
def test_a_missing_or_invalid_successor_is_refused(
    facilitator, co_producer, outsider, project, choice
):
    client = Client()
    client.force_login(facilitator)
    value = {"outsider": str(outsider.pk), "self": str(facilitator.pk)}.get(choice, choice)

    response = client.post(
        DELETE_URL,
        {"words": "keep", f"successor-{project.pk}": value, "confirm_email": facilitator.email},
    )

    assert response.status_code == 400
    message = (
        f"Choose who takes over {project.name}."
        if choice == ""
        else f"Choose one of the members of {project.name}."
    )
    assert message in plain(response)
    assert f'id="id_successor-{project.pk}-error"' in response.content.decode()
    assert_nothing_changed(facilitator, project)
    assert not Membership.objects.get(user=co_producer).is_facilitator


def test_deleting_twice_from_an_old_page_says_it_is_already_done(co_producer_client):
    post_delete(co_producer_client)

    response = post_delete(co_producer_client)

    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse("account_login")
    page = co_producer_client.get(response["Location"])
    assert "Your account has already been deleted." in plain(page)
    assert User.objects.filter(is_former_member=True).count() == 1


def test_the_service_refuses_when_a_handover_choice_is_missing(facilitator, project):
    with pytest.raises(Blocked):
        people_services.account_delete(user=facilitator, remove=True, choices={})
    assert_nothing_changed(facilitator, project)


def test_a_failure_late_in_deleting_changes_nothing(monkeypatch, facilitator, co_producer, project):
    """Lake and marks forget first; make projects, which comes after, fail."""
    contribute(project, facilitator)

    def broken(user, remove):
        raise RuntimeError("the projects part failed")

    monkeypatch.setattr(projects_people, "forget", broken)

    with pytest.raises(RuntimeError):
        people_services.account_delete(
            user=facilitator, remove=True, choices={f"successor-{project.pk}": str(co_producer.pk)}
        )

    assert_nothing_changed(facilitator, project)
    assert Note.objects.filter(author=facilitator).count() == 1
    assert PostIt.objects.filter(author=facilitator).count() == 1
    assert not Membership.objects.get(user=co_producer).is_facilitator


def test_deleting_takes_the_name_out_of_activity_and_stops_update_emails(
    facilitator, co_producer, project
):
    from projects import services

    membership = Membership.objects.get(user=co_producer)
    services.membership_set_role(membership=membership, role="facilitator", actor=facilitator)
    update = Update.objects.create(project=project, author=facilitator, title="News", body="Hi")
    UpdateDelivery.objects.create(update=update, user=co_producer, email=co_producer.email)
    client = Client()
    client.force_login(co_producer)

    post_delete(client)

    assert not Activity.objects.filter(detail__contains="Cora").exists()
    assert not UpdateDelivery.objects.filter(user=co_producer).exists()
    assert Activity.objects.filter(project=project, kind="left", actor=co_producer).exists()


def test_action_owners_read_a_former_member(project, co_producer, co_producer_client):
    from marks.actions.selectors import owners_text

    action = Action.objects.create(project=project, text="Book the room")
    action.owners.add(co_producer)

    post_delete(co_producer_client)

    assert owners_text(Action.objects.get(pk=action.pk)) == "A former member"


def test_the_listed_parts_follow_the_apps_order():
    # Check-ins write into the marks section, where their answers were before they had an app.
    assert [section for section, _part in people_services.PARTS] == [
        "projects",
        "projects",
        "projects",
        "words",
        "marks",
        "marks",
        "lake",
        "decisions",
        "meetings",
        "meetings",
        "meetings",
        "payments",
    ]
    assert [part.__name__ for _section, part in people_services.PARTS] == [
        "projects.people",
        "projects.setting_aside.people",
        "projects.answers.people",
        "words.people",
        "marks.people",
        "checkins.people",
        "lake.people",
        "decisions.people",
        "meetings.people",
        "meetings.after.people",
        "meetings.agenda_people",
        "payments.people",
    ]


def test_a_change_in_the_projects_meanwhile_is_explained_and_nothing_is_deleted(
    monkeypatch, co_producer, co_producer_client, project
):
    def changed(**kwargs):
        raise Blocked("successor-1")

    monkeypatch.setattr(people_services, "account_delete", changed)

    response = post_delete(co_producer_client)

    assert response.status_code == 400
    assert "Something changed in your projects while you were deciding" in plain(response)
    assert_nothing_changed(co_producer, project)


def test_projects_refuse_to_let_the_last_facilitator_go_without_a_handover(facilitator, project):
    """The check made under lock, in case someone stepped down after the page was drawn."""
    with pytest.raises(Blocked), transaction.atomic():
        projects_people.forget(facilitator, False)

    assert_nothing_changed(facilitator, project)


def test_the_database_refuses_to_make_a_former_member_active_again(co_producer_client):
    from django.db import IntegrityError

    post_delete(co_producer_client)

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(is_former_member=True).update(is_active=True)


def test_every_error_summary_link_leads_to_a_field_on_the_page(co_producer_client):
    """A group of radio buttons is reached through its first choice."""
    response = co_producer_client.post(reverse("people:delete"), {})
    assert response.status_code == 400
    page = response.content.decode()
    summary = page.split('class="error-summary__list"')[1].split("</ul>")[0]
    targets = re.findall(r'href="#([^"]+)"', summary)
    assert "id_words_0" in targets
    for target in targets:
        assert f'id="{target}"' in page, f"the error summary links to #{target}, not on the page"
