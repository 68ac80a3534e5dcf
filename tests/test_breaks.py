"""A break from the project: not counted, no emails but the chosen one, one click back, and
the project home saying what changed meanwhile."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from marks.models import ScoringRound
from marks.scoring import selectors as scoring_selectors
from meetings import services as meeting_services
from meetings.models import EmailChoice
from projects.breaks import services
from projects.completing import services as completing
from projects.models import Activity, Membership, Project

from .factories import add_member, make_mark, make_postit, make_user
from .pages import assert_needs_sign_in, plain, url


def membership(project, user) -> Membership:
    return Membership.objects.get(project=project, user=user)


def take_data(**extra):
    return {"emails": "nothing", **extra}


# -- starting a break --------------------------------------------------------------


def test_taking_a_break_needs_sign_in_and_membership(client, outsider_client, project):
    path = url("breaks:take", project)
    assert_needs_sign_in(client.get(path), path)
    assert outsider_client.get(path).status_code == 404
    assert outsider_client.post(path, take_data()).status_code == 404
    assert outsider_client.post(url("breaks:back", project)).status_code == 404
    assert client.get(url("breaks:back", project)).status_code in (302, 405)


def test_a_co_producer_takes_a_break_with_a_return_date(co_producer_client, co_producer, project):
    home = co_producer_client.get(url("projects:home", project))
    assert "Take a break from the project" in plain(home)
    back_on = timezone.localdate() + timedelta(days=20)
    response = co_producer_client.post(
        url("breaks:take", project), take_data(until=back_on.isoformat()), follow=True
    )
    assert "Your break has started." in plain(response)
    mine = membership(project, co_producer)
    assert mine.on_break and mine.break_until == back_on and mine.break_cover is None
    text = plain(co_producer_client.get(url("projects:home", project)))
    assert "You are taking a break" in text
    assert "I'm back" in text
    assert "Take a break from the project" not in text
    assert Activity.objects.filter(
        project=project, kind="break_started", actor=co_producer
    ).exists()
    # The members page says who is on a break, and until when.
    members = plain(co_producer_client.get(url("projects:members", project)))
    assert f"On a break until {back_on:%-d %B %Y}" in members


def test_a_return_date_in_the_past_is_refused_and_nothing_is_saved(
    co_producer_client, co_producer, project
):
    yesterday = timezone.localdate() - timedelta(days=1)
    response = co_producer_client.post(url("breaks:take", project), take_data(until=yesterday))
    assert response.status_code == 400
    assert "The date you'll be back can't be in the past." in plain(response)
    assert not membership(project, co_producer).on_break


@pytest.mark.parametrize("emails", ["", "everything"])
def test_the_email_choice_must_be_one_of_the_two(co_producer_client, co_producer, project, emails):
    response = co_producer_client.post(url("breaks:take", project), {"emails": emails})
    assert response.status_code == 400
    assert not membership(project, co_producer).on_break


def test_taking_a_break_twice_is_one_break(co_producer_client, co_producer, project):
    co_producer_client.post(url("breaks:take", project), take_data())
    first = membership(project, co_producer).break_since
    co_producer_client.post(url("breaks:take", project), take_data())
    assert membership(project, co_producer).break_since == first
    assert Activity.objects.filter(kind="break_started").count() == 1


def test_the_last_facilitator_cannot_take_a_break(facilitator_client, facilitator, project):
    page = facilitator_client.get(url("breaks:take", project))
    assert "You are the only facilitator taking part just now" in plain(page)
    assert 'id="take-break"' not in page.content.decode()
    response = facilitator_client.post(url("breaks:take", project), take_data())
    assert response.status_code == 400
    assert not membership(project, facilitator).on_break


def test_a_facilitator_names_who_looks_after_the_project(
    facilitator_client, facilitator, co_producer, project
):
    other = make_user("Femi Facilitator", "femi@example.org")
    add_member(project, other, role=Membership.Role.FACILITATOR)
    missing = facilitator_client.post(url("breaks:take", project), take_data())
    assert missing.status_code == 400
    assert "Choose who looks after the project while you are away." in plain(missing)
    # Only another facilitator can be chosen, not a co-producer.
    wrong = facilitator_client.post(url("breaks:take", project), take_data(cover=co_producer.pk))
    assert wrong.status_code == 400
    assert not membership(project, facilitator).on_break
    response = facilitator_client.post(url("breaks:take", project), take_data(cover=other.pk))
    assert response.status_code == 302
    assert membership(project, facilitator).break_cover == other
    line = Activity.objects.get(kind="break_covered")
    assert line.detail == "Femi Facilitator"
    # And now Femi is the only facilitator taking part, so can't go too.
    with pytest.raises(services.BreakError):
        services.break_take(
            membership=membership(project, other), until=None, emails="nothing", cover=facilitator
        )


def test_a_completed_project_takes_no_breaks_but_lets_people_come_back(
    co_producer_client, co_producer, project
):
    services.break_take(membership=membership(project, co_producer), until=None, emails="nothing")
    Project.objects.filter(pk=project.pk).update(completed_at=timezone.now())
    assert co_producer_client.post(url("breaks:back", project)).status_code == 302
    assert not membership(project, co_producer).on_break
    assert co_producer_client.post(url("breaks:take", project), take_data()).status_code == 403


# -- not counted, not emailed ------------------------------------------------------


def test_a_member_on_a_break_is_not_counted_in_n_of_m(project, facilitator, co_producer):
    mark = make_mark(project, facilitator)
    scoring_round = ScoringRound.objects.create(mark=mark, status="open")
    assert scoring_selectors.progress_of(scoring_round) == (0, 2)
    services.break_take(membership=membership(project, co_producer), until=None, emails="nothing")
    assert scoring_selectors.progress_of(scoring_round) == (0, 1)


def test_on_a_break_no_meeting_emails_arrive(
    project, facilitator, co_producer, django_capture_on_commit_callbacks
):
    for user in (facilitator, co_producer):
        EmailChoice.objects.create(project=project, user=user, email=True)
    soon = timezone.now() + timedelta(days=3)
    meeting = meeting_services.meeting_propose(
        project=project,
        proposer=facilitator,
        title="Soon",
        times=[
            (soon, soon + timedelta(hours=1)),
            (soon + timedelta(days=1), soon + timedelta(days=2)),
        ],
    )
    for user in (facilitator, co_producer):
        meeting_services.meeting_answer(
            meeting=meeting, member=user, answers={o.pk: "yes" for o in meeting.options.all()}
        )
    # Even choosing "the big news": a meeting's time is not that.
    services.break_take(membership=membership(project, co_producer), until=None, emails="big_news")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_services.meeting_choose(
            meeting=meeting, option=meeting.options.first(), actor=facilitator
        )
    told = [address for m in mail.outbox for address in m.to]
    assert facilitator.email in told
    assert co_producer.email not in told


@pytest.mark.parametrize("choice, gets_it", [("big_news", True), ("nothing", False)])
def test_on_a_break_an_update_arrives_only_for_the_big_news(
    project, facilitator, co_producer, choice, gets_it, django_capture_on_commit_callbacks
):
    mine = membership(project, co_producer)
    mine.stay_in_touch = True
    mine.save(update_fields=["stay_in_touch"])
    services.break_take(membership=mine, until=None, emails=choice)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        completing.update_post(
            project=project, author=facilitator, title="Big news", body="We won."
        )
    assert (co_producer.email in [a for m in mail.outbox for a in m.to]) is gets_it


# -- coming back ---------------------------------------------------------------------


def test_coming_back_is_one_click_and_the_home_says_what_changed(
    co_producer_client, co_producer, facilitator, project
):
    services.break_take(membership=membership(project, co_producer), until=None, emails="nothing")
    make_mark(project, facilitator)
    make_postit(project, facilitator, "One")
    make_postit(project, facilitator, "Two")
    response = co_producer_client.post(url("breaks:back", project), follow=True)
    text = plain(response)
    assert "Welcome back." in text
    assert "While you were away" in text
    assert "1 new mark was added." in text
    assert "2 new post-its went on the lake of ideas." in text
    assert not membership(project, co_producer).on_break
    # Things after coming back are not "while you were away".
    make_postit(project, facilitator, "Three")
    assert "2 new post-its" in plain(co_producer_client.get(url("projects:home", project)))
    # Two weeks on, the home no longer says it.
    Membership.objects.filter(project=project, user=co_producer).update(
        back_at=timezone.now() - timedelta(days=15)
    )
    assert "While you were away" not in plain(co_producer_client.get(url("projects:home", project)))


def test_a_quiet_break_says_nothing_much_changed(co_producer_client, co_producer, project):
    services.break_take(membership=membership(project, co_producer), until=None, emails="nothing")
    text = plain(co_producer_client.post(url("breaks:back", project), follow=True))
    assert "Nothing much changed" in text


def test_other_members_see_no_break_notice_of_someone_else(
    facilitator_client, co_producer, project
):
    services.break_take(membership=membership(project, co_producer), until=None, emails="nothing")
    text = plain(facilitator_client.get(url("projects:home", project)))
    assert "You are taking a break" not in text
    assert "is taking a break from the project" in text


def test_the_demo_has_a_member_on_a_break(db, settings):
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("demo")
    priya = Membership.objects.get(user__name="Priya", project__quick_exit=False)
    assert priya.on_break and priya.break_until


def test_the_break_is_in_the_persons_own_data(co_producer_client, co_producer, project):
    import json

    services.break_take(membership=membership(project, co_producer), until=None, emails="nothing")
    data = json.loads(co_producer_client.get(url("people:data")).content)
    mine = data["projects"]["memberships"][0]
    assert mine["on_a_break_since"]
    assert mine["emails_while_on_a_break"] == "Nothing, until I'm back"
