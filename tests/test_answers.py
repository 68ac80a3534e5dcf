"""Answers to the group's ideas: "we're taking this forward" or "not this time", with a reason.

A facilitator answers a post-it, a note or a proposal; the author and the group read the
answer on the idea, the author also in their account (when the idea has their name), and
the lake, the mark page and the proposals say how many ideas have had one.
"""

import json
import threading
from html import unescape

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from decisions import services as decision_services
from decisions.models import Proposal, ProposalAnswer
from lake.models import PostIt, PostItAnswer
from marks.models import Action, Note, NoteAnswer
from projects.activity import record_activity
from projects.answers.kinds import KINDS
from projects.answers.services import Stale, answer_set
from projects.models import Activity, Project
from projects.rules.services import ground_rule_add
from projects.setting_aside import services as setting_aside
from projects.setting_aside.kinds import KINDS as ASIDE_KINDS
from sharing.people.services import personal_data
from sharing.portability.document import export_project, import_project

from .factories import add_member, make_note, make_postit, make_project, make_user, marks_of
from .pages import count_queries, without_tags

REASON = "We have no budget for a minibus this year."


def answer_url(project, kind, item) -> str:
    return reverse("answers:answer", args=[project.pk, kind, item.pk])


def post_answer(client, project, kind, item, **fields):
    data = {
        "answer-answer": fields.pop("answer", "not_now"),
        "answer-reason": fields.pop("reason", REASON),
        "answer-version": fields.pop("version", item.answer_version),
    }
    data.update({f"answer-{k}": v for k, v in fields.items()})
    return client.post(answer_url(project, kind, item), data)


def read(client, address) -> str:
    response = client.get(address)
    assert response.status_code == 200, address
    return response.content.decode()


def board(client, project) -> str:
    return read(client, reverse("lake:board", args=[project.pk]))


@pytest.fixture
def postit(project, co_producer):
    return make_postit(project, co_producer, text="Hire a minibus for the meetings.")


@pytest.fixture
def anonymous_postit(project, co_producer):
    Project.objects.filter(pk=project.pk).update(allow_anonymous=True)
    project.refresh_from_db()
    return make_postit(project, co_producer, text="Start later in the day.", anonymous=True)


def answer(project, kind, item, actor, answer="not_now", reason=REASON, **kwargs):
    return answer_set(
        project=project,
        kind=KINDS[kind],
        item=item,
        actor=actor,
        answer=answer,
        reason=reason,
        base_version=item.answer_version,
        **kwargs,
    )


def test_every_kind_is_registered():
    assert set(KINDS) == {"note", "postit", "proposal"}


# -- recording an answer -------------------------------------------------------------------


def test_not_this_time_needs_a_reason_and_saves_nothing_without_one(
    facilitator_client, project, postit
):
    response = post_answer(facilitator_client, project, "postit", postit, reason="   ")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_answer-reason-error"' in html
    assert "Say why not this time, in plain words" in html
    postit.refresh_from_db()
    assert postit.answer == "" and postit.answer_version == 0
    assert not PostItAnswer.objects.exists()
    assert not Activity.objects.filter(kind="answered").exists()


def test_choosing_no_answer_or_an_unknown_one_says_so(facilitator_client, project, postit):
    for value in ("", "maybe"):
        response = post_answer(facilitator_client, project, "postit", postit, answer=value)
        assert response.status_code == 400
        assert "Choose “We're taking this forward” or “Not this time”." in unescape(
            response.content.decode()
        )
    too_long = post_answer(facilitator_client, project, "postit", postit, reason="x" * 1001)
    assert too_long.status_code == 400
    assert "The reason can be 1,000 characters at most." in too_long.content.decode()
    postit.refresh_from_db()
    assert postit.answer == ""


def test_not_this_time_shows_on_the_board_and_list_with_its_reason_and_who_answered(
    facilitator_client, co_producer_client, project, postit
):
    before = board(co_producer_client, project)
    assert "No answer yet." in before
    assert "0 of 1 idea answered" in without_tags(before)
    response = post_answer(facilitator_client, project, "postit", postit)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#postit-{postit.pk}")
    for address in (
        reverse("lake:board", args=[project.pk]),
        reverse("lake:list", args=[project.pk]),
    ):
        text = without_tags(read(co_producer_client, address))
        assert f"Not this time: {REASON}" in text
        assert "answered by Fran Facilitator" in text
        assert "1 of 1 idea answered" in text
    line = Activity.objects.get(kind="answered")
    assert line.actor.name == "Fran Facilitator"
    assert REASON in line.detail and postit.text not in line.detail


