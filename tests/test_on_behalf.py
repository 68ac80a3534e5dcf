"""Words given another way: a member adds a note, a post-it or a score for someone else.

The words are the other person's: they show under their name, with who added them and how
they arrived; only people who allowed it can be chosen, never anonymously, never from
another project or after they were removed; the activity keeps the trace; the person finds
them in their account and in their own data.
"""

import json

import pytest

from checkins import services as checkin_services
from checkins.models import CheckInResponse
from decisions import services as decisions_services
from decisions.models import Response as DecisionResponse
from decisions.models import Way
from lake.models import PostIt
from marks.models import Note, Score, ScoringRound
from marks.scoring import services as scoring
from projects import services as project_services
from projects.models import Activity, Membership
from projects.on_behalf.models import Via
from projects.parts import BadFile
from sharing.demo import demo_create
from sharing.people.services import personal_data, words_added_for
from sharing.portability.document import export_project, import_project

from .factories import (
    add_member,
    allow_words_on_behalf,
    make_note,
    make_postit,
    make_project,
    make_user,
    marks_of,
)
from .pages import activity_lines, assert_field_error, count_queries, plain, url

LADDER = Note.Kind.LADDER


@pytest.fixture
def mark(project):
    return marks_of(project)[0]


@pytest.fixture
def allowed(project, co_producer):
    allow_words_on_behalf(project, co_producer)
    return co_producer


def note_for(client, project, mark, whom, *, via="one_to_one", text="More time to read", **extra):
    data = {
        "kind": LADDER,
        f"{LADDER}-text": text,
        f"{LADDER}-for_whom": str(whom),
        f"{LADDER}-given_via": via,
        **extra,
    }
    return client.post(url("marks:note_add", project, mark_id=mark.pk), data)


# -- notes -------------------------------------------------------------------------


def test_a_note_added_for_someone_shows_as_theirs_with_who_added_it(
    facilitator_client, project, mark, allowed, facilitator
):
    response = note_for(facilitator_client, project, mark, allowed.pk)
    assert response.status_code == 302
    note = Note.objects.get(text="More time to read")
    assert (note.author, note.added_by, note.given_via) == (allowed, facilitator, Via.ONE_TO_ONE)
    page = plain(facilitator_client.get(url("marks:mark", project, mark_id=mark.pk)))
    assert "Cora Coproducer (given to Fran Facilitator one-to-one)" in page


def test_the_activity_says_who_added_a_note_for_whom_and_how(
    facilitator_client, project, mark, allowed
):
    note_for(facilitator_client, project, mark, allowed.pk, via="phone")
    lines = activity_lines(facilitator_client.get(url("projects:home", project)))
    assert any(
        "Fran Facilitator added a note for another member: “Cora Coproducer, given by phone”"
        in line
        for line in lines
    ), lines


def test_the_mark_page_offers_only_people_who_allowed_it(
    facilitator_client, project, mark, allowed, facilitator
):
    quiet = make_user("Quinn Quiet")
    add_member(project, quiet)
    html = facilitator_client.get(url("marks:mark", project, mark_id=mark.pk)).content.decode()
    assert "Whose words are these?" in html
    assert f'<option value="{allowed.pk}">Cora Coproducer</option>' in html
    assert f'value="{quiet.pk}"' not in html
    # Nobody is offered to themselves.
    allow_words_on_behalf(project, facilitator)
    html = facilitator_client.get(url("marks:mark", project, mark_id=mark.pk)).content.decode()
    assert f'<option value="{facilitator.pk}">' not in html


def test_without_anyone_who_allowed_it_the_add_form_is_as_before(co_producer_client, project, mark):
    html = co_producer_client.get(url("marks:mark", project, mark_id=mark.pk)).content.decode()
    assert "Whose words are these?" not in html


def test_a_note_for_someone_who_did_not_allow_it_is_refused(
    facilitator_client, project, mark, co_producer
):
    response = note_for(facilitator_client, project, mark, co_producer.pk)
    assert response.status_code == 400
    assert_field_error(
        response, f"id_{LADDER}-for_whom", "Cora Coproducer has not said that others may add"
    )
    assert not Note.objects.filter(text="More time to read").exists()


