"""Anonymity that holds for good: each finding of the trust review, with the test that holds it.

Scores named after the fact, anonymous words named in the activity, certificates that
tell who passed, anonymous check-ins answered many times, reveals in small groups, names
read through forms, removed members walking back in, removed post-its kept for ever,
names that pass for the app's own words, and what deleting an account leaves behind.
"""

import json
from datetime import timedelta
from importlib import import_module
from io import StringIO
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from checkins import services as checkin_services
from checkins.models import AnonymousAnswerer, CheckInResponse
from lake import services as lake_services
from lake.models import PostIt, PostItRevision
from marks import services as marks_services
from marks.models import Mark, RoundParticipant, Score, ScoringRound, ScoringSettings
from marks.scoring import services as scoring
from meetings import services as meeting_services
from projects.models import Activity, Invitation, Membership, RemovedMember, Update
from projects.stages import Stage
from sharing.people import services as people_services

from .factories import add_agenda_item, add_member, make_set_meeting, make_user


def first_mark(project) -> Mark:
    return Mark.objects.filter(project=project, stage=Stage.PROCESS).order_by("position", "pk")[0]


def mark_url(project, mark) -> str:
    return reverse("marks:mark", args=[project.pk, mark.pk])


def scored_round(project, facilitator, values, *, names: bool = False) -> ScoringRound:
    """A round opened while the project shows names (or not), with one score per new member."""
    ScoringSettings.objects.update_or_create(project=project, defaults={"show_names": names})
    scoring_round = scoring.round_open(mark=first_mark(project), actor=facilitator)
    for i, value in enumerate(values):
        person = make_user(f"Scorer {i}")
        add_member(project, person)
        scoring.score_set(scoring_round=scoring_round, member=person, value=value)
    return scoring_round


def settings_post(client, project, **fields):
    data = {k: "on" for k, v in fields.items() if v}
    # The settings as the page shows them now, so the save is never a stale one.
    data["version"] = ScoringSettings.for_project(project).version
    return client.post(reverse("scoring:scoring_settings", args=[project.pk]), data)


# -- 1. revealed scores can't be named afterwards --------------------------------------


def test_switching_names_on_later_names_nobody_in_a_round_revealed_anonymously(
    facilitator_client, project, facilitator
):
    scoring_round = scored_round(project, facilitator, [3, 9, 6])
    scoring.round_reveal(scoring_round=scoring_round, actor=facilitator)
    assert settings_post(facilitator_client, project, show_names=True).status_code == 302
    page = facilitator_client.get(mark_url(project, scoring_round.mark)).content.decode()
    assert "Lowest 3, highest 9" in page
    assert "Who gave which score" not in page and "Scorer 0" not in page
    meeting = make_set_meeting(project, facilitator)
    add_agenda_item(meeting, facilitator, kind="mark", mark=scoring_round.mark)
    meeting_services.agenda_step(meeting=meeting, actor=facilitator, step="start")
    screen = facilitator_client.get(reverse("screen:screen", args=[project.pk, meeting.pk]))
    assert "Lowest 3, highest 9" in screen.content.decode()
    assert "Scorer 0" not in screen.content.decode()
    exported = facilitator_client.get(reverse("portability:export", args=[project.pk]))
    document = json.loads(exported.content)
    rounds = [r for m in document["marks"]["marks"] for r in m["rounds"]]
    assert [s["member"] for s in rounds[0]["scores"]] == [None, None, None]
    assert rounds[0]["show_names"] is False


def test_an_anonymous_reveal_forgets_whose_score_was_whose(project, facilitator):
    scoring_round = scored_round(project, facilitator, [8, 2, None])
    scoring.round_reveal(scoring_round=scoring_round, actor=facilitator)
    scores = Score.objects.filter(round=scoring_round)
    assert not scores.filter(member__isnull=False).exists()
    # Written again in order of value, at one moment: nothing to match with who took part.
    values = list(scores.order_by("pk").values_list("value", flat=True))
    assert [v for v in values if v is not None] == [2, 8] and None in values
    assert len(set(scores.values_list("created_at", flat=True))) == 1
    assert RoundParticipant.objects.filter(round=scoring_round).count() == 3


