"""Completing, sharing, celebrating: staying in touch, project updates by email, thank-yous."""

import re
import smtplib
from datetime import timedelta
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core import signing
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.utils import timezone

from projects.completing import services as completing
from projects.models import Activity, Membership, Project, Thanks, Update, UpdateDelivery

from .factories import add_member, make_project, make_user
from .pages import count_queries, plain, url

OPENING = "No need to read this if you are busy."


def opt_in(user, project, keep_details: bool = False) -> Membership:
    membership = Membership.objects.get(project=project, user=user)
    completing.membership_set_contact_choices(
        membership=membership, stay_in_touch=True, keep_details=keep_details
    )
    return membership


def stop_link(body: str) -> str:
    return re.search(r"http://\S+/stop-emails/\S+/", body).group(0)


# -- staying in touch ------------------------------------------------------------


def test_members_choose_to_stay_in_touch_and_can_change_their_mind(co_producer_client, project):
    page = co_producer_client.get(url("completing:touch", project))
    assert page.status_code == 200
    assert "Send me updates about what happens after the project" in plain(page)

    response = co_producer_client.post(
        url("completing:touch", project), {"stay_in_touch": "on", "keep_details": "on"}
    )
    assert response["Location"] == url("projects:home", project)
    membership = Membership.objects.get(project=project, role="co_producer")
    assert membership.stay_in_touch and membership.keep_details
    assert membership.contact_choice_at is not None

    co_producer_client.post(url("completing:touch", project), {})
    membership.refresh_from_db()
    assert not membership.stay_in_touch and not membership.keep_details


def test_new_members_are_asked_on_the_project_home_until_they_answer(co_producer_client, project):
    home = co_producer_client.get(url("projects:home", project))
    assert "Would you like to stay in touch?" in plain(home)
    co_producer_client.post(url("completing:touch", project), {})
    home = co_producer_client.get(url("projects:home", project))
    assert "Would you like to stay in touch?" not in plain(home)


def test_only_facilitators_see_who_said_yes(
    facilitator_client, co_producer_client, co_producer, project
):
    opt_in(co_producer, project, keep_details=True)
    facilitator_page = plain(facilitator_client.get(url("completing:touch", project)))
    assert "Who said yes" in facilitator_page
    assert "Cora Coproducer" in facilitator_page
    assert "cora@example.org" in facilitator_page

    other = make_user("Pat Peer")
    add_member(project, other)
    co_producer_client.force_login(other)
    peer_page = plain(co_producer_client.get(url("completing:touch", project)))
    assert "Who said yes" not in peer_page
    assert "Cora Coproducer" not in peer_page
    assert "cora@example.org" not in peer_page


def test_stay_in_touch_needs_membership(outsider_client, client, project):
    assert outsider_client.get(url("completing:touch", project)).status_code == 404
    assert client.get(url("completing:touch", project)).status_code == 302
    assert outsider_client.delete(url("completing:touch", project)).status_code == 405


# -- updates -------------------------------------------------------------------


def test_an_update_is_emailed_only_to_members_who_chose_to_stay_in_touch(
    facilitator_client, project, co_producer, mailoutbox, django_capture_on_commit_callbacks
):
    opt_in(co_producer, project)
    quiet = make_user("Quinn Quiet")
    add_member(project, quiet)

    with django_capture_on_commit_callbacks(execute=True):
        response = facilitator_client.post(
            url("completing:updates", project),
            {"title": "What happened next", "body": "The drop-in now opens on Saturdays."},
        )

    assert response["Location"] == url("completing:updates", project)
    update = Update.objects.get()
    assert update.author.name == "Fran Facilitator"
    assert [m.to for m in mailoutbox] == [["cora@example.org"]]
    message = mailoutbox[0]
    assert "Better drop-in" in message.subject
    assert message.body.splitlines()[0].startswith(OPENING)
    assert "Hello Cora Coproducer." in message.body
    assert "because you asked to hear what happens with" in message.body
    assert "Mark of co-production" in message.body
    assert "The drop-in now opens on Saturdays." in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert OPENING in html.split("Hello")[0]
    assert stop_link(message.body) in html
    assert message.extra_headers["List-Unsubscribe"] == f"<{stop_link(message.body)}>"
    delivery = UpdateDelivery.objects.get()
    assert (delivery.update, delivery.user, delivery.email) == (
        update,
        co_producer,
        "cora@example.org",
    )
    assert Activity.objects.filter(project=project, kind="update_posted").exists()