def test_a_note_for_a_member_of_another_project_is_refused(
    facilitator_client, facilitator, project, mark, allowed
):
    elsewhere = make_user("Ellis Elsewhere")
    other = make_project(facilitator, name="Another group")
    add_member(other, elsewhere)
    allow_words_on_behalf(other, elsewhere)
    response = note_for(facilitator_client, project, mark, elsewhere.pk)
    assert response.status_code == 400
    assert_field_error(response, f"id_{LADDER}-for_whom", "not a member of this project")
    assert not Note.objects.filter(text="More time to read").exists()


def test_a_note_for_a_removed_member_is_refused(
    facilitator_client, facilitator, project, mark, allowed
):
    membership = Membership.objects.get(project=project, user=allowed)
    project_services.membership_end(membership=membership, actor=facilitator)
    response = note_for(facilitator_client, project, mark, allowed.pk)
    assert response.status_code == 400
    assert_field_error(response, f"id_{LADDER}-for_whom", "not a member of this project")
    assert not Note.objects.filter(text="More time to read").exists()


def test_anonymous_words_cannot_be_added_for_someone(facilitator_client, project, mark, allowed):
    project.allow_anonymous = True
    project.save(update_fields=["allow_anonymous"])
    response = note_for(
        facilitator_client, project, mark, allowed.pk, **{f"{LADDER}-anonymous": "on"}
    )
    assert response.status_code == 400
    assert_field_error(response, f"id_{LADDER}-anonymous", "can't be anonymous")
    assert not Note.objects.filter(text="More time to read").exists()


def test_how_the_words_arrived_must_be_said(facilitator_client, project, mark, allowed):
    response = note_for(facilitator_client, project, mark, allowed.pk, via="")
    assert response.status_code == 400
    assert_field_error(response, f"id_{LADDER}-given_via", "Choose how their words reached you.")
    assert not Note.objects.filter(text="More time to read").exists()


def test_the_person_can_change_the_note_and_the_adder_cannot(
    facilitator_client, co_producer_client, project, mark, allowed
):
    note_for(facilitator_client, project, mark, allowed.pk)
    note = Note.objects.get(text="More time to read")
    edit = url("marks:note_edit", project, note_id=note.pk)
    assert facilitator_client.get(edit).status_code == 403
    response = co_producer_client.post(
        edit,
        {
            f"edit-{note.pk}-text": "More time to read, please",
            f"edit-{note.pk}-version": note.version,
        },
    )
    assert response.status_code == 302
    note.refresh_from_db()
    # The change is theirs; the trace of who first added it stays, and so does the history.
    assert note.text == "More time to read, please"
    assert note.given_via == Via.ONE_TO_ONE and note.added_by_id is not None
    assert [r.text for r in note.revisions.order_by("version")] == [
        "More time to read",
        "More time to read, please",
    ]


def test_own_notes_are_still_added_as_before(facilitator_client, project, mark, allowed):
    data = {"kind": LADDER, f"{LADDER}-text": "Mine", f"{LADDER}-for_whom": "me"}
    assert (
        facilitator_client.post(url("marks:note_add", project, mark_id=mark.pk), data).status_code
        == 302
    )
    note = Note.objects.get(text="Mine")
    assert note.added_by is None and note.given_via == ""


def test_the_mark_page_costs_the_same_queries_however_many_notes_are_added_for_people(
    facilitator_client, facilitator, project, mark
):
    """The adder's name comes with the notes, and who can be chosen in one query."""

    def grow(n):
        for i in range(n):
            person = make_user(f"Person {len(Membership.objects.all())}-{i}")
            add_member(project, person)
            allow_words_on_behalf(project, person)
            make_note(mark, person, text=f"Note {person.pk}")
            Note.objects.filter(text=f"Note {person.pk}").update(
                added_by=facilitator, given_via=Via.PAPER
            )

    address = url("marks:mark", project, mark_id=mark.pk)
    grow(2)
    facilitator_client.get(address)
    with count_queries() as small:
        facilitator_client.get(address)
    grow(6)
    with count_queries() as large:
        response = facilitator_client.get(address)
    assert plain(response).count("given to Fran Facilitator on paper") == 8
    assert len(large) == len(small)


# -- scores ------------------------------------------------------------------------


@pytest.fixture
def live_round(mark, facilitator):
    return scoring.round_open(mark=mark, actor=facilitator)