def test_a_round_opened_showing_names_keeps_them_after_the_setting_goes_off(
    facilitator_client, project, facilitator
):
    scoring_round = scored_round(project, facilitator, [4, 7, 5], names=True)
    settings_post(facilitator_client, project, show_names=False)
    scoring.round_reveal(scoring_round=scoring_round, actor=facilitator)
    page = facilitator_client.get(mark_url(project, scoring_round.mark)).content.decode()
    assert "Scorer 0: 4" in page
    # The next round follows the new setting.
    scoring.round_agree(scoring_round=scoring_round, actor=facilitator, value=5, note="ok")
    assert not scoring.round_open(mark=scoring_round.mark, actor=facilitator).show_names


def test_changing_the_names_setting_is_in_the_activity_and_moves_the_revision(
    facilitator_client, project, facilitator
):
    before = project.revision
    settings_post(facilitator_client, project, show_names=True)
    settings_post(facilitator_client, project, show_names=False)
    kinds = list(Activity.objects.filter(project=project).values_list("kind", flat=True))
    assert "names_shown" in kinds and "names_hidden" in kinds
    project.refresh_from_db()
    assert project.revision >= before + 2
    home = facilitator_client.get(reverse("projects:home", args=[project.pk])).content.decode()
    assert "rounds opened from now on" in home
    page = facilitator_client.get(reverse("scoring:scoring_settings", args=[project.pk]))
    assert "changes only the rounds opened after you save" in page.content.decode()


# -- 3. certificates count taking part, not giving a number ----------------------------


def test_a_certificate_counts_passing_like_scoring(project, facilitator, client):
    scoring_round = scored_round(project, facilitator, [6, 7])
    passer = make_user("Pat Passer")
    add_member(project, passer)
    scoring.score_set(scoring_round=scoring_round, member=passer, value=None)
    scoring.round_reveal(scoring_round=scoring_round, actor=facilitator)
    client.force_login(passer)
    page = client.get(reverse("certificates:certificate", args=[project.pk, passer.pk]))
    assert "Scored a mark with the group 1 time" in page.content.decode()


# -- 5. small groups: a reveal with few scores asks first -------------------------------


def test_revealing_with_fewer_than_three_scores_warns_and_lets_the_group_wait(
    facilitator_client, project, facilitator
):
    scoring_round = scored_round(project, facilitator, [5, 6])
    target = reverse("scoring:round_reveal", args=[project.pk, scoring_round.pk])
    response = facilitator_client.post(target, follow=True)
    scoring_round.refresh_from_db()
    assert scoring_round.is_open
    page = response.content.decode()
    assert "Only 2 people have given a score so far." in page
    assert "Wait for more scores" in page and 'name="confirm" value="yes"' in page
    facilitator_client.post(target, {"confirm": "yes"})
    scoring_round.refresh_from_db()
    assert scoring_round.is_revealed


def test_three_scores_or_a_named_round_reveal_at_once(facilitator_client, project, facilitator):
    three = scored_round(project, facilitator, [5, 6, None, 7])
    facilitator_client.post(reverse("scoring:round_reveal", args=[project.pk, three.pk]))
    three.refresh_from_db()
    assert three.is_revealed


# -- 2. anonymous words are recorded without a name -------------------------------------


def test_sending_an_anonymous_note_to_the_lake_names_nobody(
    facilitator_client, project, facilitator
):
    project.allow_anonymous = True
    project.save(update_fields=["allow_anonymous"])
    note = marks_services.note_add(
        mark=first_mark(project), author=None, kind="snake", text="Quiet worry", anonymous=True
    )
    facilitator_client.post(reverse("lake:from_note", args=[project.pk, note.pk]))
    postit = PostIt.objects.get()
    assert Activity.objects.get(kind="postit_added").actor is None
    # Moving, removing and bringing back anonymous words names nobody either.
    lake_services.postit_move(postit=postit, place="water", actor=facilitator)
    lake_services.postit_delete(postit=postit, actor=facilitator)
    lake_services.postit_restore(postit=postit, actor=facilitator)
    named = Activity.objects.filter(kind__startswith="postit_", actor__isnull=False)
    assert not named.exists()
    home = facilitator_client.get(reverse("projects:home", args=[project.pk])).content.decode()
    assert "Fran Facilitator added a post-it" not in home


# -- 8. removed post-its are gone after 30 days -------------------------------------