def test_everyone_in_the_project_sees_updates(
    facilitator, co_producer_client, project, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        completing.update_post(
            project=project, author=facilitator, title="Good news", body="We were heard."
        )
    assert "We were heard." in plain(co_producer_client.get(url("completing:updates", project)))
    home = plain(co_producer_client.get(url("projects:home", project)))
    assert "Latest updates" in home and "Good news" in home


def test_sending_again_never_emails_anyone_twice(
    facilitator, co_producer, project, mailoutbox, django_capture_on_commit_callbacks
):
    opt_in(co_producer, project)
    with django_capture_on_commit_callbacks(execute=True):
        update = completing.update_post(
            project=project, author=facilitator, title="News", body="Some news."
        )
    assert len(mailoutbox) == 1
    result = completing.send_update.enqueue(update_id=update.pk)
    assert result.return_value == 0
    assert len(mailoutbox) == 1
    assert UpdateDelivery.objects.count() == 1


def test_the_update_is_sent_through_a_task(
    facilitator, project, django_capture_on_commit_callbacks
):
    """Posting only queues the email; the task backend decides when it runs."""
    with django_capture_on_commit_callbacks() as callbacks:
        completing.update_post(project=project, author=facilitator, title="News", body="Some.")
    assert len(callbacks) == 1
    assert completing.send_update.name == "send_update"


def test_a_co_producer_cannot_send_an_update(co_producer_client, project, mailoutbox):
    response = co_producer_client.post(
        url("completing:updates", project), {"title": "Mine", "body": "Not allowed."}
    )
    assert response.status_code == 403
    assert "Only the project&#x27;s facilitators can do this." in response.content.decode()
    assert not Update.objects.exists()
    assert not mailoutbox


def test_a_co_producer_sees_no_update_form(co_producer_client, project):
    page = co_producer_client.get(url("completing:updates", project))
    assert page.status_code == 200
    assert "Write an update" not in plain(page)


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"title": "", "body": ""}, "Write the update before you send it."),
        ({"title": "News", "body": "   "}, "Write the update before you send it."),
        ({"title": "", "body": "Words"}, "Enter a title for the update."),
        ({"title": "x" * 121, "body": "Words"}, "The title can be 120 characters at most."),
        ({"title": "News", "body": "x" * 5001}, "5000 characters at most"),
    ],
)
def test_a_bad_update_is_refused_with_a_message(
    facilitator_client, co_producer, project, mailoutbox, data, error
):
    opt_in(co_producer, project)
    response = facilitator_client.post(url("completing:updates", project), data)
    assert response.status_code == 400
    assert "There is a problem" in plain(response)
    assert error in plain(response)
    assert not Update.objects.exists()
    assert not mailoutbox


def test_updates_need_membership(outsider_client, client, project):
    assert outsider_client.get(url("completing:updates", project)).status_code == 404
    assert (
        outsider_client.post(
            url("completing:updates", project), {"title": "a", "body": "b"}
        ).status_code
        == 404
    )
    assert client.get(url("completing:updates", project)).status_code == 302
    assert not Update.objects.exists()


# -- stopping update emails ---------------------------------------------------------


def test_the_stop_link_works_without_signing_in_and_twice(
    client, facilitator, co_producer, project, mailoutbox, django_capture_on_commit_callbacks
):
    opt_in(co_producer, project)
    with django_capture_on_commit_callbacks(execute=True):
        completing.update_post(project=project, author=facilitator, title="News", body="Some.")
    path = urlsplit(stop_link(mailoutbox[0].body)).path

    page = client.get(path)
    assert page.status_code == 200
    assert "Stop these emails" in plain(page)
    # Opening the link only asks: a mail program checking links doesn't stop anything.
    assert Membership.objects.get(user=co_producer).stay_in_touch

    for _ in range(2):
        done = client.post(path)
        assert done.status_code == 200
        assert "You will not get any more update emails" in plain(done)
    assert not Membership.objects.get(user=co_producer).stay_in_touch

    with django_capture_on_commit_callbacks(execute=True):
        completing.update_post(project=project, author=facilitator, title="More", body="More.")
    assert len(mailoutbox) == 1


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        "eyJtIjoxfQ:1vN:tampered",
        signing.dumps({"m": 1}, salt="another.purpose"),
        signing.dumps({"m": "1"}, salt=completing.STOP_SALT),
        signing.dumps([1], salt=completing.STOP_SALT),
    ],
)
def test_a_tampered_stop_link_gets_a_clear_page(client, co_producer, project, token):
    membership = opt_in(co_producer, project)
    for response in (
        client.get(url("completing:unsubscribe", signed=token)),
        client.post(url("completing:unsubscribe", signed=token)),
    ):
        assert response.status_code == 400
        assert "This link does not work" in plain(response)
    membership.refresh_from_db()
    assert membership.stay_in_touch