def score_for(client, project, scoring_round, whom, value="7", via="phone"):
    return client.post(
        url("scoring:score_for", project, round_id=scoring_round.pk),
        {"score-for_whom": str(whom), "score-given_via": via, "score-value": value},
    )


def test_a_score_given_by_phone_is_saved_as_theirs_and_counted(
    facilitator_client, project, mark, live_round, allowed, facilitator
):
    page = facilitator_client.get(url("scoring:score_for", project, round_id=live_round.pk))
    assert page.status_code == 200
    assert "Whose score is this?" in page.content.decode()
    response = score_for(facilitator_client, project, live_round, allowed.pk)
    assert response.status_code == 302
    score = Score.objects.get(round=live_round)
    assert (score.member, score.value, score.added_by, score.given_via) == (
        allowed,
        7,
        facilitator,
        Via.PHONE,
    )
    mark_page = plain(facilitator_client.get(url("marks:mark", project, mark_id=mark.pk)))
    assert "1 of 2" in mark_page
    # Private as every score: the facilitator's own form is untouched, the value nowhere.
    assert not Score.objects.filter(round=live_round, member=facilitator).exists()
    line = next(a for a in Activity.objects.filter(project=project) if a.kind == "score_added_for")
    assert line.actor == facilitator
    assert line.detail == "Cora Coproducer, given by phone"
    assert "7" not in line.detail


def test_a_score_for_someone_who_did_not_allow_it_is_refused(
    facilitator_client, project, live_round, co_producer
):
    response = score_for(facilitator_client, project, live_round, co_producer.pk)
    assert response.status_code == 400
    assert_field_error(response, "id_score-for_whom", "has not said that others may add")
    assert not Score.objects.filter(round=live_round).exists()


def test_a_score_for_someone_in_another_project_is_refused(
    facilitator_client, facilitator, project, live_round
):
    elsewhere = make_user("Ellis Elsewhere")
    other = make_project(facilitator, name="Another group")
    add_member(other, elsewhere)
    allow_words_on_behalf(other, elsewhere)
    response = score_for(facilitator_client, project, live_round, elsewhere.pk)
    assert response.status_code == 400
    assert_field_error(response, "id_score-for_whom", "not a member of this project")
    assert not Score.objects.filter(round=live_round).exists()


def test_a_score_for_a_removed_member_is_refused(
    facilitator_client, facilitator, project, live_round, allowed
):
    membership = Membership.objects.get(project=project, user=allowed)
    project_services.membership_end(membership=membership, actor=facilitator)
    response = score_for(facilitator_client, project, live_round, allowed.pk)
    assert response.status_code == 400
    assert not Score.objects.filter(round=live_round).exists()


def test_a_score_can_be_added_for_someone_only_while_the_round_is_open(
    facilitator_client, facilitator, project, live_round, allowed
):
    scoring.round_reveal(scoring_round=live_round, actor=facilitator)
    response = score_for(facilitator_client, project, live_round, allowed.pk)
    assert response.status_code == 302
    assert not Score.objects.filter(round=live_round).exists()
    assert facilitator_client.get(response["Location"]).status_code == 200
    assert not ScoringRound.objects.get(pk=live_round.pk).is_open


def test_when_the_person_changes_the_score_it_is_their_own(
    facilitator_client, co_producer_client, project, live_round, allowed
):
    score_for(facilitator_client, project, live_round, allowed.pk)
    co_producer_client.post(
        url("scoring:score", project, round_id=live_round.pk), {"score-value": "4"}
    )
    score = Score.objects.get(round=live_round, member=allowed)
    assert (score.value, score.given_via, score.added_by) == (4, "", None)


def test_an_anonymous_reveal_forgets_who_added_a_score(
    facilitator_client, facilitator, project, live_round, allowed
):
    score_for(facilitator_client, project, live_round, allowed.pk)
    scoring.round_reveal(scoring_round=live_round, actor=facilitator)
    score = Score.objects.get(round=live_round)
    assert (score.member, score.added_by, score.given_via) == (None, None, "")


# -- post-its ----------------------------------------------------------------------


def postit_for(client, project, whom, via="paper", **extra):
    return client.post(
        url("lake:add", project),
        {
            "add-text": "Meet in the library",
            "add-place": "planning",
            "add-colour": "green",
            "add-for_whom": str(whom),
            "add-given_via": via,
            **extra,
        },
    )