def test_taking_forward_may_say_why_and_reads_in_words(
    facilitator_client, co_producer_client, project, postit
):
    post_answer(facilitator_client, project, "postit", postit, answer="forward", reason="")
    text = without_tags(board(co_producer_client, project))
    assert "Answered: taking forward." in text


def test_only_facilitators_answer_and_co_producers_see_no_link(
    co_producer_client, facilitator_client, project, postit
):
    assert co_producer_client.get(answer_url(project, "postit", postit)).status_code == 403
    refused = post_answer(co_producer_client, project, "postit", postit)
    assert refused.status_code == 403
    assert "Only the project's facilitators can do this." in unescape(refused.content.decode())
    assert answer_url(project, "postit", postit) not in board(co_producer_client, project)
    assert answer_url(project, "postit", postit) in board(facilitator_client, project)


def test_ideas_of_another_project_unknown_kinds_and_removed_ideas_are_not_found(
    facilitator_client, facilitator, project, postit, co_producer
):
    other = make_project(facilitator, name="Elsewhere")
    elsewhere = make_postit(other, facilitator)
    assert facilitator_client.get(answer_url(project, "postit", elsewhere)).status_code == 404
    assert facilitator_client.get(answer_url(project, "thanks", postit)).status_code == 404
    PostIt.objects.filter(pk=postit.pk).update(deleted_at=postit.created_at)
    assert facilitator_client.get(answer_url(project, "postit", postit)).status_code == 404


def test_words_set_aside_are_not_answered(facilitator_client, facilitator, project, postit):
    rule = ground_rule_add(project=project, author=facilitator, text="We are kind.")
    setting_aside.set_aside(
        project=project, kind=ASIDE_KINDS["postit"], item=postit, actor=facilitator, rule=rule
    )
    assert facilitator_client.get(answer_url(project, "postit", postit)).status_code == 404
    # Nor counted: nobody can read them.
    assert "0 of 0 ideas answered" in without_tags(board(facilitator_client, project))


def test_a_completed_project_shows_answers_but_takes_no_new_ones(
    facilitator_client, facilitator, project, postit
):
    answer(project, "postit", postit, facilitator)
    Project.objects.filter(pk=project.pk).update(completed_at=postit.created_at)
    assert facilitator_client.get(answer_url(project, "postit", postit)).status_code == 403
    html = board(facilitator_client, project)
    assert f"Not this time: {REASON}" in without_tags(html)
    assert answer_url(project, "postit", postit) not in html


# -- changing it, with history -------------------------------------------------------------


def test_changing_the_answer_keeps_the_earlier_one_and_the_activity_says_so(
    facilitator_client, co_producer_client, project, postit, facilitator
):
    answer(project, "postit", postit, facilitator)
    postit.refresh_from_db()
    response = post_answer(
        facilitator_client, project, "postit", postit, answer="forward", reason="A grant came in."
    )
    assert response.status_code == 302
    postit.refresh_from_db()
    assert (postit.answer, postit.answer_version) == ("forward", 2)
    assert [(r.version, r.answer) for r in postit.answer_revisions.all()] == [
        (1, "not_now"),
        (2, "forward"),
    ]
    page = read(facilitator_client, answer_url(project, "postit", postit))
    assert "Earlier answers" in page and REASON in page
    assert Activity.objects.filter(kind="answer_changed", detail__contains="A grant").exists()
    assert "A grant came in." in board(co_producer_client, project)