def test_post_its_removed_over_30_days_ago_are_purged_and_answer_404(
    facilitator_client, project, facilitator
):
    old = lake_services.postit_add(
        project=project, author=facilitator, text="Old idea", place="water", colour="pink"
    )
    recent = lake_services.postit_add(
        project=project, author=facilitator, text="Recent idea", place="water", colour="pink"
    )
    lake_services.postit_delete(postit=old, actor=facilitator)
    lake_services.postit_delete(postit=recent, actor=facilitator)
    PostIt.objects.filter(pk=old.pk).update(deleted_at=timezone.now() - timedelta(days=31))
    history = reverse("lake:history", args=[project.pk, old.pk])
    # Gone at once, even before the daily command runs.
    assert facilitator_client.get(history).status_code == 404
    out = StringIO()
    call_command("purge_removed_postits", stdout=out)
    assert "Deleted 1 post-it" in out.getvalue()
    assert list(PostIt.objects.values_list("text", flat=True)) == ["Recent idea"]
    assert not PostItRevision.objects.filter(postit_id=old.pk).exists()
    assert not Activity.objects.filter(detail="Old idea").exists()
    assert facilitator_client.get(history).status_code == 404
    restore = reverse("lake:restore", args=[project.pk, old.pk])
    assert facilitator_client.post(restore).status_code == 404
    call_command("purge_removed_postits", stdout=StringIO())
    assert PostIt.objects.count() == 1


# -- 4. one anonymous answer per person, linked to nobody --------------------------------


@pytest.fixture
def open_checkin(project, facilitator):
    project.allow_anonymous = True
    project.save(update_fields=["allow_anonymous"])
    return checkin_services.checkin_start(project=project, actor=facilitator)


def checkin_url(checkin) -> str:
    return reverse("checkins:checkin", args=[checkin.project_id, checkin.pk])


def test_a_person_answers_an_anonymous_checkin_once(co_producer_client, open_checkin):
    first = co_producer_client.post(
        checkin_url(open_checkin), {"voices": "Said once", "anonymous": "on"}
    )
    assert first.status_code == 302
    again = co_producer_client.post(
        checkin_url(open_checkin), {"voices": "Said twice", "anonymous": "on"}
    )
    assert again.status_code == 400
    assert "already answered this check-in without your name" in again.content.decode()
    named = co_producer_client.post(checkin_url(open_checkin), {"voices": "Now named"})
    assert named.status_code == 400
    assert CheckInResponse.objects.filter(checkin=open_checkin).count() == 1
    page = co_producer_client.get(checkin_url(open_checkin)).content.decode()
    assert "1 answer so far" in page
    assert "You have answered this check-in without your name" in page


def test_the_mark_of_an_anonymous_answer_is_a_keyed_hash_apart_from_the_answers(
    open_checkin, co_producer, facilitator
):
    response = checkin_services.checkin_answer(
        checkin=open_checkin, member=co_producer, answers={"voices": "Quiet"}, anonymous=True
    )
    assert response.author is None
    row = AnonymousAnswerer.objects.get()
    assert row.key == checkin_services.answerer_key(open_checkin, co_producer)
    assert len(row.key) == 64
    assert row.key != checkin_services.answerer_key(open_checkin, facilitator)
    # Nothing on the row leads to the answers, or says when it was made.
    fields = {f.name for f in AnonymousAnswerer._meta.get_fields()}
    assert fields == {"key", "checkin"}
    with pytest.raises(IntegrityError), transaction.atomic():
        AnonymousAnswerer.objects.create(key=row.key, checkin=open_checkin)


def test_answering_anonymously_after_a_named_answer_replaces_it(open_checkin, co_producer):
    checkin_services.checkin_answer(
        checkin=open_checkin, member=co_producer, answers={"voices": "Named"}, anonymous=False
    )
    checkin_services.checkin_answer(
        checkin=open_checkin, member=co_producer, answers={"voices": "Unnamed"}, anonymous=True
    )
    responses = CheckInResponse.objects.filter(checkin=open_checkin)
    assert [(r.author, r.is_anonymous) for r in responses] == [(None, True)]


# -- 5. closing with few anonymous answers asks first -----------------------------------