def test_a_post_it_added_for_someone_is_theirs_with_the_trace(
    facilitator_client, project, allowed, facilitator
):
    response = postit_for(facilitator_client, project, allowed.pk)
    assert response.status_code == 302
    postit = PostIt.objects.get(text="Meet in the library")
    assert (postit.author, postit.added_by, postit.given_via) == (allowed, facilitator, Via.PAPER)
    board = plain(facilitator_client.get(url("lake:board", project)))
    assert "Cora Coproducer (given to Fran Facilitator on paper)" in board
    lines = activity_lines(facilitator_client.get(url("projects:home", project)))
    assert any(
        "added a post-it for another member: “Cora Coproducer, given on paper”" in line
        for line in lines
    )


@pytest.mark.parametrize("anonymous", [False, True])
def test_a_post_it_for_someone_not_allowed_or_anonymous_is_refused(
    facilitator_client, project, co_producer, anonymous
):
    if anonymous:
        project.allow_anonymous = True
        project.save(update_fields=["allow_anonymous"])
        allow_words_on_behalf(project, co_producer)
        response = postit_for(
            facilitator_client, project, co_producer.pk, **{"add-anonymous": "on"}
        )
        assert_field_error(response, "id_add-anonymous", "can't be anonymous")
    else:
        response = postit_for(facilitator_client, project, co_producer.pk)
        assert_field_error(response, "id_add-for_whom", "has not said that others may add")
    assert response.status_code == 400
    assert not PostIt.objects.filter(text="Meet in the library").exists()


def test_a_post_it_for_a_member_of_another_project_is_refused(
    facilitator_client, facilitator, project
):
    elsewhere = make_user("Ellis Elsewhere")
    other = make_project(facilitator, name="Another group")
    add_member(other, elsewhere)
    allow_words_on_behalf(other, elsewhere)
    response = postit_for(facilitator_client, project, elsewhere.pk)
    assert response.status_code == 400
    assert_field_error(response, "id_add-for_whom", "not a member of this project")
    assert not PostIt.objects.exists()


# -- the person's account and their own data ---------------------------------------


def test_the_account_lists_words_added_for_the_person_and_nobody_elses(
    facilitator_client, co_producer_client, facilitator, project, mark, live_round, allowed
):
    note_for(facilitator_client, project, mark, allowed.pk)
    score_for(facilitator_client, project, live_round, allowed.pk, value="8")
    postit_for(facilitator_client, project, allowed.pk)
    make_note(mark, allowed, text="Written by Cora herself")
    profile = co_producer_client.get(url("accounts:profile")).content.decode()
    assert url("people:words_for_you") in profile
    page = plain(co_producer_client.get(url("people:words_for_you")))
    assert "More time to read" in page
    assert "Meet in the library" in page
    assert "Your score for" in page and "8" in page
    assert "Given to Fran Facilitator one-to-one" in page
    assert "Given to Fran Facilitator by phone" in page
    assert "Given to Fran Facilitator on paper" in page
    assert "Written by Cora herself" not in page
    # The facilitator added them, but they are not the facilitator's words.
    other = plain(facilitator_client.get(url("people:words_for_you")))
    assert "More time to read" not in other and "Nobody has added words for you yet." in other


def test_the_account_list_costs_the_same_queries_however_many_there_are(
    facilitator_client, co_producer_client, project, mark, allowed
):
    address = url("people:words_for_you")
    note_for(facilitator_client, project, mark, allowed.pk, text="One")
    co_producer_client.get(address)
    with count_queries() as small:
        co_producer_client.get(address)
    for i in range(5):
        note_for(facilitator_client, project, mark, allowed.pk, text=f"More {i}")
        postit_for(facilitator_client, project, allowed.pk)
    with count_queries() as large:
        response = co_producer_client.get(address)
    assert plain(response).count("Given to Fran Facilitator") == 11
    assert len(large) == len(small)


def test_the_persons_own_data_says_who_added_their_words(
    facilitator_client, project, mark, live_round, allowed
):
    note_for(facilitator_client, project, mark, allowed.pk)
    score_for(facilitator_client, project, live_round, allowed.pk)
    postit_for(facilitator_client, project, allowed.pk)
    data = personal_data(allowed)
    note = next(n for n in data["marks"]["notes"] if n["text"] == "More time to read")
    assert note["added_for_you_by"] == "Fran Facilitator"
    assert note["how_it_reached_them"] == "one-to-one"
    assert data["marks"]["scores"][0]["how_it_reached_them"] == "by phone"
    assert data["lake"]["post_its"][0]["added_for_you_by"] == "Fran Facilitator"


