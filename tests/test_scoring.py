"""Scoring together: private scores from 1 to 10, revealed together, agreed as a group."""

import re
import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client

from marks.models import Mark, Score, ScoringRound, ScoringSettings
from marks.scoring import selectors
from marks.scoring import services as scoring
from projects.models import Activity, Membership, Project
from projects.stages import Stage

from .factories import add_member, make_project, make_user
from .pages import count_queries, url, without_tags


def first_mark(project, offset: int = 0) -> Mark:
    return Mark.objects.filter(project=project, stage=Stage.PROCESS).order_by("position", "pk")[
        offset
    ]


def open_round(mark, facilitator) -> ScoringRound:
    return scoring.round_open(mark=mark, actor=facilitator)


@pytest.fixture
def mark(project):
    return first_mark(project)


@pytest.fixture
def live_round(mark, facilitator):
    return open_round(mark, facilitator)


def post_score(client, project, scoring_round, value, **headers):
    return client.post(
        url("scoring:score", project, round_id=scoring_round.pk), {"score-value": value}, **headers
    )


# -- the database holds the rules ---------------------------------------------------


def test_the_database_refuses_a_second_score_for_the_same_member(live_round, co_producer):
    Score.objects.create(round=live_round, member=co_producer, value=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.create(round=live_round, member=co_producer, value=6)


@pytest.mark.parametrize("value", [0, 11])
def test_the_database_refuses_a_score_outside_1_to_10(live_round, co_producer, value):
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.create(round=live_round, member=co_producer, value=value)


def test_the_database_allows_choosing_not_to_score(live_round, co_producer):
    Score.objects.create(round=live_round, member=co_producer, value=None)
    assert live_round.scores.get().value is None


def test_the_database_refuses_a_second_round_in_progress_on_a_mark(live_round, mark):
    with pytest.raises(IntegrityError), transaction.atomic():
        ScoringRound.objects.create(mark=mark)


def test_the_database_refuses_an_agreed_score_outside_1_to_10(live_round):
    with pytest.raises(IntegrityError), transaction.atomic():
        ScoringRound.objects.filter(pk=live_round.pk).update(agreed_value=11)


# -- opening a round ------------------------------------------------------------------


def test_a_facilitator_opens_a_round_from_the_mark_page(facilitator_client, project, mark):
    page = facilitator_client.get(url("marks:mark", project, mark_id=mark.pk)).content.decode()
    assert url("scoring:round_open", project, mark_id=mark.pk) in page
    response = facilitator_client.post(url("scoring:round_open", project, mark_id=mark.pk))
    assert response.status_code == 302
    assert response["Location"].endswith("#score")
    assert ScoringRound.objects.get(mark=mark).is_open
    assert Activity.objects.filter(project=project, kind="round_opened").exists()


def test_a_second_open_round_is_refused_with_a_message(facilitator_client, project, mark):
    facilitator_client.post(url("scoring:round_open", project, mark_id=mark.pk))
    response = facilitator_client.post(
        url("scoring:round_open", project, mark_id=mark.pk), follow=True
    )
    assert "already has a scoring round in progress" in response.content.decode()
    assert ScoringRound.objects.filter(mark=mark).count() == 1


def test_a_co_producer_cannot_open_a_round_unless_the_project_allows_it(
    co_producer_client, project, mark
):
    response = co_producer_client.post(url("scoring:round_open", project, mark_id=mark.pk))
    assert response.status_code == 403
    assert not ScoringRound.objects.exists()
    ScoringSettings.objects.create(project=project, any_member_runs_rounds=True)
    response = co_producer_client.post(url("scoring:round_open", project, mark_id=mark.pk))
    assert response.status_code == 302
    assert ScoringRound.objects.filter(mark=mark, status="open").exists()


def test_only_facilitators_change_the_scoring_settings(
    co_producer_client, facilitator_client, project
):
    address = url("scoring:scoring_settings", project)
    assert co_producer_client.get(address).status_code == 403
    assert co_producer_client.post(address, {"show_names": "on"}).status_code == 403
    assert not ScoringSettings.objects.exists()
    response = facilitator_client.post(address, {"show_names": "on", "version": 1})
    assert response.status_code == 302
    settings = ScoringSettings.objects.get(project=project)
    assert settings.show_names and not settings.any_member_runs_rounds


# -- scoring privately ----------------------------------------------------------------


def test_a_member_scores_and_changes_their_score_until_the_reveal(
    co_producer_client, project, live_round, co_producer
):
    response = post_score(co_producer_client, project, live_round, "7")
    assert response.status_code == 302
    response = post_score(co_producer_client, project, live_round, "4")
    assert Score.objects.get(round=live_round, member=co_producer).value == 4
    page = co_producer_client.get(response["Location"]).content.decode()
    assert "Your score of 4 is saved" in page


def test_a_member_can_say_they_would_rather_not_score(
    co_producer_client, project, live_round, co_producer
):
    post_score(co_producer_client, project, live_round, "none")
    assert Score.objects.get(round=live_round, member=co_producer).value is None


def test_the_score_form_is_a_fieldset_of_radio_buttons_with_a_legend(
    co_producer_client, project, mark, live_round
):
    page = co_producer_client.get(url("marks:mark", project, mark_id=mark.pk)).content.decode()
    form = page[page.index('class="score-form"') :]
    form = form[: form.index("</form>")]
    assert "<fieldset" in form and "<legend" in form and "Your score" in form
    assert form.count('type="radio"') == 11
    assert "I’d rather not score this one" in form


@pytest.mark.parametrize("value", ["0", "11", "seven", ""])
def test_a_bad_score_gets_a_clear_message_and_saves_nothing(
    co_producer_client, project, live_round, value
):
    revision = Project.objects.get(pk=project.pk).revision
    response = post_score(co_producer_client, project, live_round, value)
    assert response.status_code == 400
    assert "Choose a score from 1 to 10" in response.content.decode()
    assert "There is a problem" in response.content.decode()
    assert not Score.objects.exists()
    assert Project.objects.get(pk=project.pk).revision == revision


def test_a_bad_score_sent_by_htmx_gets_the_form_back_with_its_message(
    co_producer_client, project, live_round
):
    response = post_score(co_producer_client, project, live_round, "11", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html
    assert "Choose a score from 1 to 10" in html
    assert not Score.objects.exists()


def test_a_score_sent_by_htmx_gets_the_form_back_saying_it_is_saved(
    co_producer_client, project, live_round
):
    response = post_score(co_producer_client, project, live_round, "6", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "Your score of 6 is saved" in html


@pytest.mark.parametrize("status", ["revealed", "closed"])
def test_a_score_for_a_finished_round_is_refused(
    co_producer_client, project, live_round, facilitator, status
):
    scoring.round_reveal(scoring_round=live_round, actor=facilitator)
    if status == "closed":
        scoring.round_agree(scoring_round=live_round, actor=facilitator, value=5, note="Fine.")
    response = post_score(co_producer_client, project, live_round, "7")
    assert response.status_code == 302
    page = co_producer_client.get(response["Location"]).content.decode()
    assert "Scoring for this round has finished, so your score was not saved." in page
    assert not Score.objects.exists()


def test_a_score_in_another_projects_round_is_not_found(
    co_producer_client, project, facilitator, co_producer
):
    other = make_project(facilitator, name="Another group")
    add_member(other, make_user("Sam Stranger"))
    other_round = open_round(first_mark(other), facilitator)
    response = post_score(co_producer_client, project, other_round, "7")
    assert response.status_code == 404
    assert not Score.objects.exists()
    response = co_producer_client.post(
        url("scoring:round_reveal", project, round_id=other_round.pk)
    )
    assert response.status_code == 404


def test_it_hides_scores_until_reveal(
    facilitator_client, co_producer_client, project, mark, live_round, facilitator, co_producer
):
    """Nobody sees a value before the reveal: not the facilitator, not in a fragment."""
    post_score(co_producer_client, project, live_round, "7")
    post_score(facilitator_client, project, live_round, "3")
    page = facilitator_client.get(url("marks:mark", project, mark_id=mark.pk)).content.decode()
    assert "2 of 2 members have scored." in page
    assert "score-chart" not in page
    # The only checked radio button is the facilitator's own score.
    assert len(re.findall(r'type="radio"[^>]*checked', page)) == 1
    assert re.search(r'value="3"[^>]*checked', page)
    assert "Your score is 3." in page
    assert not re.search(r'value="7"[^>]*checked', page)
    fragment = facilitator_client.get(
        url("scoring:round_poll", project, mark_id=mark.pk) + f"?state=open-{live_round.pk}",
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert re.findall(r"\d+", without_tags(fragment)) == ["2", "2"]
    with pytest.raises(ValueError):
        selectors.reveal_of(live_round)


def test_progress_counts_only_current_members(
    facilitator_client, co_producer_client, project, mark, live_round, co_producer
):
    post_score(co_producer_client, project, live_round, "none")
    page = facilitator_client.get(url("marks:mark", project, mark_id=mark.pk)).content.decode()
    assert "1 of 2 members have scored." in page
    Membership.objects.filter(project=project, user=co_producer).delete()
    page = facilitator_client.get(url("marks:mark", project, mark_id=mark.pk)).content.decode()
    assert "0 of 1 member has scored." in page


# -- revealing ------------------------------------------------------------------------


def score_as(project, scoring_round, values):
    people = [make_user(f"Member {i}") for i in range(len(values))]
    for person, value in zip(people, values, strict=True):
        add_member(project, person)
        scoring.score_set(scoring_round=scoring_round, member=person, value=value)
    return people


def test_the_reveal_shows_the_spread_as_a_chart_and_in_words(
    facilitator_client, co_producer_client, project, mark, live_round
):
    score_as(project, live_round, [2, 6, 6, 8, None])
    response = facilitator_client.post(url("scoring:round_reveal", project, round_id=live_round.pk))
    assert response.status_code == 302
    page = co_producer_client.get(url("marks:mark", project, mark_id=mark.pk)).content.decode()
    assert "The scores are revealed." in page
    assert "<svg" in page and "<rect" in page
    assert 'style="' not in page
    assert "Lowest 2, highest 8, middle score (median) 6." in page
    assert "1 member chose not to score." in page
    assert "talk about why" in page
    # The table says how many chose each value.
    table = page[page.index("score-chart__table") :]
    assert re.search(r'<th scope="row">6</th><td>2</td>', table)
    assert re.search(r'<th scope="row">8</th><td>1</td>', table)
    # Anonymous by default.
    assert "Member 1" not in page
    # The agree form starts at the median.
    agree = facilitator_client.get(url("marks:mark", project, mark_id=mark.pk)).content.decode()
    assert re.search(r'name="agree-value"[^>]*value="6"', agree)


def test_the_reveal_does_not_suggest_talking_when_scores_are_close(
    facilitator_client, project, mark, live_round, facilitator
):
    score_as(project, live_round, [5, 6, 7])
    scoring.round_reveal(scoring_round=live_round, actor=facilitator)
    page = facilitator_client.get(url("marks:mark", project, mark_id=mark.pk)).content.decode()
    assert "middle score (median) 6." in page
    assert "talk about why" not in page


def test_names_show_only_when_the_project_says_so_and_leavers_stay_anonymous(
    facilitator_client, project, mark, live_round, facilitator
):
    people = score_as(project, live_round, [3, 9])
    Membership.objects.filter(project=project, user=people[1]).delete()
    ScoringSettings.objects.create(project=project, show_names=True)
    # A round opened while the project shows names (each round keeps its choice).
    live_round.show_names = True
    live_round.save(update_fields=["show_names"])
    scoring.round_reveal(scoring_round=live_round, actor=facilitator)
    page = facilitator_client.get(url("marks:mark", project, mark_id=mark.pk)).content.decode()
    assert "Member 0: 3" in page
    assert "Member 1" not in page
    assert "A former member: 9" in page
    # The leaver's score still counts in the spread.
    assert "Lowest 3, highest 9" in page


def test_a_co_producer_cannot_reveal_when_only_facilitators_may(
    co_producer_client, project, live_round
):
    response = co_producer_client.post(url("scoring:round_reveal", project, round_id=live_round.pk))
    assert response.status_code == 403
    assert "Only the project&#x27;s facilitators can do this." in response.content.decode()
    live_round.refresh_from_db()
    assert live_round.is_open


def test_revealing_twice_says_so(facilitator_client, project, live_round):
    # With no scores yet the reveal asks again first: this group chose to go ahead.
    confirmed = {"confirm": "yes"}
    facilitator_client.post(url("scoring:round_reveal", project, round_id=live_round.pk), confirmed)
    response = facilitator_client.post(
        url("scoring:round_reveal", project, round_id=live_round.pk), confirmed, follow=True
    )
    assert "already been revealed" in response.content.decode()


# -- agreeing and looking back ----------------------------------------------------------


def agree(client, project, scoring_round, value, note):
    return client.post(
        url("scoring:round_agree", project, round_id=scoring_round.pk),
        {"agree-value": value, "agree-note": note},
    )


def test_the_group_agrees_a_score_and_the_history_keeps_it(
    facilitator_client, co_producer_client, project, mark, live_round, facilitator
):
    score_as(project, live_round, [4, 8])
    scoring.round_reveal(scoring_round=live_round, actor=facilitator)
    response = agree(facilitator_client, project, live_round, "6", "We meet halfway for now.")
    assert response.status_code == 302
    live_round.refresh_from_db()
    assert live_round.is_closed and live_round.agreed_value == 6
    page = co_producer_client.get(url("marks:mark", project, mark_id=mark.pk)).content.decode()
    assert "Your group agreed a score of 6." in page
    history = page[page.index('id="score-history"') :]
    assert "We meet halfway for now." in history
    stage = co_producer_client.get(url("marks:stage", project, stage=mark.stage)).content.decode()
    assert "agreed score 6 of 10" in stage


def test_the_history_shows_the_trend(facilitator_client, project, mark, facilitator):
    for value in (3, 7):
        r = open_round(mark, facilitator)
        scoring.round_reveal(scoring_round=r, actor=facilitator)
        scoring.round_agree(scoring_round=r, actor=facilitator, value=value, note="Why.")
    page = facilitator_client.get(url("marks:mark", project, mark_id=mark.pk)).content.decode()
    assert "Up 4 points since the score before." in page
    stage = facilitator_client.get(url("marks:stage", project, stage=mark.stage)).content.decode()
    assert "agreed score 7 of 10" in stage


@pytest.mark.parametrize(
    ("value", "note", "message"),
    [
        ("0", "Why.", "must be between 1 and 10"),
        ("11", "Why.", "must be between 1 and 10"),
        ("seven", "Why.", "as a number from 1 to 10"),
        ("6", "  ", "Write a short note"),
    ],
)
def test_a_bad_agreed_score_gets_a_message_and_saves_nothing(
    facilitator_client, project, live_round, facilitator, value, note, message
):
    scoring.round_reveal(scoring_round=live_round, actor=facilitator)
    response = agree(facilitator_client, project, live_round, value, note)
    assert response.status_code == 400
    assert message in response.content.decode()
    live_round.refresh_from_db()
    assert live_round.is_revealed and live_round.agreed_value is None


def test_agreeing_before_the_reveal_is_refused(facilitator_client, project, live_round):
    response = agree(facilitator_client, project, live_round, "6", "Why.")
    page = facilitator_client.get(response["Location"]).content.decode()
    assert "Reveal the scores before the group agrees one." in page
    live_round.refresh_from_db()
    assert live_round.is_open


def test_a_co_producer_cannot_record_the_agreed_score(
    co_producer_client, project, live_round, facilitator
):
    scoring.round_reveal(scoring_round=live_round, actor=facilitator)
    assert agree(co_producer_client, project, live_round, "6", "Why.").status_code == 403
    live_round.refresh_from_db()
    assert live_round.is_revealed


# -- live updates ---------------------------------------------------------------------------


def test_a_poll_that_finds_nothing_new_is_one_query_and_an_empty_204(
    co_producer_client, project, mark, live_round, django_assert_num_queries
):
    revision = Project.objects.get(pk=project.pk).revision
    address = url("scoring:round_poll", project, mark_id=mark.pk)
    with django_assert_num_queries(1 + 2):  # the revision, plus the session and its user
        response = co_producer_client.get(f"{address}?revision={revision}&state=open-1")
    assert response.status_code == 204
    assert response.content == b""


def test_a_poll_after_a_score_sends_the_new_count_and_revision(
    facilitator_client, co_producer_client, project, mark, live_round
):
    revision = Project.objects.get(pk=project.pk).revision
    state = f"open-{live_round.pk}"
    address = url("scoring:round_poll", project, mark_id=mark.pk)
    post_score(co_producer_client, project, live_round, "8")
    response = facilitator_client.get(
        f"{address}?revision={revision}&state={state}", HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "1 of 2 members have scored." in html
    new_revision = Project.objects.get(pk=project.pk).revision
    assert f"revision={new_revision}&amp;state={state}" in html
    # The person's own form is not in a poll's answer while the round stays open.
    assert "score-controls" not in html
    assert "8" not in without_tags(html)


def test_a_poll_after_the_reveal_brings_the_chart_and_new_controls(
    facilitator_client, co_producer_client, project, mark, live_round, facilitator
):
    post_score(co_producer_client, project, live_round, "8")
    scoring.round_reveal(scoring_round=live_round, actor=facilitator)
    address = url("scoring:round_poll", project, mark_id=mark.pk)
    html = facilitator_client.get(f"{address}?revision=0&state=open-{live_round.pk}").content
    html = html.decode()
    assert "score-chart" in html
    assert 'id="score-controls" class="score-controls" hx-swap-oob="true"' in html
    assert "Record the score your group agrees" in html


def test_open_rounds_are_listed_on_the_project_home_panel(
    co_producer_client, project, mark, live_round
):
    panel = co_producer_client.get(url("marks:stages_panel", project), HTTP_HX_REQUEST="true")
    html = panel.content.decode()
    assert "Open for scores" in html and mark.title in html


# -- pages don't slow down as the group grows -----------------------------------------------


def grow(project, mark, facilitator, members: int, rounds: int):
    people = [make_user(f"Person {project.pk}-{mark.pk}-{i}-{members}") for i in range(members)]
    for person in people:
        add_member(project, person)
    for i in range(rounds):
        r = open_round(mark, facilitator)
        for n, person in enumerate(people):
            scoring.score_set(scoring_round=r, member=person, value=(n + i) % 10 + 1)
        scoring.round_reveal(scoring_round=r, actor=facilitator)
        scoring.round_agree(scoring_round=r, actor=facilitator, value=5, note=f"Round {i}.")
    return open_round(mark, facilitator), people


@pytest.mark.parametrize("page", ["mark", "stage"])
def test_scoring_pages_cost_the_same_queries_at_two_sizes(facilitator_client, facilitator, page):
    """Counts and the chart come from grouped queries, so nothing runs once per member or score."""
    counts = []
    for members, rounds in ((1, 1), (6, 4)):
        project = make_project(facilitator, name=f"Group {members}")
        mark = first_mark(project)
        current, people = grow(project, mark, facilitator, members, rounds)
        for person in people:
            scoring.score_set(scoring_round=current, member=person, value=4)
        address = {
            "mark": url("marks:mark", project, mark_id=mark.pk),
            "stage": url("marks:stage", project, stage=mark.stage),
        }[page]
        with count_queries() as queries:
            assert facilitator_client.get(address).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


# -- fifty people at once --------------------------------------------------------------------


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Concurrent scoring needs PostgreSQL: SQLite allows one writer at a time. "
    "Run with DATABASE_URL=postgres://... to include it.",
)
@pytest.mark.django_db(transaction=True)
def test_fifty_members_scoring_at_once_lose_no_score():
    facilitator = make_user("Fran Facilitator", "fran@example.org")
    project = make_project(facilitator)
    people = [make_user(f"Member {i}", f"member{i}@example.org") for i in range(50)]
    for person in people:
        add_member(project, person)
    scoring_round = open_round(first_mark(project), facilitator)
    start = threading.Barrier(len(people))
    errors = []

    def score(person, value):
        try:
            client = Client()
            client.force_login(person)
            start.wait()
            response = post_score(client, project, scoring_round, str(value))
            if response.status_code != 302:
                errors.append(response.status_code)
        except Exception as error:  # noqa: BLE001 - reported below, with the others
            errors.append(repr(error))
        finally:
            # Each thread has its own connection: close it so the test database can go.
            connection.close()

    threads = [threading.Thread(target=score, args=(p, i % 10 + 1)) for i, p in enumerate(people)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    saved = dict(Score.objects.filter(round=scoring_round).values_list("member_id", "value"))
    assert saved == {p.pk: i % 10 + 1 for i, p in enumerate(people)}
    answered, members = selectors.progress_of(scoring_round)
    assert (answered, members) == (50, 51)


def test_a_score_bumps_the_revision_without_filling_the_activity_feed(
    project, live_round, co_producer
):
    before = Project.objects.get(pk=project.pk).revision
    activities = Activity.objects.count()
    scoring.score_set(scoring_round=live_round, member=co_producer, value=5)
    assert Project.objects.get(pk=project.pk).revision == before + 1
    assert Activity.objects.count() == activities


def test_a_facilitator_steps_to_the_next_mark_of_the_stage(
    facilitator_client, project, mark, live_round, facilitator
):
    scoring.round_reveal(scoring_round=live_round, actor=facilitator)
    scoring.round_agree(scoring_round=live_round, actor=facilitator, value=5, note="Why.")
    following = first_mark(project, 1)
    page = facilitator_client.get(url("marks:mark", project, mark_id=mark.pk)).content.decode()
    assert f"Score the next mark: {following.title}" in page
    response = facilitator_client.post(url("scoring:round_open", project, mark_id=following.pk))
    assert response["Location"] == url("marks:mark", project, mark_id=following.pk) + "#score"


def test_the_demo_has_rounds_over_time_on_several_marks_and_one_open(db):
    from marks.demo import extend

    users = {name: make_user(name) for name in ("Sam", "Amina", "Jo", "Priya")}
    project = make_project(users["Sam"])
    for name in ("Amina", "Jo", "Priya"):
        add_member(project, users[name])
    extend(project=project, users=users)
    closed = ScoringRound.objects.filter(mark__project=project, status="closed")
    assert closed.values("mark").distinct().count() >= 2
    assert closed.dates("closed_at", "day").count() >= 3
    assert ScoringRound.objects.filter(mark__project=project, status="open").count() == 1


def test_a_score_sent_back_with_errors_reads_the_mark_page_once(
    co_producer_client, project, mark, live_round
):
    """The whole page with the failed form costs what the page costs, and nothing twice.

    The POST looks up the round (with its mark) where the GET looks up the mark, so the
    two must come out the same.
    """
    page = url("marks:mark", project, mark_id=mark.pk)
    co_producer_client.get(page)
    with count_queries() as shown:
        assert co_producer_client.get(page).status_code == 200
    with count_queries() as failed:
        assert post_score(co_producer_client, project, live_round, "11").status_code == 400
    assert len(failed) == len(shown), [q["sql"] for q in failed]


def test_an_agreed_score_sent_back_with_errors_reads_the_mark_page_once(
    facilitator, facilitator_client, project, mark, live_round
):
    scoring.round_reveal(scoring_round=live_round, actor=facilitator)
    page = url("marks:mark", project, mark_id=mark.pk)
    facilitator_client.get(page)
    with count_queries() as shown:
        assert facilitator_client.get(page).status_code == 200
    address = url("scoring:round_agree", project, round_id=live_round.pk)
    with count_queries() as failed:
        assert facilitator_client.post(address, {"agree-value": ""}).status_code == 400
    # The settings that say who may agree are read once, for the check and the page.
    assert len(failed) == len(shown), [q["sql"] for q in failed]


# -- scoring settings saved by two people -------------------------------------------


def test_scoring_settings_opened_before_someone_saved_them_explain_the_conflict(
    facilitator, facilitator_client, project
):
    address = url("scoring:scoring_settings", project)
    stale = facilitator_client.get(address).context["form"]["version"].value()
    scoring.scoring_settings_update(
        project=project,
        actor=facilitator,
        version=stale,
        any_member_runs_rounds=True,
        show_names=False,
    )

    response = facilitator_client.post(address, {"show_names": "on", "version": stale})

    assert response.status_code == 409
    settings = ScoringSettings.objects.get(project=project)
    assert settings.any_member_runs_rounds and not settings.show_names
    page = response.content.decode()
    assert "Someone else changed these settings while you had them open" in page
    assert response.context["form"]["show_names"].value() is True
    assert response.context["form"]["version"].value() == stale + 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_first_saves_of_the_scoring_settings_at_once_make_one_row(project, facilitator):
    """Neither finds a row; both would make one. The second now waits, then sees the first's
    save as a conflict instead of breaking the one-to-one (a 500)."""
    barrier = threading.Barrier(2)
    outcomes, errors = [], []

    def save(show_names):
        try:
            barrier.wait()
            scoring.scoring_settings_update(
                project=project,
                actor=facilitator,
                version=1,
                any_member_runs_rounds=False,
                show_names=show_names,
            )
            outcomes.append("saved")
        except scoring.StaleEdit:
            outcomes.append("conflict")
        except Exception as error:  # noqa: BLE001 - the test reports whatever went wrong
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(flag,)) for flag in (True, False)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(outcomes) == ["conflict", "saved"]
    assert ScoringSettings.objects.filter(project=project).count() == 1
