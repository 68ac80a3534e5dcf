"""Setting aside words that break a ground rule, asking for a look, putting back, purging."""

import json
import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from checkins import services as checkin_services
from checkins.models import CheckIn, CheckInAnswer
from decisions import services as decision_services
from decisions.models import Response
from lake import services as lake_services
from lake.models import PostIt, PostItRevision, lake_revision
from marks.models import Mark, Note
from marks.services import note_add
from projects.completing import services as completing_services
from projects.models import Activity, GroundRule, LookRequest, Project, SetAside, Thanks, Update
from projects.rules.services import ground_rule_add
from projects.setting_aside import services
from projects.setting_aside.kinds import KINDS

from .factories import add_member, make_project, make_user
from .pages import count_queries

RULE = "We listen to each other without interrupting."
HURTFUL = "Some people here only talk to hear themselves."


@pytest.fixture
def rule(project, facilitator) -> GroundRule:
    return ground_rule_add(project=project, author=facilitator, text=RULE)


@pytest.fixture
def anonymous_postit(project, co_producer) -> PostIt:
    Project.objects.filter(pk=project.pk).update(allow_anonymous=True)
    project.refresh_from_db()
    return lake_services.postit_add(
        project=project,
        author=co_producer,
        text=HURTFUL,
        place="planning",
        colour="pink",
        anonymous=True,
    )


@pytest.fixture
def named_postit(project, co_producer) -> PostIt:
    return lake_services.postit_add(
        project=project, author=co_producer, text=HURTFUL, place="planning", colour="yellow"
    )


def item_url(project, kind, pk, action=""):
    name = f"setting_aside:{action or 'item'}"
    return reverse(name, args=[project.pk, kind, pk])


def set_aside(project, item, actor, rule, kind="postit", reason=""):
    return services.set_aside(
        project=project, kind=KINDS[kind], item=item, actor=actor, rule=rule, reason=reason
    )


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def notice(name="Fran Facilitator", rule=RULE) -> str:
    return f"Set aside by {name}: it broke our ground rule “{rule}”"


# -- setting aside by the plain form ------------------------------------------------------