def test_closing_with_fewer_than_three_anonymous_answers_warns_and_lets_the_group_wait(
    co_producer_client, open_checkin, co_producer
):
    checkin_services.checkin_answer(
        checkin=open_checkin, member=co_producer, answers={"voices": "Quiet"}, anonymous=True
    )
    close = reverse("checkins:checkin_close", args=[open_checkin.project_id, open_checkin.pk])
    response = co_producer_client.post(close, follow=True)
    open_checkin.refresh_from_db()
    assert open_checkin.is_open
    page = response.content.decode()
    assert "Only 1 answer was given without a name." in page
    assert "Wait for more answers" in page
    co_producer_client.post(close, {"confirm": "yes"})
    open_checkin.refresh_from_db()
    assert not open_checkin.is_open


def test_a_checkin_with_only_named_answers_closes_at_once(
    co_producer_client, open_checkin, co_producer
):
    checkin_services.checkin_answer(
        checkin=open_checkin, member=co_producer, answers={"voices": "Named"}, anonymous=False
    )
    close = reverse("checkins:checkin_close", args=[open_checkin.project_id, open_checkin.pk])
    co_producer_client.post(close)
    open_checkin.refresh_from_db()
    assert not open_checkin.is_open


def test_deleting_an_account_drops_the_marks_of_its_anonymous_answers(open_checkin, co_producer):
    checkin_services.checkin_answer(
        checkin=open_checkin, member=co_producer, answers={"voices": "Quiet"}, anonymous=True
    )
    people_services.account_delete(user=co_producer, remove=False, choices={})
    assert not AnonymousAnswerer.objects.exists()
    # The answers themselves stay: they were never linked to the person.
    assert CheckInResponse.objects.filter(checkin=open_checkin, is_anonymous=True).count() == 1


# -- 7. a removed member comes back only when invited again by email ---------------------


def open_link(project, facilitator, **fields) -> Invitation:
    return Invitation.objects.create(
        project=project,
        created_by=facilitator,
        expires_at=Invitation.default_expiry(),
        **fields,
    )


def remove(client, project, user, **data):
    membership = Membership.objects.get(project=project, user=user)
    return client.post(reverse("projects:member_remove", args=[project.pk, membership.pk]), data)


def test_a_removed_member_cannot_walk_back_in_through_an_open_link(
    facilitator_client, co_producer_client, project, facilitator, co_producer
):
    link = open_link(project, facilitator)
    remove(facilitator_client, project, co_producer)
    join = reverse("invitations:join", args=[link.token])
    page = co_producer_client.get(join)
    assert page.status_code == 403
    assert "removed you from" in page.content.decode()
    assert co_producer_client.post(join).status_code == 403
    assert not Membership.objects.filter(project=project, user=co_producer).exists()
    # An email invitation sent before the removal doesn't bring them back either.
    link.email = co_producer.email
    link.created_at = timezone.now() - timedelta(days=1)
    link.save()
    assert co_producer_client.post(join).status_code == 403


def test_an_email_invitation_after_the_removal_brings_them_back(
    facilitator_client, co_producer_client, project, facilitator, co_producer
):
    remove(facilitator_client, project, co_producer)
    again = open_link(project, facilitator, email=co_producer.email.upper(), max_uses=1)
    response = co_producer_client.post(reverse("invitations:join", args=[again.token]))
    assert response.status_code == 302
    assert Membership.objects.filter(project=project, user=co_producer).exists()
    assert not RemovedMember.objects.exists()


def test_leaving_of_ones_own_accord_keeps_the_links_working(
    co_producer_client, project, facilitator, co_producer
):
    link = open_link(project, facilitator)
    co_producer_client.post(reverse("projects:leave", args=[project.pk]))
    co_producer_client.post(reverse("invitations:join", args=[link.token]))
    assert Membership.objects.filter(project=project, user=co_producer).exists()


def test_removing_someone_can_stop_the_open_links(
    facilitator_client, project, facilitator, co_producer
):
    link = open_link(project, facilitator)
    membership = Membership.objects.get(project=project, user=co_producer)
    page = facilitator_client.get(
        reverse("projects:member_remove", args=[project.pk, membership.pk])
    ).content.decode()
    assert "Also stop the project&#x27;s open invitation links" in page
    remove(facilitator_client, project, co_producer, stop_links="on")
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert Activity.objects.filter(project=project, kind="invitations_stopped").exists()