def test_a_plain_post_it_says_nothing_about_anyone_else(project, co_producer):
    postit = make_postit(project, co_producer)
    assert postit.given_line() == ""


# -- check-in answers --------------------------------------------------------------


@pytest.fixture
def checkin(project, facilitator):
    return checkin_services.checkin_start(project=project, actor=facilitator)


def answers_for(client, checkin, whom, via="text", **extra):
    first = checkin_services.QUESTIONS[0][0]
    return client.post(
        url("checkins:checkin", checkin.project, checkin_id=checkin.pk),
        {
            f"for-{first}": "Tired but glad",
            "for-for_whom": str(whom),
            "for-given_via": via,
            **{f"for-{key}": value for key, value in extra.items()},
        },
    )


def test_check_in_answers_added_for_someone_are_theirs_with_the_trace(
    facilitator_client, co_producer_client, facilitator, project, checkin, allowed
):
    response = answers_for(facilitator_client, checkin, allowed.pk)
    assert response.status_code == 302
    saved = CheckInResponse.objects.get(checkin=checkin)
    assert (saved.author, saved.added_by, saved.given_via) == (allowed, facilitator, Via.TEXT)
    assert not CheckInResponse.objects.filter(author=facilitator).exists()
    # She finds them as her own answers, to change.
    page = co_producer_client.get(url("checkins:checkin", project, checkin_id=checkin.pk))
    assert "Tired but glad" in page.content.decode()
    checkin_services.checkin_close(checkin=checkin, actor=facilitator)
    closed = plain(facilitator_client.get(url("checkins:checkin", project, checkin_id=checkin.pk)))
    assert "Cora Coproducer (given to Fran Facilitator by text message)" in closed
    assert Activity.objects.filter(
        kind="checkin_answered_for",
        actor=facilitator,
        detail="Cora Coproducer, given by text message",
    ).exists()


def test_check_in_answers_for_someone_not_allowed_or_elsewhere_are_refused(
    facilitator_client, facilitator, project, checkin, co_producer
):
    response = answers_for(facilitator_client, checkin, co_producer.pk)
    assert response.status_code == 400
    assert_field_error(response, "id_for-for_whom", "has not said that others may add")
    elsewhere = make_user("Ellis Elsewhere")
    other = make_project(facilitator, name="Another group")
    add_member(other, elsewhere)
    allow_words_on_behalf(other, elsewhere)
    response = answers_for(facilitator_client, checkin, elsewhere.pk)
    assert_field_error(response, "id_for-for_whom", "not a member of this project")
    assert not CheckInResponse.objects.exists()


def test_check_in_answers_for_someone_cannot_be_anonymous(
    facilitator_client, project, checkin, allowed
):
    project.allow_anonymous = True
    project.save(update_fields=["allow_anonymous"])
    response = answers_for(facilitator_client, checkin, allowed.pk, anonymous="on")
    assert response.status_code == 400
    assert_field_error(response, "id_for-anonymous", "can't be anonymous")
    assert not CheckInResponse.objects.exists()


def test_the_form_for_someone_else_starts_empty_beside_ones_own_answers(
    facilitator_client, facilitator, project, checkin, allowed
):
    first = checkin_services.QUESTIONS[0][0]
    facilitator_client.post(
        url("checkins:checkin", project, checkin_id=checkin.pk), {first: "My own long day"}
    )
    html = facilitator_client.get(url("checkins:checkin", project, checkin_id=checkin.pk))
    html = html.content.decode()
    own = html[html.index('id="answer-form"') : html.index('id="for-someone-form"')]
    theirs = html[html.index('id="for-someone-form"') :]
    theirs = theirs[: theirs.index("</form>")]
    assert "My own long day" in own
    assert "My own long day" not in theirs
    assert 'name="for-for_whom"' in theirs and 'name="for_whom"' not in own
    # Saving theirs leaves one's own answers as they were.
    answers_for(facilitator_client, checkin, allowed.pk)
    texts = {
        r.author.name: r.answers.get(question=first).text
        for r in CheckInResponse.objects.filter(checkin=checkin)
    }
    assert texts == {"Fran Facilitator": "My own long day", "Cora Coproducer": "Tired but glad"}