def test_a_facilitator_sets_aside_a_post_it_and_the_board_shows_the_notice_instead(
    facilitator_client, co_producer_client, project, anonymous_postit, rule
):
    response = facilitator_client.post(
        item_url(project, "postit", anonymous_postit.pk, "set"),
        {"aside-rule": rule.pk, "aside-reason": "Unkind about other members."},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#postit-{anonymous_postit.pk}")
    aside = SetAside.objects.get()
    assert (aside.kind, aside.item_id, aside.rule_text) == ("postit", anonymous_postit.pk, RULE)
    board = page(co_producer_client, reverse("lake:board", args=[project.pk]))
    assert HURTFUL not in board
    assert notice() in board
    # The reason is for the facilitators (and a named writer), not the group.
    assert "Unkind about other members." not in board
    plain = page(co_producer_client, reverse("lake:list", args=[project.pk]))
    assert HURTFUL not in plain and notice() in plain


def test_the_item_page_shows_the_words_and_both_forms_to_a_facilitator(
    facilitator_client, project, anonymous_postit, rule
):
    html = page(
        facilitator_client, reverse("lake:set_aside", args=[project.pk, anonymous_postit.pk])
    )
    assert HURTFUL in html
    assert 'name="aside-rule"' in html and 'name="look-anonymous"' in html
    assert "nobody can be told they were set aside" in html


def test_a_co_producer_sees_only_the_ask_form_and_may_not_set_aside(
    co_producer_client, project, anonymous_postit, rule
):
    html = page(co_producer_client, item_url(project, "postit", anonymous_postit.pk))
    assert 'name="look-anonymous"' in html
    assert 'name="aside-rule"' not in html
    response = co_producer_client.post(
        item_url(project, "postit", anonymous_postit.pk, "set"), {"aside-rule": rule.pk}
    )
    assert response.status_code == 403
    assert "Only the project&#x27;s facilitators can do this." in response.content.decode()
    assert not SetAside.objects.exists()


def test_a_co_producer_may_set_aside_where_the_project_allows_it(
    co_producer_client, facilitator_client, project, anonymous_postit, rule
):
    response = facilitator_client.post(
        reverse("projects:settings", args=[project.pk]),
        {"allow_anonymous": "on", "members_may_set_aside": "on", "version": 1},
    )
    assert response.status_code == 302
    response = co_producer_client.post(
        item_url(project, "postit", anonymous_postit.pk, "set"), {"aside-rule": rule.pk}
    )
    assert response.status_code == 302
    assert SetAside.objects.get().set_by.name == "Cora Coproducer"


def test_nobody_outside_the_project_reaches_the_words(outsider_client, project, anonymous_postit):
    assert outsider_client.get(item_url(project, "postit", anonymous_postit.pk)).status_code == 404
    response = outsider_client.post(item_url(project, "postit", anonymous_postit.pk, "ask"))
    assert response.status_code == 404
    assert not LookRequest.objects.exists()


def test_signing_in_is_needed_and_methods_are_limited(
    client, facilitator_client, project, anonymous_postit
):
    url = item_url(project, "postit", anonymous_postit.pk)
    assert client.get(url)["Location"].startswith(reverse("account_login"))
    assert facilitator_client.post(url).status_code == 405
    assert (
        facilitator_client.get(item_url(project, "postit", anonymous_postit.pk, "set")).status_code
        == 405
    )


# -- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose the ground rule these words break."),
        ({"aside-rule": "999999"}, "Choose one of your group&#x27;s ground rules."),
        ({"aside-rule": "nonsense"}, "Choose one of your group&#x27;s ground rules."),
    ],
)
def test_setting_aside_without_a_rule_of_this_project_says_so_and_saves_nothing(
    facilitator_client, project, anonymous_postit, rule, data, message
):
    before = lake_revision(project)
    response = facilitator_client.post(
        item_url(project, "postit", anonymous_postit.pk, "set"), data
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SetAside.objects.exists()
    assert lake_revision(project) == before


def test_a_rule_of_another_project_is_refused(
    facilitator_client, facilitator, project, anonymous_postit, rule
):
    other = make_project(facilitator, name="Another group")
    their_rule = ground_rule_add(project=other, author=facilitator, text="Be kind.")
    response = facilitator_client.post(
        item_url(project, "postit", anonymous_postit.pk, "set"), {"aside-rule": their_rule.pk}
    )
    assert response.status_code == 400
    assert not SetAside.objects.exists()


def test_a_reason_too_long_is_refused(facilitator_client, project, anonymous_postit, rule):
    response = facilitator_client.post(
        item_url(project, "postit", anonymous_postit.pk, "set"),
        {"aside-rule": rule.pk, "aside-reason": "x" * 501},
    )
    assert response.status_code == 400
    assert "The reason can be 500 characters at most. You have 501." in response.content.decode()
    assert not SetAside.objects.exists()


def test_unknown_kinds_and_words_of_another_project_are_not_found(
    facilitator_client, facilitator, project, anonymous_postit, rule
):
    assert facilitator_client.get(item_url(project, "poem", anonymous_postit.pk)).status_code == 404
    other = make_project(facilitator, name="Another group")
    theirs = lake_services.postit_add(
        project=other, author=facilitator, text="Theirs", place="planning", colour="yellow"
    )
    assert facilitator_client.get(item_url(project, "postit", theirs.pk)).status_code == 404
    response = facilitator_client.post(
        item_url(project, "postit", theirs.pk, "set"), {"aside-rule": rule.pk}
    )
    assert response.status_code == 404


def test_answers_of_an_open_check_in_cannot_be_reached(facilitator_client, project, co_producer):
    checkin = CheckIn.objects.create(project=project, started_by=co_producer)
    checkin_services.checkin_answer(
        checkin=checkin, member=co_producer, answers={"planning": "Fine."}, anonymous=False
    )
    answer = CheckInAnswer.objects.get()
    assert facilitator_client.get(item_url(project, "answer", answer.pk)).status_code == 404


# -- races --------------------------------------------------------------------------------


def test_setting_aside_twice_keeps_the_first_and_names_who_did_it(
    facilitator_client, project, anonymous_postit, rule
):
    other = make_user("Sam Second")
    add_member(project, other, role="facilitator")
    set_aside(project, anonymous_postit, other, rule)
    response = facilitator_client.post(
        item_url(project, "postit", anonymous_postit.pk, "set"), {"aside-rule": rule.pk}
    )
    assert response.status_code == 409
    assert "These words were already set aside by Sam Second." in response.content.decode()
    assert SetAside.objects.count() == 1
    assert Activity.objects.filter(kind="set_aside").count() == 1


def test_the_database_allows_one_live_set_aside_per_item(
    project, facilitator, anonymous_postit, rule
):
    set_aside(project, anonymous_postit, facilitator, rule)
    with pytest.raises(IntegrityError), transaction.atomic():
        SetAside.objects.create(
            project=project,
            kind="postit",
            item_id=anonymous_postit.pk,
            set_by=facilitator,
            rule=rule,
            rule_text=RULE,
        )


def test_the_service_turns_a_lost_race_into_one_clear_outcome(
    project, facilitator, anonymous_postit, rule
):
    set_aside(project, anonymous_postit, facilitator, rule)
    with pytest.raises(services.AlreadySetAside):
        set_aside(project, anonymous_postit, facilitator, rule)
    assert SetAside.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_facilitators_at_once_set_aside_once(facilitator, co_producer):
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: SQLite lets only one writer in at a time anyway.")
    project = make_project(facilitator)
    second = make_user("Sam Second")
    add_member(project, second, role="facilitator")
    rule = ground_rule_add(project=project, author=facilitator, text=RULE)
    postit = lake_services.postit_add(
        project=project, author=co_producer, text=HURTFUL, place="planning", colour="pink"
    )
    outcomes = []
    barrier = threading.Barrier(2)

    def attempt(user):
        barrier.wait()
        try:
            set_aside(project, PostIt.objects.get(pk=postit.pk), user, rule)
            outcomes.append("set")
        except services.AlreadySetAside:
            outcomes.append("already")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(u,)) for u in (facilitator, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["already", "set"]
    assert SetAside.objects.count() == 1


# -- putting back, and purging ----------------------------------------------------------------


def test_putting_back_shows_the_words_again_and_the_activity_shows_both(
    facilitator_client, co_producer_client, project, anonymous_postit, rule
):
    aside = set_aside(
        project, anonymous_postit, project.memberships.get(role="facilitator").user, rule
    )
    kept = page(facilitator_client, reverse("setting_aside:kept", args=[project.pk]))
    assert HURTFUL in kept
    response = facilitator_client.post(
        reverse("setting_aside:put_back", args=[project.pk, aside.pk])
    )
    assert response.status_code == 302
    board = page(co_producer_client, reverse("lake:board", args=[project.pk]))
    assert HURTFUL in board and notice() not in board
    kinds = list(Activity.objects.filter(project=project).values_list("kind", flat=True)[:2])
    assert kinds == ["put_back", "set_aside"]
    home = page(co_producer_client, reverse("projects:home", args=[project.pk]))
    assert "set aside words that broke a ground rule" in home
    assert "put back words that had been set aside" in home
    # Putting back again: already done, one outcome.
    response = facilitator_client.post(
        reverse("setting_aside:put_back", args=[project.pk, aside.pk]), follow=True
    )
    assert "Someone already put these words back." in response.content.decode()
    assert Activity.objects.filter(kind="put_back").count() == 1


def test_a_co_producer_cannot_read_or_put_back_what_was_set_aside(
    co_producer_client, project, facilitator, anonymous_postit, rule
):
    aside = set_aside(project, anonymous_postit, facilitator, rule)
    assert (
        co_producer_client.get(reverse("setting_aside:kept", args=[project.pk])).status_code == 403
    )
    response = co_producer_client.post(
        reverse("setting_aside:put_back", args=[project.pk, aside.pk])
    )
    assert response.status_code == 403
    assert SetAside.objects.get().put_back_at is None


def test_the_daily_command_deletes_for_good_after_30_days_only(
    project, facilitator, anonymous_postit, rule
):
    aside = set_aside(project, anonymous_postit, facilitator, rule)
    call_command("purge_set_aside", stdout=open("/dev/null", "w"))
    assert PostIt.objects.filter(pk=anonymous_postit.pk).exists()
    SetAside.objects.filter(pk=aside.pk).update(created_at=timezone.now() - timedelta(days=31))
    LookRequest.objects.create(
        project=project, kind="postit", item_id=anonymous_postit.pk, note=HURTFUL
    )
    call_command("purge_set_aside", stdout=open("/dev/null", "w"))
    assert not PostIt.objects.filter(pk=anonymous_postit.pk).exists()
    assert not PostItRevision.objects.filter(postit_id=anonymous_postit.pk).exists()
    assert not LookRequest.objects.exists()
    aside.refresh_from_db()
    assert aside.purged_at is not None
    # Running it again deletes nothing more.
    assert services.purge_due() == 0


def test_putting_back_something_purged_says_so(
    facilitator_client, project, facilitator, anonymous_postit, rule
):
    aside = set_aside(project, anonymous_postit, facilitator, rule)
    SetAside.objects.filter(pk=aside.pk).update(created_at=timezone.now() - timedelta(days=31))
    services.purge_due()
    response = facilitator_client.post(
        reverse("setting_aside:put_back", args=[project.pk, aside.pk]), follow=True
    )
    assert "deleted for good, so they can" in response.content.decode()
    assert not Activity.objects.filter(kind="put_back").exists()


def test_a_completed_project_still_allows_setting_aside_and_putting_back(
    facilitator_client, project, anonymous_postit, rule
):
    Project.objects.filter(pk=project.pk).update(completed_at=timezone.now())
    response = facilitator_client.post(
        item_url(project, "postit", anonymous_postit.pk, "set"), {"aside-rule": rule.pk}
    )
    assert response.status_code == 302
    aside = SetAside.objects.get()
    response = facilitator_client.post(
        reverse("setting_aside:put_back", args=[project.pk, aside.pk])
    )
    assert response.status_code == 302


# -- every kind of words, on every page ---------------------------------------------------------


def test_a_set_aside_note_leaves_the_mark_page_and_cannot_be_edited_or_sent_to_the_lake(
    facilitator_client, co_producer_client, project, facilitator, co_producer, rule
):
    mark = Mark.objects.filter(project=project, hidden=False).first()
    note = note_add(mark=mark, author=co_producer, kind="ladder", text=HURTFUL)
    set_aside(project, note, facilitator, rule, kind="note")
    html = page(co_producer_client, reverse("marks:mark", args=[project.pk, mark.pk]))
    assert HURTFUL not in html and notice() in html
    assert (
        co_producer_client.get(reverse("marks:note_edit", args=[project.pk, note.pk])).status_code
        == 404
    )
    response = facilitator_client.post(reverse("lake:from_note", args=[project.pk, note.pk]))
    assert response.status_code == 404
    assert not PostIt.objects.filter(text=HURTFUL).exists()


def test_a_set_aside_check_in_answer_leaves_the_closed_check_in(
    co_producer_client, project, facilitator, co_producer, rule
):
    checkin = CheckIn.objects.create(project=project, started_by=co_producer)
    checkin_services.checkin_answer(
        checkin=checkin, member=co_producer, answers={"planning": HURTFUL}, anonymous=False
    )
    checkin_services.checkin_close(checkin=checkin, actor=facilitator)
    set_aside(project, CheckInAnswer.objects.get(), facilitator, rule, kind="answer")
    html = page(co_producer_client, reverse("checkins:checkin", args=[project.pk, checkin.pk]))
    assert HURTFUL not in html and notice() in html


def _proposal(project, author, *, anonymous=False):
    return decision_services.proposal_add(
        project=project,
        author=author,
        title="Meet on Thursdays",
        reason="",
        way="consent",
        options=[],
        closes_at=None,
        anonymous=anonymous,
    )


def test_a_response_cannot_be_reached_before_its_proposal_closes(
    facilitator_client, project, facilitator, co_producer
):
    proposal = _proposal(project, facilitator)
    decision_services.proposal_respond(
        proposal=proposal, member=co_producer, answer="object", reason=HURTFUL
    )
    response = Response.objects.get()
    for action in ("item", "ask", "set"):
        method = facilitator_client.get if action == "item" else facilitator_client.post
        assert method(item_url(project, "response", response.pk, action)).status_code == 404
    # And the open proposal's page offers no control for it.
    html = page(facilitator_client, reverse("proposals:proposal", args=[project.pk, proposal.pk]))
    assert HURTFUL not in html and "/set-aside/response/" not in html


def test_a_set_aside_response_leaves_the_closed_proposal_report_and_file(
    facilitator_client, co_producer_client, project, facilitator, co_producer, rule
):
    proposal = _proposal(project, facilitator)
    decision_services.proposal_respond(
        proposal=proposal, member=co_producer, answer="object", reason=HURTFUL
    )
    decision_services.proposal_close(proposal=proposal, actor=facilitator)
    response = Response.objects.get()
    address = reverse("proposals:proposal", args=[project.pk, proposal.pk])
    html = page(facilitator_client, address)
    # The control is beside the words, where the group reads them.
    assert item_url(project, "response", response.pk) in html
    reply = facilitator_client.post(
        item_url(project, "response", response.pk, "set"), {"aside-rule": rule.pk}
    )
    assert reply.status_code == 302 and reply["Location"].endswith(f"#response-{response.pk}")
    html = page(co_producer_client, address)
    assert HURTFUL not in html and notice() in html
    # The objection still counts; only its words are gone.
    assert "I object" in html
    assert HURTFUL not in page(facilitator_client, reverse("report:report", args=[project.pk]))
    exported = facilitator_client.get(reverse("portability:export", args=[project.pk]))
    content = b"".join(exported.streaming_content) if exported.streaming else exported.content
    assert HURTFUL.encode() not in content
    # The named author is told in their own account.
    mine = page(co_producer_client, reverse("setting_aside:mine"))
    assert "Your proposal response in" in mine


def test_setting_aside_an_anonymous_response_names_nobody(
    facilitator_client, co_producer_client, project, facilitator, co_producer, rule
):
    Project.objects.filter(pk=project.pk).update(allow_anonymous=True)
    project.refresh_from_db()
    proposal = _proposal(project, facilitator, anonymous=True)
    decision_services.proposal_respond(
        proposal=proposal, member=co_producer, answer="concerns", reason=HURTFUL
    )
    decision_services.proposal_close(proposal=proposal, actor=facilitator)
    response = Response.objects.get()
    assert response.author_id is None
    item = page(facilitator_client, item_url(project, "response", response.pk))
    assert co_producer.name not in item
    facilitator_client.post(
        item_url(project, "response", response.pk, "set"), {"aside-rule": rule.pk}
    )
    assert SetAside.objects.filter(kind="response", item_id=response.pk).exists()
    line = Activity.objects.get(kind="set_aside")
    assert co_producer.name not in line.detail and HURTFUL not in line.detail
    assert co_producer.name not in page(
        facilitator_client, reverse("setting_aside:kept", args=[project.pk])
    )
    html = page(facilitator_client, reverse("proposals:proposal", args=[project.pk, proposal.pk]))
    assert notice() in html and co_producer.name not in html
    assert "None of your words are set aside." in page(
        co_producer_client, reverse("setting_aside:mine")
    )


def test_a_set_aside_thank_you_and_update_leave_their_pages_and_the_home(
    co_producer_client, project, facilitator, co_producer, rule
):
    thanks = completing_services.thanks_add(
        project=project, sender=co_producer, to_user=None, message=HURTFUL
    )
    update = Update.objects.create(
        project=project, author=facilitator, title="Hurtful news", body=HURTFUL
    )
    set_aside(project, thanks, facilitator, rule, kind="thanks")
    set_aside(project, update, facilitator, rule, kind="update")
    for name in ("completing:thanks", "completing:updates"):
        html = page(co_producer_client, reverse(name, args=[project.pk]))
        assert HURTFUL not in html and notice() in html
    home = page(co_producer_client, reverse("projects:home", args=[project.pk]))
    assert HURTFUL not in home and "Hurtful news" not in home
    mine = page(co_producer_client, reverse("completing:my_thanks"))
    assert HURTFUL not in mine


def test_an_update_set_aside_before_its_emails_go_out_is_not_sent(
    project, facilitator, co_producer, rule
):
    project.memberships.filter(user=co_producer).update(stay_in_touch=True)
    update = Update.objects.create(project=project, author=facilitator, title="News", body=HURTFUL)
    set_aside(project, update, facilitator, rule, kind="update")
    mail.outbox.clear()
    assert completing_services.send_update.call(update.pk) == 0
    assert mail.outbox == []


def test_set_aside_words_are_not_in_the_report_or_the_project_file(
    co_producer_client, project, facilitator, co_producer, anonymous_postit, rule
):
    mark = Mark.objects.filter(project=project, hidden=False).first()
    note = note_add(mark=mark, author=co_producer, kind="ladder", text=HURTFUL + " (note)")
    set_aside(project, anonymous_postit, facilitator, rule)
    set_aside(project, note, facilitator, rule, kind="note")
    report = page(co_producer_client, reverse("report:report", args=[project.pk]))
    assert HURTFUL not in report
    exported = co_producer_client.get(reverse("portability:export", args=[project.pk]))
    text = (
        b"".join(exported.streaming_content).decode()
        if exported.streaming
        else exported.content.decode()
    )
    assert HURTFUL not in text
    json.loads(text)


def test_a_proposal_and_a_decision_about_a_set_aside_post_it_no_longer_quote_it(
    co_producer_client, project, facilitator, co_producer, anonymous_postit, rule
):
    proposal = decision_services.proposal_add(
        project=project,
        author=co_producer,
        title="Talk about how we listen",
        reason="",
        way="consent",
        options=[],
        closes_at=None,
        anonymous=False,
        postit=anonymous_postit,
    )
    decision_services.decision_add(
        project=project,
        actor=facilitator,
        text="We agreed to take turns.",
        how="meeting",
        made_by="",
        say="decided",
        decided_on=timezone.localdate(),
        postit=anonymous_postit,
    )
    proposal_url = reverse("proposals:proposal", args=[project.pk, proposal.pk])
    log_url = reverse("decision_log:log", args=[project.pk])
    assert HURTFUL[:40] in page(co_producer_client, proposal_url)
    assert HURTFUL[:40] in page(co_producer_client, log_url)

    set_aside(project, anonymous_postit, facilitator, rule)
    for url in (proposal_url, log_url, reverse("report:report", args=[project.pk])):
        text = page(co_producer_client, url)
        assert HURTFUL[:40] not in text
    assert "a post-it that was set aside" in page(co_producer_client, proposal_url)
    exported = co_producer_client.get(reverse("portability:export", args=[project.pk]))
    text = (
        b"".join(exported.streaming_content).decode()
        if exported.streaming
        else exported.content.decode()
    )
    assert HURTFUL not in text


def test_the_lake_history_and_edit_of_a_set_aside_post_it_are_gone(
    co_producer_client, project, facilitator, named_postit, rule
):
    set_aside(project, named_postit, facilitator, rule)
    assert (
        co_producer_client.get(
            reverse("lake:history", args=[project.pk, named_postit.pk])
        ).status_code
        == 404
    )
    assert (
        co_producer_client.get(reverse("lake:edit", args=[project.pk, named_postit.pk])).status_code
        == 404
    )


def test_setting_aside_takes_the_words_out_of_the_activity(
    co_producer_client, project, facilitator, named_postit, rule
):
    lake_services.postit_edit(
        postit=named_postit, base_version=1, text=HURTFUL + " Really.", colour="yellow"
    )
    lake_services.postit_delete(postit=named_postit, actor=facilitator)
    lake_services.postit_restore(postit=named_postit, actor=facilitator)
    assert Activity.objects.filter(detail__startswith=HURTFUL).count() == 3
    named_postit.refresh_from_db()
    set_aside(project, named_postit, facilitator, rule)
    assert not Activity.objects.filter(detail__contains=HURTFUL).exists()
    home = page(co_producer_client, reverse("projects:home", args=[project.pk]))
    assert HURTFUL not in home


# -- the live lake --------------------------------------------------------------------------------


def test_the_lake_poll_sends_the_notice_in_place_of_the_post_it(
    co_producer_client, project, facilitator, anonymous_postit, rule
):
    before = lake_revision(project)
    set_aside(project, anonymous_postit, facilitator, rule)
    assert lake_revision(project) == before + 1
    response = co_producer_client.get(reverse("lake:poll", args=[project.pk]), {"revision": before})
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-changes" in html
    assert f'id="postit-{anonymous_postit.pk}"' in html
    assert HURTFUL not in html
    assert notice() in html


def test_putting_back_sends_the_post_it_to_every_board_again(
    co_producer_client, project, facilitator, anonymous_postit, rule
):
    aside = set_aside(project, anonymous_postit, facilitator, rule)
    before = lake_revision(project)
    services.put_back(aside=aside, actor=facilitator)
    html = co_producer_client.get(
        reverse("lake:poll", args=[project.pk]), {"revision": before}
    ).content.decode()
    assert HURTFUL in html


# -- privacy: an anonymous writer is never linked --------------------------------------------------


def test_setting_aside_anonymous_words_never_links_them_to_who_wrote_them(
    facilitator_client,
    co_producer_client,
    project,
    facilitator,
    co_producer,
    anonymous_postit,
    rule,
):
    mail.outbox.clear()
    facilitator_client.post(
        item_url(project, "postit", anonymous_postit.pk, "set"),
        {"aside-rule": rule.pk, "aside-reason": "Unkind."},
    )
    # No email to anyone.
    assert mail.outbox == []
    # The activity names who set it aside, never who wrote it.
    line = Activity.objects.get(kind="set_aside")
    assert line.actor == facilitator
    assert co_producer.name not in line.detail and HURTFUL not in line.detail
    assert not Activity.objects.filter(actor=co_producer).exists()
    # Nothing stored ties the set-aside to the writer.
    aside = SetAside.objects.get()
    assert co_producer.pk not in {aside.set_by_id, aside.put_back_by_id}
    # No page names the writer beside the words or the notice; the facilitators' pages
    # don't name them at all.
    for client, url in [
        (facilitator_client, reverse("setting_aside:kept", args=[project.pk])),
        (facilitator_client, item_url(project, "postit", anonymous_postit.pk)),
    ]:
        assert co_producer.name not in page(client, url)
    for url in [reverse("lake:board", args=[project.pk]), reverse("lake:list", args=[project.pk])]:
        html = page(facilitator_client, url)
        assert notice() in html and co_producer.name not in _near(html, notice())
    # The writer's own account can't show it: nothing links it to them.
    mine = page(co_producer_client, reverse("setting_aside:mine"))
    assert HURTFUL not in mine
    assert "None of your words are set aside." in mine
    # Their own data file doesn't hold it either.
    data = co_producer_client.get(reverse("people:data"))
    content = b"".join(data.streaming_content) if data.streaming else data.content
    assert HURTFUL.encode() not in content
    # The project file holds neither the words nor a link to the writer.
    exported = facilitator_client.get(reverse("portability:export", args=[project.pk]))
    content = b"".join(exported.streaming_content) if exported.streaming else exported.content
    assert HURTFUL.encode() not in content


def _near(html: str, text: str) -> str:
    at = html.find(text)
    return "" if at < 0 else html[max(0, at - 400) : at + 400]


# -- the named writer is told -------------------------------------------------------------------


def test_the_named_writer_reads_the_reason_changes_their_words_and_the_group_is_asked_again(
    facilitator_client, co_producer_client, project, facilitator, named_postit, rule
):
    aside = set_aside(project, named_postit, facilitator, rule, reason="Unkind about others.")
    profile = page(co_producer_client, reverse("accounts:profile"))
    assert reverse("setting_aside:mine") in profile
    mine = page(co_producer_client, reverse("setting_aside:mine"))
    assert "Better drop-in" in mine and RULE in mine
    yours_url = reverse("setting_aside:yours", args=[project.pk, aside.pk])
    html = page(co_producer_client, yours_url)
    assert HURTFUL in html and "Unkind about others." in html
    # Empty words are refused, and nothing changes.
    response = co_producer_client.post(yours_url, {"text": "   "})
    assert response.status_code == 400
    assert not LookRequest.objects.exists()
    response = co_producer_client.post(yours_url, {"text": "I find it hard to get a word in."})
    assert response.status_code == 302
    named_postit.refresh_from_db()
    assert named_postit.text == "I find it hard to get a word in."
    assert named_postit.revisions.count() == 2
    # Still set aside until a facilitator looks again; the request says the writer asked.
    assert SetAside.objects.get().is_live
    look = LookRequest.objects.get()
    assert look.by_author and look.asked_by_id == named_postit.author_id
    board = page(co_producer_client, reverse("lake:board", args=[project.pk]))
    assert "I find it hard" not in board
    # No activity line names the writer for changing set-aside words.
    assert not Activity.objects.filter(kind__in=["postit_edited"]).exists()
    kept = page(facilitator_client, reverse("setting_aside:kept", args=[project.pk]))
    assert "changed their post-it after it was set aside" in kept


def test_the_writer_may_accept(co_producer_client, project, facilitator, named_postit, rule):
    aside = set_aside(project, named_postit, facilitator, rule)
    response = co_producer_client.post(reverse("setting_aside:accept", args=[project.pk, aside.pk]))
    assert response.status_code == 302
    assert SetAside.objects.get().accepted_at is not None


def test_only_the_writer_opens_their_page(
    facilitator_client, project, facilitator, named_postit, rule
):
    aside = set_aside(project, named_postit, facilitator, rule)
    response = facilitator_client.get(reverse("setting_aside:yours", args=[project.pk, aside.pk]))
    assert response.status_code == 403
    response = facilitator_client.post(reverse("setting_aside:accept", args=[project.pk, aside.pk]))
    assert response.status_code == 403


def test_a_completed_project_shows_the_writer_the_reason_but_refuses_a_change(
    co_producer_client, project, facilitator, named_postit, rule
):
    aside = set_aside(project, named_postit, facilitator, rule)
    Project.objects.filter(pk=project.pk).update(completed_at=timezone.now())
    url = reverse("setting_aside:yours", args=[project.pk, aside.pk])
    html = page(co_producer_client, url)
    assert 'name="text"' not in html
    assert co_producer_client.post(url, {"text": "New words"}).status_code == 403


# -- asking for a look ---------------------------------------------------------------------------


def test_asking_for_a_look_without_a_name_is_private_and_unnamed(
    co_producer_client, facilitator_client, project, co_producer, anonymous_postit
):
    before = Activity.objects.count()
    response = co_producer_client.post(
        item_url(project, "postit", anonymous_postit.pk, "ask"),
        {"look-anonymous": "on", "look-note": "This hurts."},
    )
    assert response.status_code == 302
    look = LookRequest.objects.get()
    assert look.asked_by is None and look.note == "This hurts."
    # Nobody else is told: no activity line.
    assert Activity.objects.count() == before
    kept = page(facilitator_client, reverse("setting_aside:kept", args=[project.pk]))
    assert "A member who chose not to give their name" in kept
    assert "This hurts." in kept
    assert "Cora" not in _near(kept, "This hurts.")


def test_a_named_look_shows_the_name_and_a_facilitator_may_leave_the_words(
    co_producer_client, facilitator_client, project, anonymous_postit
):
    co_producer_client.post(item_url(project, "postit", anonymous_postit.pk, "ask"), {})
    look = LookRequest.objects.get()
    kept = page(facilitator_client, reverse("setting_aside:kept", args=[project.pk]))
    assert "Cora Coproducer asks you to look at a post-it." in kept
    response = facilitator_client.post(
        reverse("setting_aside:look_keep", args=[project.pk, look.pk])
    )
    assert response.status_code == 302
    look.refresh_from_db()
    assert look.outcome == "kept"
    # Answering again: already answered.
    response = facilitator_client.post(
        reverse("setting_aside:look_keep", args=[project.pk, look.pk]), follow=True
    )
    assert "Someone already answered this request." in response.content.decode()


def test_setting_aside_answers_open_requests(
    project, facilitator, co_producer, anonymous_postit, rule
):
    services.look_ask(
        project=project,
        kind=KINDS["postit"],
        item=anonymous_postit,
        asker=co_producer,
        anonymous=True,
    )
    set_aside(project, anonymous_postit, facilitator, rule)
    assert LookRequest.objects.get().outcome == "set_aside"


def test_a_look_note_too_long_is_refused(co_producer_client, project, anonymous_postit):
    response = co_producer_client.post(
        item_url(project, "postit", anonymous_postit.pk, "ask"), {"look-note": "x" * 501}
    )
    assert response.status_code == 400
    assert not LookRequest.objects.exists()


# -- queries stay flat ---------------------------------------------------------------------------


def _fill(project, author, facilitator, rule, n):
    for i in range(n):
        postit = lake_services.postit_add(
            project=project, author=author, text=f"Idea {i}", place="planning", colour="yellow"
        )
        if i % 2 == 0:
            set_aside(project, postit, facilitator, rule)
        else:
            services.look_ask(
                project=project, kind=KINDS["postit"], item=postit, asker=author, anonymous=False
            )


@pytest.mark.parametrize(
    "name",
    ["setting_aside:kept", "lake:board", "setting_aside:mine"],
)
def test_pages_make_the_same_number_of_queries_however_much_is_set_aside(
    facilitator_client, co_producer_client, project, facilitator, co_producer, rule, name
):
    """A page that grew a query per set-aside would slow every meeting with many of them."""
    client = co_producer_client if name == "setting_aside:mine" else facilitator_client
    url = reverse(name) if name == "setting_aside:mine" else reverse(name, args=[project.pk])

    def queries():
        with count_queries() as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    _fill(project, co_producer, facilitator, rule, 2)
    small = queries()
    _fill(project, co_producer, facilitator, rule, 20)
    assert queries() == small


# -- the demo ------------------------------------------------------------------------------------


def test_the_demo_has_one_set_aside_post_it(db, settings):
    settings.DEBUG = True
    call_command("demo", stdout=open("/dev/null", "w"))
    aside = SetAside.objects.get()
    assert aside.kind == "postit" and aside.set_by.name == "Sam"
    postit = PostIt.objects.get(pk=aside.item_id)
    assert postit.is_anonymous and postit.author_id is None
    c = Client()
    c.force_login(aside.set_by)
    board = page(c, reverse("lake:board", args=[aside.project_id]))
    assert postit.text not in board
    assert "Set aside by Sam" in board


def test_every_kind_is_registered():
    assert set(KINDS) == {"note", "postit", "answer", "response", "thanks", "update"}
    for kind in KINDS.values():
        assert kind.model.set_aside_kind == kind.key
        assert hasattr(kind.model.objects, "visible") and hasattr(
            kind.model.objects, "with_set_aside"
        )
    assert Note.objects.visible is not None and Thanks.objects.with_set_aside is not None