def test_a_stale_form_shows_the_newer_answer_and_saves_nothing(
    facilitator_client, project, postit, facilitator
):
    stale_version = postit.answer_version
    answer(project, "postit", postit, facilitator, reason="Someone else's reason.")
    response = post_answer(
        facilitator_client,
        project,
        "postit",
        postit,
        answer="forward",
        reason="Mine.",
        version=stale_version,
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone answered this meanwhile" in html and "Someone else&#x27;s reason." in html
    postit.refresh_from_db()
    assert postit.answer_reason == "Someone else's reason." and postit.answer_version == 1
    # The form now carries the newer version: saving again replaces it, knowingly.
    again = post_answer(
        facilitator_client, project, "postit", postit, answer="forward", reason="Mine."
    )
    assert again.status_code == 302
    postit.refresh_from_db()
    assert postit.answer_reason == "Mine."


def test_the_same_answer_sent_twice_is_saved_once(facilitator_client, project, postit):
    first = post_answer(facilitator_client, project, "postit", postit)
    second = post_answer(facilitator_client, project, "postit", postit)
    assert first.status_code == second.status_code == 302
    assert PostItAnswer.objects.count() == 1


def test_the_service_refuses_a_stale_version(project, postit, facilitator):
    answer(project, "postit", postit, facilitator)
    stale = PostIt.objects.get(pk=postit.pk)
    stale.answer_version = 0
    with pytest.raises(Stale):
        answer(project, "postit", stale, facilitator, reason="Late.")
    assert PostItAnswer.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_facilitators_answering_at_once_make_one_answer(facilitator, co_producer):
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: SQLite lets only one writer in at a time anyway.")
    project = make_project(facilitator)
    add_member(project, co_producer)
    second = make_user("Sam Second")
    add_member(project, second, role="facilitator")
    postit = make_postit(project, co_producer)
    outcomes = []
    barrier = threading.Barrier(2)

    def attempt(user, reason):
        # Both forms were drawn before either was saved.
        item = PostIt.objects.get(pk=postit.pk)
        barrier.wait()
        try:
            answer(project, "postit", item, user, reason=reason)
            outcomes.append("saved")
        except Stale:
            outcomes.append("stale")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=attempt, args=(u, f"Reason from {u.name}"))
        for u in (facilitator, second)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["saved", "stale"]
    postit.refresh_from_db()
    assert postit.answer_version == 1
    assert PostItAnswer.objects.count() == 1
    assert Activity.objects.filter(kind="answered").count() == 1


# -- an action in the action plan ---------------------------------------------------------


def test_taking_a_note_forward_can_add_an_action_about_its_mark(
    facilitator_client, project, co_producer
):
    mark = marks_of(project)[0]
    note = make_note(mark, co_producer, text="Pay bus fares on the day.")
    response = post_answer(
        facilitator_client,
        project,
        "note",
        note,
        answer="forward",
        reason="",
        make_action="on",
        action_text="Ask for a petty cash float.",
    )
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.mark == mark and action.text == "Ask for a petty cash float."
    note.refresh_from_db()
    assert note.answer_action == action
    page = read(facilitator_client, reverse("marks:mark", args=[project.pk, mark.pk]))
    assert f"#action-{action.pk}" in page
    # One action per idea: the form no longer offers another.
    assert "Also add an action" not in read(facilitator_client, answer_url(project, "note", note))


def test_a_post_it_with_no_mark_makes_an_action_about_the_whole_project(
    facilitator_client, project, postit
):
    form = read(facilitator_client, answer_url(project, "postit", postit))
    assert "The action is about the whole project." in form
    post_answer(
        facilitator_client,
        project,
        "postit",
        postit,
        answer="forward",
        reason="",
        make_action="on",
        action_text="Price a minibus.",
    )
    action = Action.objects.get()
    assert action.mark is None and action.project == project


def test_an_action_only_comes_with_taking_forward(facilitator_client, project, postit):
    response = post_answer(
        facilitator_client, project, "postit", postit, make_action="on", action_text="Do it."
    )
    assert response.status_code == 400
    assert "An action can only come with" in response.content.decode()
    empty = post_answer(
        facilitator_client,
        project,
        "postit",
        postit,
        answer="forward",
        make_action="on",
        action_text="",
    )
    assert empty.status_code == 400 and "Say what the action is." in empty.content.decode()
    assert not Action.objects.exists()
    postit.refresh_from_db()
    assert postit.answer == ""


# -- the author is told ------------------------------------------------------------------


def test_the_named_author_reads_the_answer_in_their_account(
    co_producer_client, project, postit, facilitator
):
    profile = read(co_producer_client, reverse("accounts:profile"))
    assert reverse("answers:mine") in profile
    assert "None of your ideas has an answer yet." in read(
        co_producer_client, reverse("answers:mine")
    )
    answer(project, "postit", postit, facilitator)
    mine = without_tags(read(co_producer_client, reverse("answers:mine")))
    assert "Your post-it in Better drop-in" in mine
    assert postit.text in mine and f"Not this time: {REASON}" in mine