# -- responses to proposals --------------------------------------------------------


def propose(project, author, anonymous=False):
    return decisions_services.proposal_add(
        project=project,
        author=author,
        title="Meet on Thursday evenings",
        reason="More people can come after work.",
        way=Way.CONSENT,
        options=[],
        closes_at=None,
        anonymous=anonymous,
    )


def respond_for(client, proposal, whom, via="email", **extra):
    return client.post(
        url("proposals:proposal", proposal.project, proposal_id=proposal.pk),
        {"answer": "agree", "for_whom": str(whom), "given_via": via, **extra},
    )


def test_a_response_added_for_someone_is_theirs_and_counted(
    facilitator_client, facilitator, project, allowed
):
    proposal = propose(project, facilitator)
    response = respond_for(facilitator_client, proposal, allowed.pk)
    assert response.status_code == 302
    saved = DecisionResponse.objects.get(proposal=proposal)
    assert (saved.author, saved.added_by, saved.given_via) == (allowed, facilitator, Via.EMAIL)
    assert decisions_services.response_count(proposal) == 1
    decisions_services.proposal_close(proposal=proposal, actor=facilitator)
    page = plain(
        facilitator_client.get(url("proposals:proposal", project, proposal_id=proposal.pk))
    )
    assert "We agreed to “Meet on Thursday evenings”" in page
    line = Activity.objects.get(kind="proposal_answered_for")
    assert (line.actor, line.detail) == (facilitator, "Cora Coproducer, given by email")


def test_a_response_for_someone_not_allowed_is_refused(
    facilitator_client, facilitator, project, co_producer
):
    proposal = propose(project, facilitator)
    response = respond_for(facilitator_client, proposal, co_producer.pk)
    assert response.status_code == 400
    assert_field_error(response, "id_for_whom", "has not said that others may add")
    assert not DecisionResponse.objects.exists()


def test_no_response_can_be_added_for_someone_to_an_anonymous_proposal(
    facilitator_client, facilitator, project, allowed
):
    project.allow_anonymous = True
    project.save(update_fields=["allow_anonymous"])
    proposal = propose(project, facilitator, anonymous=True)
    page = facilitator_client.get(url("proposals:proposal", project, proposal_id=proposal.pk))
    assert "Whose response is this?" not in page.content.decode()
    response = respond_for(facilitator_client, proposal, allowed.pk)
    assert response.status_code == 400
    assert_field_error(response, "id_for_whom", "Responses to this proposal are anonymous")
    assert not DecisionResponse.objects.exists()


def test_the_account_list_has_check_in_answers_and_responses_too(
    facilitator_client, co_producer_client, facilitator, project, checkin, allowed
):
    answers_for(facilitator_client, checkin, allowed.pk)
    respond_for(facilitator_client, propose(project, facilitator), allowed.pk)
    page = plain(co_producer_client.get(url("people:words_for_you")))
    assert "Your answers to a check-in" in page and "Tired but glad" in page
    assert "Your response to “Meet on Thursday evenings”" in page
    assert "Given to Fran Facilitator by email" in page
    data = personal_data(allowed)
    assert data["marks"]["check_in_answers"][0]["how_it_reached_them"] == "by text message"
    assert data["decisions"]["proposal_responses"][0]["added_for_you_by"] == "Fran Facilitator"


# -- the demo ----------------------------------------------------------------------


def test_the_demo_has_words_amina_gave_sam_another_way(db):
    project = demo_create()
    amina = project.memberships.get(user__name="Amina").user
    assert Note.objects.filter(
        author=amina, given_via=Via.ONE_TO_ONE, added_by__name="Sam"
    ).exists()
    assert PostIt.objects.filter(author=amina, given_via=Via.PAPER).exists()
    assert Score.objects.filter(member=amina, given_via=Via.PHONE, round__status="open").exists()
    # Only from someone who allowed it.
    assert amina.memberships.get(project=project).taking_part.words_on_behalf
    assert {item["given"] for item in words_added_for(amina)} >= {
        "given to Sam one-to-one",
        "given to Sam on paper",
        "given to Sam by phone",
    }