def test_a_changed_token_for_another_member_is_refused(client, co_producer, facilitator, project):
    membership = opt_in(co_producer, project)
    other = Membership.objects.get(user=facilitator, project=project)
    # Swap the payload for another member's, keeping the original signature.
    _payload, signature = completing.stop_token(membership).split(":", 1)
    forged = signing.b64_encode(f'{{"m":{other.pk}}}'.encode()).decode() + ":" + signature
    assert client.post(url("completing:unsubscribe", signed=forged)).status_code == 400
    membership.refresh_from_db()
    assert membership.stay_in_touch


def test_a_stop_link_after_leaving_the_project_still_answers(client, co_producer, project):
    membership = opt_in(co_producer, project)
    token = completing.stop_token(membership)
    membership.delete()
    response = client.post(url("completing:unsubscribe", signed=token))
    assert response.status_code == 200
    assert "no longer in this project" in plain(response)


# -- thanks ------------------------------------------------------------------------


def test_a_member_thanks_another_and_it_shows_on_home_and_their_page(
    co_producer_client, facilitator_client, facilitator, co_producer, project
):
    response = co_producer_client.post(
        url("completing:thanks", project),
        {"to": str(facilitator.pk), "message": "Thank you for the tea and patience."},
    )
    assert response["Location"] == url("completing:thanks", project)
    thanks = Thanks.objects.get()
    assert (thanks.from_user, thanks.to_user) == (co_producer, facilitator)

    home = plain(facilitator_client.get(url("projects:home", project)))
    assert "Cora Coproducer thanked Fran Facilitator" in home
    assert "Thank you for the tea and patience." in home
    mine = plain(facilitator_client.get(url("completing:my_thanks")))
    assert "Thank you for the tea and patience." in mine
    assert "in Better drop-in" in mine
    # The sender's own page lists thanks to them, not thanks they gave.
    assert "tea and patience" not in plain(co_producer_client.get(url("completing:my_thanks")))
    assert Activity.objects.filter(project=project, kind="thanked").exists()


def test_a_member_thanks_the_whole_group(co_producer_client, facilitator_client, project):
    co_producer_client.post(
        url("completing:thanks", project), {"to": "everyone", "message": "Thanks all!"}
    )
    assert Thanks.objects.get().to_user is None
    assert "thanked the whole group" in plain(
        co_producer_client.get(url("completing:thanks", project))
    )
    assert "Thanks all!" in plain(facilitator_client.get(url("completing:my_thanks")))


def test_thanks_to_a_group_are_not_shown_to_people_outside_it(
    co_producer_client, outsider_client, project
):
    co_producer_client.post(
        url("completing:thanks", project), {"to": "everyone", "message": "Thanks all!"}
    )
    assert "Thanks all!" not in plain(outsider_client.get(url("completing:my_thanks")))


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"to": "everyone", "message": ""}, "Write a short thank-you message."),
        ({"to": "everyone", "message": "   "}, "Write a short thank-you message."),
        ({"to": "everyone", "message": "x" * 501}, "500 characters at most"),
        ({"to": "", "message": "Thanks"}, "Choose who you want to thank."),
        ({"to": "999999", "message": "Thanks"}, "Choose someone who is in this project"),
    ],
)
def test_bad_thanks_are_refused_with_a_message(co_producer_client, project, data, error):
    response = co_producer_client.post(url("completing:thanks", project), data)
    assert response.status_code == 400
    assert error in plain(response)
    assert not Thanks.objects.exists()


def test_you_cannot_thank_someone_outside_the_project_or_yourself(
    co_producer_client, co_producer, outsider, project
):
    for person in (outsider, co_producer):
        response = co_producer_client.post(
            url("completing:thanks", project), {"to": str(person.pk), "message": "Thanks"}
        )
        assert response.status_code == 400
        assert "Choose someone who is in this project" in plain(response)
    assert not Thanks.objects.exists()