# -- 9. one-line names that can't pass for the app's own words ----------------------------

HIDDEN = ["Fran\ncis", "Fran\tcis", "Fran\u200bcis", "Fran\u202ecis", "Fran\u2028cis", "Fr\x07an"]


@pytest.mark.parametrize("name", HIDDEN)
def test_a_persons_name_is_one_line_without_hidden_characters(client, facilitator, name):
    client.force_login(facilitator)
    response = client.post(reverse("accounts:profile"), {"name": name})
    facilitator.refresh_from_db()
    assert facilitator.name == "Fran Facilitator"
    assert "Write this on one line, without line breaks or hidden characters." in (
        response.content.decode()
    )


@pytest.mark.parametrize("name", ["Anonymous", " anonymous ", "A former member", "SOMEONE"])
def test_a_name_cannot_pass_for_the_apps_own_words(client, facilitator, name):
    client.force_login(facilitator)
    response = client.post(reverse("accounts:profile"), {"name": name})
    facilitator.refresh_from_db()
    assert facilitator.name == "Fran Facilitator"
    assert "is what the app shows when it doesn" in response.content.decode()


def test_signing_up_refuses_a_name_on_two_lines(client, db):
    response = client.post(
        reverse("account_signup"),
        {
            "name": "Sam\u2029Smith",
            "email": "sam@example.org",
            "password1": "a long passphrase 42",
            "password2": "a long passphrase 42",
        },
    )
    assert "Write this on one line" in response.content.decode()
    assert not User.objects.filter(email="sam@example.org").exists()


def test_project_names_and_update_titles_are_one_line(facilitator_client, project):
    response = facilitator_client.post(reverse("projects:create"), {"name": "Two\nlines"})
    assert "Write this on one line" in response.content.decode()
    response = facilitator_client.post(
        reverse("completing:updates", args=[project.pk]),
        {"title": "News\u200b", "body": "Words"},
    )
    assert "Write this on one line" in response.content.decode()
    assert not Update.objects.exists()
    project.refresh_from_db()
    assert project.name == "Better drop-in"


# -- 10. deleting an account leaves nothing behind, and finds sessions without reading all ---


def test_deleting_an_account_removes_invitations_to_its_other_addresses(
    project, facilitator, co_producer
):
    EmailAddress.objects.create(user=co_producer, email="cora.home@example.org")
    open_link(project, facilitator, email="Cora.Home@example.org", max_uses=1)
    open_link(project, facilitator, email=co_producer.email, max_uses=1)
    kept = open_link(project, facilitator, email="someone.else@example.org", max_uses=1)
    people_services.account_delete(user=co_producer, remove=False, choices={})
    assert list(Invitation.objects.all()) == [kept]


def test_signing_a_person_out_everywhere_reads_no_other_session(monkeypatch, project, co_producer):
    for i in range(20):
        Client().force_login(make_user(f"Other {i}"))
    Client().force_login(co_producer)
    Client().force_login(co_producer)
    decoded = []
    original = SessionBase.decode

    def counting_decode(self, session_data):
        decoded.append(session_data)
        return original(self, session_data)

    monkeypatch.setattr(SessionBase, "decode", counting_decode)
    people_services.account_delete(user=co_producer, remove=False, choices={})
    monkeypatch.undo()
    assert decoded == []
    store = import_module(settings.SESSION_ENGINE).SessionStore
    live = [store().decode(s.session_data) for s in store.get_model_class().objects.all()]
    assert len(live) == 20
    assert str(co_producer.pk) not in {d.get("_auth_user_id") for d in live}


def test_clearsessions_deletes_expired_sessions_and_the_readme_lists_every_daily_command(db):
    store = import_module(settings.SESSION_ENGINE).SessionStore
    model = store.get_model_class()
    model.objects.create(
        session_key="x" * 32, session_data="", expire_date=timezone.now() - timedelta(days=1)
    )
    call_command("clearsessions")
    assert not model.objects.exists()
    readme = (Path(settings.BASE_DIR) / "README.md").read_text()
    daily = readme[readme.index("## Daily commands") :]
    daily = daily[: daily.index("\n## ", 4)]
    for command in ("remind_six_months", "purge_removed_postits", "clearsessions"):
        assert f"python manage.py {command}" in daily