# -- the other pages with the "given to" line cost the same at two sizes -------------


def _people_who_allowed(project, n, start):
    people = []
    for i in range(start, start + n):
        person = make_user(f"Person {i}")
        add_member(project, person)
        allow_words_on_behalf(project, person)
        people.append(person)
    return people


def test_the_lake_costs_the_same_queries_however_many_post_its_were_added_for_people(
    facilitator_client, facilitator, project
):
    """Who added each post-it comes with the post-its, in the same query."""
    address = url("lake:board", project)

    def grow(people):
        for person in people:
            make_postit(
                project, person, text=f"Idea {person.pk}", added_by=facilitator, given_via=Via.PAPER
            )

    grow(_people_who_allowed(project, 2, 0))
    facilitator_client.get(address)
    with count_queries() as small:
        facilitator_client.get(address)
    grow(_people_who_allowed(project, 6, 2))
    with count_queries() as large:
        response = facilitator_client.get(address)
    assert plain(response).count("given to Fran Facilitator on paper") == 8
    assert len(large) == len(small)


def test_closed_check_ins_and_proposals_cost_the_same_queries_however_many_were_added(
    facilitator_client, facilitator, project
):
    """The answers and responses bring who added them along, in the same query."""
    first = checkin_services.QUESTIONS[0][0]
    checkins, proposals = [], []
    for people in (_people_who_allowed(project, 2, 0), _people_who_allowed(project, 6, 2)):
        checkin = checkin_services.checkin_start(project=project, actor=facilitator)
        proposal = propose(project, facilitator)
        for person in people:
            checkin_services.checkin_answer(
                checkin=checkin,
                member=person,
                answers={first: f"Fine {person.pk}"},
                anonymous=False,
                added_by=facilitator,
                given_via=Via.PHONE,
            )
            decisions_services.proposal_respond(
                proposal=proposal,
                member=person,
                answer="object",
                reason="Too late in the day",
                added_by=facilitator,
                given_via=Via.PHONE,
            )
        checkin_services.checkin_close(checkin=checkin, actor=facilitator)
        decisions_services.proposal_close(proposal=proposal, actor=facilitator)
        checkins.append(url("checkins:checkin", project, checkin_id=checkin.pk))
        proposals.append(url("proposals:proposal", project, proposal_id=proposal.pk))
    for small_address, large_address, expected in [(*checkins, 6), (*proposals, 12)]:
        facilitator_client.get(small_address)
        with count_queries() as small:
            facilitator_client.get(small_address)
        with count_queries() as large:
            response = facilitator_client.get(large_address)
        assert plain(response).count("given to Fran Facilitator by phone") == expected
        assert len(large) == len(small)


# -- the project file --------------------------------------------------------------


def test_the_project_file_carries_who_added_words_for_whom(
    facilitator_client, facilitator, project, mark, allowed
):
    note_for(facilitator_client, project, mark, allowed.pk)
    postit_for(facilitator_client, project, allowed.pk)
    make_note(mark, allowed, text="Her own")
    document = export_project(project)
    notes = {n["text"]: n for m in document["marks"]["marks"] for n in m["notes"]}
    assert notes["More time to read"]["given_via"] == "one_to_one"
    assert notes["More time to read"]["added_by"] is not None
    # Her own note says nothing of anyone else, as files always have.
    assert "given_via" not in notes["Her own"]
    imported = import_project(json.loads(json.dumps(document)), facilitator)
    note = Note.objects.get(mark__project=imported, text="More time to read")
    assert note.given_via == Via.ONE_TO_ONE and note.added_by == facilitator
    # Members other than the one importing come back as accounts of their own, by name.
    assert note.author.name == allowed.name and note.author != facilitator
    postit = PostIt.objects.get(project=imported)
    assert (postit.given_via, postit.added_by) == (Via.PAPER, facilitator)
    assert not Note.objects.get(mark__project=imported, text="Her own").given_via


def test_a_file_with_anonymous_words_added_for_someone_is_refused(
    facilitator_client, facilitator, project, allowed
):
    postit_for(facilitator_client, project, allowed.pk)
    document = export_project(project)
    document["lake"]["postits"][0].update(anonymous=True, author=None, added_by=None)
    with pytest.raises(BadFile, match="anonymous words can't have been added for someone"):
        import_project(json.loads(json.dumps(document)), facilitator)