def test_thanks_need_membership(outsider_client, client, facilitator, project):
    data = {"to": str(facilitator.pk), "message": "Thanks"}
    assert outsider_client.get(url("completing:thanks", project)).status_code == 404
    assert outsider_client.post(url("completing:thanks", project), data).status_code == 404
    assert client.get(url("completing:thanks", project)).status_code == 302
    assert client.get(url("completing:my_thanks")).status_code == 302
    assert not Thanks.objects.exists()


@pytest.mark.parametrize("name", ["touch", "updates", "thanks", "my_thanks", "unsubscribe"])
def test_other_methods_are_refused(facilitator_client, project, name):
    if name == "my_thanks":
        target = url(f"completing:{name}")
    elif name == "unsubscribe":
        target = url(f"completing:{name}", signed=completing.stop_token(Membership.objects.first()))
    else:
        target = url(f"completing:{name}", project)
    assert facilitator_client.delete(target).status_code == 405
    assert facilitator_client.put(target).status_code == 405
    if name == "my_thanks":
        assert facilitator_client.post(target).status_code == 405


# -- query counts ------------------------------------------------------------------


def _grow(project, facilitator, size: int) -> None:
    for i in range(size):
        person = make_user(f"Member {project.pk}-{i}")
        membership = add_member(project, person)
        completing.membership_set_contact_choices(
            membership=membership, stay_in_touch=True, keep_details=True
        )
        Thanks.objects.create(project=project, from_user=person, to_user=facilitator, message="Ta")
        Thanks.objects.create(project=project, from_user=person, message="Thanks all")
        Update.objects.create(project=project, author=facilitator, title=f"U{i}", body="Words")


@pytest.mark.parametrize("name", ["home", "touch", "updates", "thanks", "my_thanks"])
def test_pages_make_the_same_number_of_queries_however_big_the_group(facilitator, name):
    """Each list is fetched with its people in one go, so more members or thanks add no queries."""
    from django.test import Client

    client = Client()
    client.force_login(facilitator)
    counts = []
    for size in (2, 8):
        project = make_project(facilitator, name=f"Group of {size}")
        _grow(project, facilitator, size)
        # The project home is the projects app's page; the others are completing's.
        full_name = "projects:home" if name == "home" else f"completing:{name}"
        target = url(full_name) if name == "my_thanks" else url(full_name, project)
        client.get(target)
        with count_queries() as ctx:
            response = client.get(target)
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts


# -- the demo ------------------------------------------------------------------------


def test_the_demo_has_choices_an_update_and_thanks_without_sending_email(db, mailoutbox):
    from projects.demo import extend

    users = {name: make_user(name) for name in ("Sam", "Amina", "Jo", "Priya")}
    project = make_project(users["Sam"])
    for name in ("Amina", "Jo", "Priya"):
        add_member(project, users[name])
    extend(project=project, users=users)
    staying = Membership.objects.filter(project=project, stay_in_touch=True)
    assert set(staying.values_list("user__name", flat=True)) == {"Amina", "Jo"}
    assert Update.objects.filter(project=project).count() == 1
    assert Thanks.objects.filter(project=project, to_user=users["Priya"]).exists()
    assert Thanks.objects.filter(project=project, to_user=None).exists()
    assert not mailoutbox


# -- updates the mail server didn't take ------------------------------------------