def test_an_anonymous_idea_shows_its_answer_to_everyone_and_is_nobodys_to_be_told(
    facilitator_client, co_producer_client, project, anonymous_postit, facilitator, co_producer
):
    post_answer(facilitator_client, project, "postit", anonymous_postit)
    for client in (facilitator_client, co_producer_client):
        assert f"Not this time: {REASON}" in without_tags(board(client, project))
    assert anonymous_postit.text not in read(co_producer_client, reverse("answers:mine"))
    # Nothing anywhere ties the answer to who wrote it.
    page = read(facilitator_client, answer_url(project, "postit", anonymous_postit))
    assert co_producer.name not in page
    line = Activity.objects.get(kind="answered")
    assert co_producer.name not in line.detail and anonymous_postit.text not in line.detail
    assert not Activity.objects.filter(actor=co_producer).exists()


# -- the lake's live updates ------------------------------------------------------------


def test_the_lake_poll_carries_the_answer_and_the_count(
    co_producer_client, project, postit, facilitator
):
    make_postit(project, facilitator, text="Another idea.")
    html = board(co_producer_client, project)
    revision = html.split('data-revision="')[1].split('"')[0]
    answer(project, "postit", postit, facilitator)
    response = co_producer_client.get(
        reverse("lake:poll", args=[project.pk]), {"revision": revision}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    fragment = response.content.decode()
    assert "data-changes" in fragment
    assert f"Not this time: {REASON}" in without_tags(fragment)
    assert 'id="lake-answered" data-live' in fragment
    assert "1 of 2 ideas answered" in without_tags(fragment)


# -- the mark page and proposals ----------------------------------------------------------


def test_the_mark_page_shows_each_notes_answer_and_how_many_have_one(
    co_producer_client, project, co_producer, facilitator
):
    mark = marks_of(project)[0]
    answered = make_note(mark, co_producer, text="A buddy for new members.")
    make_note(mark, co_producer, text="Tea before we start.")
    answer(project, "note", answered, facilitator)
    text = without_tags(read(co_producer_client, reverse("marks:mark", args=[project.pk, mark.pk])))
    assert f"Not this time: {REASON}" in text
    assert "No answer yet." in text
    assert "1 of 2 ideas answered" in text


def test_a_proposal_gets_an_answer_on_its_page_and_in_the_list(
    facilitator_client, co_producer_client, project, co_producer
):
    proposal = decision_services.proposal_add(
        project=project,
        author=co_producer,
        title="Meet on Saturdays",
        reason="",
        way="consent",
        options=[],
        closes_at=None,
        anonymous=False,
    )
    response = post_answer(facilitator_client, project, "proposal", proposal)
    assert response.status_code == 302 and response["Location"].endswith("#answer")
    page = without_tags(
        read(co_producer_client, reverse("proposals:proposal", args=[project.pk, proposal.pk]))
    )
    assert f"Not this time: {REASON}" in page
    listing = without_tags(
        read(co_producer_client, reverse("proposals:proposals", args=[project.pk]))
    )
    assert f"Not this time: {REASON}" in listing and "1 of 1 idea answered" in listing
    assert "Your proposal in Better drop-in" in without_tags(
        read(co_producer_client, reverse("answers:mine"))
    )


# -- the report, the project file, a person's data -----------------------------------------


def test_the_report_says_how_many_ideas_have_answers_and_gives_each(
    co_producer_client, project, postit, co_producer, facilitator
):
    make_postit(project, co_producer, text="Unanswered idea.")
    answer(project, "postit", postit, facilitator)
    text = without_tags(read(co_producer_client, reverse("report:report", args=[project.pk])))
    assert "Answers to our ideas" in text
    assert "1 of 2 ideas answered" in text
    assert f"Not this time: {REASON}" in text


def test_the_project_file_keeps_answers_and_their_history(
    project, postit, co_producer, facilitator
):
    mark = marks_of(project)[0]
    note = make_note(mark, co_producer, text="Tea before we start.")
    answer(project, "postit", postit, facilitator)
    postit.refresh_from_db()
    answer(project, "postit", postit, facilitator, answer="forward", reason="Found a grant.")
    answer(project, "note", note, facilitator, answer="forward", reason="")
    document = json.loads(json.dumps(export_project(project)))
    exported = document["lake"]["postits"][0]["answer"]
    assert exported["answer"] == "forward" and exported["reason"] == "Found a grant."
    assert [h["answer"] for h in exported["history"]] == ["not_now", "forward"]
    copy = import_project(document, facilitator)
    copied = PostIt.objects.get(project=copy)
    assert (copied.answer, copied.answer_reason, copied.answer_version) == (
        "forward",
        "Found a grant.",
        2,
    )
    assert copied.answered_by == facilitator
    assert PostItAnswer.objects.filter(postit=copied).count() == 2
    assert Note.objects.get(mark__project=copy, text="Tea before we start.").answer == "forward"
    assert export_project(copy)["lake"]["postits"][0]["answer"] == exported


def test_a_file_from_before_answers_still_imports(project, postit, facilitator):
    answer(project, "postit", postit, facilitator)
    document = json.loads(json.dumps(export_project(project)))
    del document["lake"]["postits"][0]["answer"]
    copy = import_project(document, facilitator)
    assert PostIt.objects.get(project=copy).answer == ""


def test_a_file_with_not_this_time_and_no_reason_is_refused(project, postit, facilitator):
    from projects.parts import BadFile

    answer(project, "postit", postit, facilitator)
    document = json.loads(json.dumps(export_project(project)))
    document["lake"]["postits"][0]["answer"]["reason"] = ""
    with pytest.raises(BadFile, match="needs a reason"):
        import_project(document, facilitator)


def test_a_persons_data_holds_the_answers_they_recorded(project, postit, facilitator, co_producer):
    answer(project, "postit", postit, facilitator)
    recorded = personal_data(facilitator)["projects"]["answers_you_recorded"]
    assert recorded == [
        {
            "kind": "post-it",
            "project": "Better drop-in",
            "answer": "not_now",
            "reason": REASON,
            "recorded_at": recorded[0]["recorded_at"],
        }
    ]
    assert personal_data(co_producer)["projects"]["answers_you_recorded"] == []


# -- the demo, and queries that don't grow ----------------------------------------------


def test_the_demo_has_answered_and_unanswered_post_its_and_notes(db, settings):
    settings.DEBUG = True
    call_command("demo", stdout=open("/dev/null", "w"))
    for model in (PostIt, Note):
        rows = model.objects.filter(deleted_at=None)
        assert rows.filter(answer="forward").exists()
        assert rows.filter(answer="not_now").exclude(answer_reason="").exists()
        assert rows.filter(answer="").exists()
    assert NoteAnswer.objects.exists() and PostItAnswer.objects.exists()
    assert Action.objects.filter(text__contains="petty cash").exists()


def _grow(project, members, facilitator, n: int) -> None:
    mark = marks_of(project)[0]
    for i in range(n):
        author = members[i % len(members)]
        postit = make_postit(project, author, text=f"Idea {i}")
        note = make_note(mark, author, text=f"Note {i}")
        if i % 2:
            answer(project, "postit", postit, facilitator, reason=f"Reason {i}")
            answer(project, "note", note, facilitator, answer="forward", reason="")
        proposal = decision_services.proposal_add(
            project=project,
            author=author,
            title=f"Proposal {i}",
            reason="",
            way="consent",
            options=[],
            closes_at=None,
            anonymous=False,
        )
        if i % 2:
            answer(project, "proposal", proposal, facilitator)


@pytest.mark.parametrize(
    "name",
    ["lake:board", "lake:list", "marks:mark", "proposals:proposals", "answers:mine"],
)
def test_pages_cost_the_same_queries_with_few_or_many_answers(name, facilitator):
    counts = []
    for size in (2, 8):
        project = make_project(facilitator, name=f"Size {size}")
        members = []
        for i in range(3):
            user = make_user(f"Member {size} {i}", f"m{size}-{i}@example.org")
            add_member(project, user)
            members.append(user)
        _grow(project, members, facilitator, size)
        record_activity(project=project, actor=facilitator, kind="settings")
        client = Client()
        client.force_login(members[0] if name == "answers:mine" else facilitator)
        if name == "marks:mark":
            address = reverse(name, args=[project.pk, marks_of(project)[0].pk])
        elif name == "answers:mine":
            address = reverse(name)
        else:
            address = reverse(name, args=[project.pk])
        client.get(address)
        with count_queries() as ctx:
            response = client.get(address)
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
    assert ProposalAnswer.objects.exists() and Proposal.objects.exists()