@pytest.fixture
def refusing(monkeypatch):
    """A mail server that refuses some addresses; the test chooses which, and can mend it."""
    refused: set[str] = set()
    real = EmailBackend.send_messages

    def send_messages(self, messages):
        for message in messages:
            if set(message.to) & refused:
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"no")})
        return real(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", send_messages)
    return refused


def test_one_refused_address_doesnt_stop_the_others_and_the_page_says_how_many_it_reached(
    facilitator,
    facilitator_client,
    co_producer,
    project,
    mailoutbox,
    refusing,
    django_capture_on_commit_callbacks,
):
    people = [co_producer] + [make_user(f"Member {i}", f"m{i}@example.org") for i in range(4)]
    for person in people[1:]:
        add_member(project, person)
    for person in people:
        opt_in(person, project)
    refusing.add("m1@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        update = completing.update_post(
            project=project, author=facilitator, title="News", body="Some news."
        )

    assert sorted(m.to[0] for m in mailoutbox) == [
        "cora@example.org",
        "m0@example.org",
        "m2@example.org",
        "m3@example.org",
    ]
    assert not UpdateDelivery.objects.filter(update=update, user=people[2]).exists()
    page = plain(facilitator_client.get(url("completing:updates", project)))
    assert "Emailed to 4 of 5 members who asked for updates." in page
    assert "The rest will be tried again soon." in page

    # The mail server takes it again: the next try sends only the one that was missed.
    refusing.clear()
    call_command("send_updates")
    assert len(mailoutbox) == 5
    assert mailoutbox[-1].to == ["m1@example.org"]
    assert UpdateDelivery.objects.filter(update=update).count() == 5
    page = plain(facilitator_client.get(url("completing:updates", project)))
    assert "Emailed to 5 of 5 members who asked for updates." in page
    assert "tried again" not in page
    call_command("send_updates")
    assert len(mailoutbox) == 5


def test_how_many_it_reached_is_for_facilitators(
    facilitator, co_producer_client, co_producer, project, django_capture_on_commit_callbacks
):
    opt_in(co_producer, project)
    with django_capture_on_commit_callbacks(execute=True):
        completing.update_post(project=project, author=facilitator, title="News", body="Some.")
    assert "Emailed to" not in plain(co_producer_client.get(url("completing:updates", project)))


def test_an_update_isnt_emailed_to_people_who_joined_after_it(
    facilitator, co_producer, project, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        update = completing.update_post(
            project=project, author=facilitator, title="Old news", body="Some."
        )
    Update.objects.filter(pk=update.pk).update(created_at=timezone.now() - timedelta(days=1))
    newcomer = make_user("Nell Newcomer", "nell@example.org")
    add_member(project, newcomer)
    opt_in(newcomer, project)
    call_command("send_updates")
    assert mailoutbox == []


def test_a_failed_send_tries_again_later_when_the_backend_can_wait(
    facilitator, co_producer, project, mailoutbox, refusing, settings
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    opt_in(co_producer, project)
    refusing.add("cora@example.org")
    update = Update.objects.create(project=project, author=facilitator, title="N", body="B")
    backend = completing.send_update.get_backend()

    assert completing.send_update.call(update.pk) == 0

    (retry,) = backend.results
    assert retry.kwargs == {"update_id": update.pk, "attempt": 2}
    assert retry.task.run_after > timezone.now() + timedelta(minutes=4)
    # The last try gives up (the send_updates command still picks it up).
    assert completing.send_update.call(update.pk, attempt=completing.SEND_ATTEMPTS) == 0
    assert len(backend.results) == 1


def test_sending_records_each_email_in_the_step_that_sends_it(
    facilitator, co_producer, project, mailoutbox, monkeypatch
):
    """If recording fails after the email went, the email is taken back with it (the
    transaction rolls back before anything is committed); it never goes out unrecorded."""
    opt_in(co_producer, project)
    update = Update.objects.create(project=project, author=facilitator, title="N", body="B")
    seen_inside_transaction = []

    real = EmailBackend.send_messages

    def send_messages(self, messages):
        seen_inside_transaction.append(UpdateDelivery.objects.filter(update=update).exists())
        return real(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", send_messages)
    assert completing.send_update.call(update.pk) == 1
    # The row was already written (and its unique constraint held) when the email went.
    assert seen_inside_transaction == [True]


# -- the six-month reminder ---------------------------------------------------------


def test_one_broken_project_doesnt_stop_the_six_month_reminders_of_the_others(
    facilitator, project, mailoutbox, refusing, caplog
):
    long_ago = timezone.now() - timedelta(days=183)
    broken = make_project(make_user("Bo Broken", "bo@example.org"), name="Broken")
    fine = make_project(make_user("Fi Fine", "fi@example.org"), name="Fine")
    Project.objects.filter(pk__in=[project.pk, broken.pk, fine.pk]).update(completed_at=long_ago)
    refusing.add("bo@example.org")

    call_command("remind_six_months", stderr=StringIO())

    assert sorted(m.to[0] for m in mailoutbox) == ["fi@example.org", "fran@example.org"]
    assert "six-month reminder for project" in caplog.text
    # The broken one is tried again on the next run; the others are not sent twice.
    refusing.clear()
    call_command("remind_six_months")
    assert sorted(m.to[0] for m in mailoutbox) == [
        "bo@example.org",
        "fi@example.org",
        "fran@example.org",
    ]
