"""Marks in a project: the library copy, stage and mark pages, rewording, notes.

The library's content is written elsewhere and may change, so these tests make
their own marks with the factories below and check the copy generically.
"""

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from marks import services
from marks.demo import extend
from marks.library import LIBRARY
from marks.models import (
    Action,
    Mark,
    MarkRevision,
    Note,
    NoteRevision,
    ScoringRound,
)
from projects.models import Activity, Project
from projects.stages import Stage

from .factories import add_member, make_mark, make_note, make_project, make_user
from .pages import count_queries, url

LADDER = Note.Kind.LADDER
SNAKE = Note.Kind.SNAKE
MEANING = Note.Kind.MEANING


# -- a mark and a note -------------------------------------------------------


@pytest.fixture
def mark(project, facilitator):
    return make_mark(project, facilitator)


@pytest.fixture
def note(mark, co_producer):
    """A ladder written by the co-producer."""
    return make_note(mark, co_producer)


def note_data(kind=LADDER, text="", anonymous=False):
    data = {"kind": kind, f"{kind}-text": text}
    if anonymous:
        data[f"{kind}-anonymous"] = "on"
    return data


def htmx(client, method, address, data=None):
    call = client.get if method == "GET" else client.post
    return call(address, data or {}, headers={"HX-Request": "true"})


# -- the library copy --------------------------------------------------------


def test_a_new_project_gets_its_own_copy_of_every_library_mark(facilitator):
    project = make_project(facilitator)
    for stage in Stage:
        library_keys = [m.key for m in LIBRARY if m.stage == stage]
        copied = list(Mark.objects.filter(project=project, stage=stage).order_by("position", "pk"))
        # Every library mark of the stage is there once, in the library's order.
        assert [m.library_key for m in copied] == library_keys
    assert Mark.objects.filter(project=project).count() == len(LIBRARY)
    assert MarkRevision.objects.filter(mark__project=project, version=1).count() == len(LIBRARY)
    by_key = {m.key: m for m in LIBRARY}
    for copy in Mark.objects.filter(project=project):
        assert copy.title == str(by_key[copy.library_key].title)
        assert not copy.hidden and copy.version == 1


def test_rewording_a_mark_in_one_project_leaves_other_projects_alone(facilitator):
    first = make_project(facilitator, name="First")
    second = make_project(facilitator, name="Second")
    mark = make_mark(first, facilitator, title="Our words")
    services.mark_reword(
        mark=mark, editor=facilitator, base_version=1, title="Better words", explanation=""
    )
    assert not Mark.objects.filter(project=second, title="Better words").exists()
    if LIBRARY:
        key = LIBRARY[0].key
        copy = Mark.objects.get(project=first, library_key=key)
        services.mark_reword(
            mark=copy, editor=facilitator, base_version=1, title="Changed", explanation=""
        )
        assert Mark.objects.get(project=second, library_key=key).title == str(LIBRARY[0].title)


# -- every view: sign-in, method, outsiders ----------------------------------

# (name, needs, methods allowed). needs: which object the URL takes.
VIEWS = [
    ("marks:stages_panel", None, {"GET"}),
    ("marks:stage", "stage", {"GET"}),
    ("marks:mark_add", "stage", {"GET", "POST"}),
    ("marks:mark", "mark", {"GET"}),
    ("marks:mark_edit", "mark", {"GET", "POST"}),
    ("marks:mark_history", "mark", {"GET"}),
    ("marks:mark_hide", "mark", {"POST"}),
    ("marks:mark_show", "mark", {"POST"}),
    ("marks:mark_move", "mark", {"POST"}),
    ("marks:note_add", "mark", {"POST"}),
    ("marks:note_edit", "note", {"GET", "POST"}),
    ("marks:note_delete", "note", {"POST"}),
    ("marks:note_restore", "note", {"POST"}),
    ("marks:note_history", "note", {"GET"}),
    ("scoring:round_open", "mark", {"POST"}),
    ("scoring:round_poll", "mark", {"GET"}),
    ("scoring:score", "round", {"POST"}),
    ("scoring:score_for", "round", {"GET", "POST"}),
    ("scoring:round_reveal", "round", {"POST"}),
    ("scoring:round_agree", "round", {"POST"}),
    ("scoring:scoring_settings", None, {"GET", "POST"}),
    ("actions:benchmark", None, {"GET"}),
    ("actions:score_history_csv", None, {"GET"}),
    ("actions:action_plan", None, {"GET"}),
    ("actions:actions_csv", None, {"GET"}),
    ("actions:action_add", None, {"GET", "POST"}),
    ("actions:action_edit", "action", {"GET", "POST"}),
    ("actions:action_status", "action", {"POST"}),
]


def view_url(name, needs, project, mark, note):
    kwargs = {}
    if needs == "stage":
        kwargs["stage"] = Stage.PROCESS.value
    elif needs == "mark":
        kwargs["mark_id"] = mark.pk
    elif needs == "note":
        kwargs["note_id"] = note.pk
    elif needs == "action":
        kwargs["action_id"] = Action.objects.get_or_create(
            project=project, mark=mark, text="Pay fares on the day."
        )[0].pk
    elif needs == "round":
        kwargs["round_id"] = ScoringRound.objects.get_or_create(mark=mark, status="open")[0].pk
    return reverse(name, kwargs={"project_id": project.pk, **kwargs})


def test_every_marks_url_is_tested_here():
    from marks.actions.urls import urlpatterns as actions
    from marks.scoring.urls import urlpatterns as scoring
    from marks.urls import urlpatterns as marks

    names = {
        f"{namespace}:{p.name}"
        for namespace, patterns in (("marks", marks), ("scoring", scoring), ("actions", actions))
        for p in patterns
    }
    assert names == {name for name, _needs, _methods in VIEWS}


@pytest.mark.parametrize(("name", "needs", "methods"), VIEWS)
def test_signing_in_is_required(project, mark, note, name, needs, methods):
    address = view_url(name, needs, project, mark, note)
    for method in ("GET", "POST"):
        response = Client().get(address) if method == "GET" else Client().post(address)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(("name", "needs", "methods"), VIEWS)
def test_the_wrong_method_is_refused(co_producer_client, project, mark, note, name, needs, methods):
    address = view_url(name, needs, project, mark, note)
    if "GET" not in methods:
        assert co_producer_client.get(address).status_code == 405
    if "POST" not in methods:
        assert co_producer_client.post(address).status_code == 405


@pytest.mark.parametrize(("name", "needs", "methods"), VIEWS)
def test_outsiders_get_404(outsider_client, project, mark, note, name, needs, methods):
    address = view_url(name, needs, project, mark, note)
    before = (Mark.objects.count(), Note.objects.count(), Activity.objects.count())
    for method in methods:
        call = outsider_client.get if method == "GET" else outsider_client.post
        assert call(address, note_data(text="Sneaky")).status_code == 404
    assert (Mark.objects.count(), Note.objects.count(), Activity.objects.count()) == before


def test_an_unknown_stage_is_not_found(co_producer_client, project):
    assert co_producer_client.get(url("marks:stage", project, stage="lunch")).status_code == 404
    response = co_producer_client.post(
        url("marks:mark_add", project, stage="lunch"), {"title": "X"}
    )
    assert response.status_code == 404
    assert not Mark.objects.filter(title="X").exists()


def test_a_note_on_another_projects_mark_is_not_found(facilitator, co_producer_client, project):
    other = make_project(facilitator, name="Another group")
    other_mark = make_mark(other, facilitator)
    response = co_producer_client.post(
        url("marks:note_add", project, mark_id=other_mark.pk), note_data(text="Wrong place")
    )
    assert response.status_code == 404
    assert not Note.objects.exists()


@pytest.mark.parametrize("name", ["note_edit", "note_delete", "note_restore", "note_history"])
def test_a_note_of_another_project_is_not_found(facilitator, facilitator_client, project, name):
    """The facilitator of both projects still can't reach project B's note through A's URL."""
    other = make_project(facilitator, name="Another group")
    other_note = make_note(make_mark(other, facilitator), facilitator, text="Theirs")
    address = url(f"marks:{name}", project, note_id=other_note.pk)
    response = facilitator_client.post(address, edit_data(other_note, "Changed"))
    if response.status_code == 405:
        response = facilitator_client.get(address)
    assert response.status_code == 404
    other_note.refresh_from_db()
    assert other_note.text == "Theirs" and other_note.deleted_at is None


@pytest.mark.parametrize("name", ["mark", "mark_edit", "mark_hide", "mark_move", "mark_history"])
def test_a_mark_of_another_project_is_not_found(facilitator, facilitator_client, project, name):
    other = make_project(facilitator, name="Another group")
    other_mark = make_mark(other, facilitator, title="Theirs")
    address = url(f"marks:{name}", project, mark_id=other_mark.pk)
    response = facilitator_client.post(address, {"title": "Mine", "version": 1, "direction": "up"})
    if response.status_code == 405:
        response = facilitator_client.get(address)
    assert response.status_code == 404
    other_mark.refresh_from_db()
    assert other_mark.title == "Theirs" and not other_mark.hidden


# -- the stage page ----------------------------------------------------------


def test_the_stage_page_lists_the_stages_marks_in_order_with_note_counts(
    co_producer_client, project, facilitator, co_producer
):
    first = make_mark(project, facilitator, title="First of ours")
    second = make_mark(project, facilitator, title="Second of ours")
    make_note(second, co_producer)
    make_note(second, facilitator, kind=SNAKE)
    deleted = make_note(second, co_producer, kind=MEANING)
    services.note_delete(note=deleted)
    response = co_producer_client.get(url("marks:stage", project, stage=Stage.PROCESS.value))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index("First of ours") < page.index("Second of ours")
    assert "2 notes" in page
    assert "not a strict order" in page
    assert f'id="mark-{first.pk}"' in page
    # Marks of other stages stay on their own pages.
    make_mark(project, facilitator, stage=Stage.REVIEW, title="A review mark")
    page = co_producer_client.get(url("marks:stage", project, stage=Stage.PROCESS.value)).content
    assert b"A review mark" not in page


def test_any_member_can_add_a_mark_of_the_groups_own(co_producer_client, project, co_producer):
    last_before = list(
        Mark.objects.filter(project=project, stage=Stage.REVIEW).order_by("-position")
    )
    response = co_producer_client.post(
        url("marks:mark_add", project, stage=Stage.REVIEW.value),
        {"title": "  Say thank you in person  ", "explanation": "Face to face."},
    )
    mark = Mark.objects.get(project=project, title="Say thank you in person")
    assert response.status_code == 302
    assert response["Location"] == url("marks:mark", project, mark_id=mark.pk)
    assert mark.stage == Stage.REVIEW and mark.is_own and mark.created_by == co_producer
    if last_before:
        assert mark.position > last_before[0].position
    assert mark.revisions.get().edited_by == co_producer
    page = co_producer_client.get(url("marks:stage", project, stage=Stage.REVIEW.value)).content
    assert b"Our own mark" in page


def test_adding_a_mark_without_words_says_why_and_saves_nothing(co_producer_client, project):
    before = Mark.objects.count()
    response = co_producer_client.post(
        url("marks:mark_add", project, stage=Stage.PLANNING.value),
        {"title": "   ", "explanation": ""},
    )
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert "Write the mark in a few words." in response.content.decode()
    assert Mark.objects.count() == before


def test_an_empty_add_mark_form_says_why_beside_the_field(co_producer_client, project):
    """A browser that sends nothing at all (no fields) still gets the form's message."""
    before = Mark.objects.count()
    response = co_producer_client.post(
        url("marks:mark_add", project, stage=Stage.PLANNING.value), {}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    assert '<a href="#id_title">Write the mark in a few words.</a>' in page
    assert '<p class="error-message" id="id_title-error">Write the mark in a few words.' in page
    assert Mark.objects.count() == before


def test_a_mark_can_be_hidden_and_brought_back(co_producer_client, project, mark):
    response = co_producer_client.post(url("marks:mark_hide", project, mark_id=mark.pk))
    assert response.status_code == 302
    mark.refresh_from_db()
    assert mark.hidden
    page = co_producer_client.get(url("marks:stage", project, stage=mark.stage)).content.decode()
    hidden_part = page[page.index("Hidden marks") :]
    assert mark.title in hidden_part and "Bring back" in hidden_part
    co_producer_client.post(url("marks:mark_show", project, mark_id=mark.pk))
    mark.refresh_from_db()
    assert not mark.hidden
    kinds = set(Activity.objects.filter(project=project).values_list("kind", flat=True))
    assert {"mark_hidden", "mark_shown"} <= kinds


def _order(project, stage):
    marks = Mark.objects.filter(project=project, stage=stage, hidden=False)
    return list(marks.order_by("position", "pk").values_list("title", flat=True))


def test_marks_move_up_and_down_past_hidden_ones(co_producer_client, project, facilitator):
    stage = Stage.COMPLETING
    Mark.objects.filter(project=project, stage=stage).delete()
    a = make_mark(project, facilitator, stage=stage, title="A")
    b = make_mark(project, facilitator, stage=stage, title="B")
    c = make_mark(project, facilitator, stage=stage, title="C")
    move = url("marks:mark_move", project, mark_id=c.pk)
    co_producer_client.post(move, {"direction": "up"})
    assert _order(project, stage) == ["A", "C", "B"]
    services.mark_set_hidden(mark=a, actor=facilitator, hidden=True)
    co_producer_client.post(move, {"direction": "up"})
    assert _order(project, stage) == ["C", "B"]
    # Already at the top of the visible marks: nothing changes.
    co_producer_client.post(move, {"direction": "up"})
    assert _order(project, stage) == ["C", "B"]
    co_producer_client.post(url("marks:mark_move", project, mark_id=b.pk), {"direction": "up"})
    assert _order(project, stage) == ["B", "C"]


def test_a_move_tells_live_pages_and_a_move_past_the_edge_does_not(project, facilitator):
    """The order shows on the mark page's next link: pages that poll need to hear of it."""
    stage = Stage.COMPLETING
    Mark.objects.filter(project=project, stage=stage).delete()
    a = make_mark(project, facilitator, stage=stage, title="A")
    make_mark(project, facilitator, stage=stage, title="B")
    before = Project.objects.get(pk=project.pk).revision
    assert not services.mark_move(mark=a, direction="up")
    assert Project.objects.get(pk=project.pk).revision == before
    assert services.mark_move(mark=a, direction="down")
    assert Project.objects.get(pk=project.pk).revision == before + 1


def test_a_move_without_a_direction_changes_nothing(co_producer_client, project, facilitator):
    stage = Stage.COMPLETING
    Mark.objects.filter(project=project, stage=stage).delete()
    make_mark(project, facilitator, stage=stage, title="A")
    b = make_mark(project, facilitator, stage=stage, title="B")
    response = co_producer_client.post(
        url("marks:mark_move", project, mark_id=b.pk), {"direction": "sideways"}, follow=True
    )
    assert "Choose whether to move the mark up or down." in response.content.decode()
    assert _order(project, stage) == ["A", "B"]


def test_moving_with_htmx_returns_the_list_and_keeps_focus_on_the_button(
    co_producer_client, project, facilitator
):
    stage = Stage.COMPLETING
    Mark.objects.filter(project=project, stage=stage).delete()
    make_mark(project, facilitator, stage=stage, title="A")
    b = make_mark(project, facilitator, stage=stage, title="B")
    response = htmx(
        co_producer_client,
        "POST",
        url("marks:mark_move", project, mark_id=b.pk),
        {"direction": "up"},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "<html" not in page
    assert page.index(">B<") < page.index(">A<")
    # B is now first, so it has no "Move up" button: focus its "Move down" instead.
    assert page.count("autofocus") == 1
    assert 'value="down" class="button button--secondary button--small" autofocus' in page


# -- the mark page -----------------------------------------------------------


def test_the_mark_page_asks_the_four_questions(co_producer_client, project, mark):
    page = co_producer_client.get(url("marks:mark", project, mark_id=mark.pk)).content.decode()
    for question in [
        "What does this mean for our project?",
        "What ladders do we have?",
        "What snakes might lie in wait for us?",
        "How far are we achieving this?",
    ]:
        assert question in page
    assert "Nobody in your group has added a note here yet." in page


def test_library_examples_are_shown_apart_from_the_groups_notes(
    co_producer_client, project, co_producer
):
    with_examples = [m for m in LIBRARY if m.ladders or m.snakes]
    if not with_examples:
        pytest.skip("The library has no examples yet.")
    item = with_examples[0]
    mark = Mark.objects.get(project=project, library_key=item.key)
    make_note(mark, co_producer, kind=LADDER, text="Our very own ladder")
    page = co_producer_client.get(url("marks:mark", project, mark_id=mark.pk)).content.decode()
    assert "Show examples from other groups" in page
    example = str((item.ladders or item.snakes)[0])
    from django.utils.html import escape

    examples_start = page.index("Show examples from other groups")
    assert escape(example) in page[examples_start:]
    # The group's own note sits in its list, before the examples box.
    assert page.index("Our very own ladder") < page.index(
        "Show examples from other groups", page.index('id="notes-ladder"')
    )


def test_a_mark_of_the_groups_own_has_no_examples(co_producer_client, project, mark):
    page = co_producer_client.get(url("marks:mark", project, mark_id=mark.pk)).content.decode()
    assert "Show examples from other groups" not in page


def test_a_member_adds_a_named_note(co_producer_client, project, mark, co_producer):
    response = co_producer_client.post(
        url("marks:note_add", project, mark_id=mark.pk), note_data(SNAKE, "People stop coming.")
    )
    note = Note.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#note-{note.pk}")
    assert (note.kind, note.author, note.is_anonymous) == (SNAKE, co_producer, False)
    assert note.revisions.get().text == "People stop coming."
    page = co_producer_client.get(url("marks:mark", project, mark_id=mark.pk)).content.decode()
    assert "People stop coming." in page and "Cora Coproducer" in page


def test_an_anonymous_note_keeps_no_link_to_its_author(
    co_producer_client, project, mark, co_producer
):
    project.allow_anonymous = True
    project.save(update_fields=["allow_anonymous"])
    co_producer_client.post(
        url("marks:note_add", project, mark_id=mark.pk),
        note_data(SNAKE, "Some voices get lost.", anonymous=True),
    )
    note = Note.objects.get()
    assert note.is_anonymous
    # Straight from the database: no author column value at all.
    assert Note.objects.filter(pk=note.pk).values_list("author_id", flat=True).get() is None
    activity = Activity.objects.get(kind="note_added")
    assert activity.actor_id is None
    assert "Some voices get lost." not in activity.detail
    page = co_producer_client.get(url("marks:mark", project, mark_id=mark.pk)).content.decode()
    section = page[page.index('id="notes-snake"') :]
    assert "Anonymous" in section
    # Not even its writer can change it, as the form warned.
    assert url("marks:note_edit", project, note_id=note.pk) not in page


def test_the_form_warns_about_anonymous_notes_only_where_the_project_allows_them(
    co_producer_client, project, mark
):
    address = url("marks:mark", project, mark_id=mark.pk)
    page = co_producer_client.get(address).content.decode()
    assert "Add this note anonymously" not in page
    project.allow_anonymous = True
    project.save(update_fields=["allow_anonymous"])
    page = co_producer_client.get(address).content.decode()
    assert "Add this note anonymously" in page
    assert "nobody can trace it back" in page and "can&#x27;t change or delete it" in page


def test_asking_for_anonymity_where_the_project_does_not_allow_it_keeps_the_name(
    co_producer_client, project, mark, co_producer
):
    co_producer_client.post(
        url("marks:note_add", project, mark_id=mark.pk), note_data(LADDER, "Named", anonymous=True)
    )
    note = Note.objects.get()
    assert note.author == co_producer and not note.is_anonymous


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Write your note before adding it."),
        (" \r\n\t ", "Write your note before adding it."),
        ("x" * 2001, "A note can be 2,000 characters at most. Yours has 2,001"),
    ],
)
def test_a_bad_note_says_why_beside_the_field_and_saves_nothing(
    co_producer_client, project, mark, text, message
):
    response = co_producer_client.post(
        url("marks:note_add", project, mark_id=mark.pk), note_data(LADDER, text)
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    assert message in page
    assert 'id="id_ladder-text-error"' in page and 'aria-invalid="true"' in page
    assert not Note.objects.exists() and not Activity.objects.filter(kind="note_added").exists()


def test_a_note_is_counted_as_a_person_counts_it(co_producer_client, project, mark):
    """A browser sends each line break as two characters; a person counts one."""
    text = "a" * 999 + "\r\n" + "b" * 1000
    response = co_producer_client.post(
        url("marks:note_add", project, mark_id=mark.pk), note_data(MEANING, text)
    )
    assert response.status_code == 302
    assert len(Note.objects.get().text) == 2000


def test_a_note_with_no_question_is_refused(co_producer_client, project, mark):
    response = co_producer_client.post(
        url("marks:note_add", project, mark_id=mark.pk), {"kind": "cake", "cake-text": "Hi"}
    )
    assert response.status_code == 400
    assert not Note.objects.exists()


def test_script_in_a_note_is_shown_as_text(co_producer_client, project, mark, co_producer):
    make_note(mark, co_producer, text="<script>alert('x')</script>")
    page = co_producer_client.get(url("marks:mark", project, mark_id=mark.pk)).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


def test_a_note_can_be_sent_to_the_lake_of_ideas(co_producer_client, project, mark, note):
    page = co_producer_client.get(url("marks:mark", project, mark_id=mark.pk)).content.decode()
    assert "Send to the lake of ideas" in page
    assert f'action="{reverse("lake:from_note", args=[project.pk, note.pk])}"' in page


# -- editing, deleting and undoing notes -------------------------------------


def edit_data(note, text, version=None):
    prefix = f"edit-{note.pk}"
    return {f"{prefix}-text": text, f"{prefix}-version": version or note.version}


def test_the_author_edits_their_note_and_the_old_wording_is_kept(co_producer_client, project, note):
    old = note.text
    address = url("marks:note_edit", project, note_id=note.pk)
    assert co_producer_client.get(address).status_code == 200
    response = co_producer_client.post(address, edit_data(note, "Two buddies, in fact."))
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.text == "Two buddies, in fact." and note.version == 2
    assert list(note.revisions.values_list("text", flat=True)) == ["Two buddies, in fact.", old]
    page = co_producer_client.get(
        url("marks:note_history", project, note_id=note.pk)
    ).content.decode()
    assert old in page and "Two buddies, in fact." in page
    mark_page = co_producer_client.get(url("marks:mark", project, mark_id=note.mark_id)).content
    assert b"changed: see earlier wording" in mark_page


def test_nobody_else_can_edit_delete_or_restore_a_note(facilitator_client, project, note):
    for name in ["note_edit", "note_delete", "note_restore"]:
        address = url(f"marks:{name}", project, note_id=note.pk)
        response = facilitator_client.post(address, edit_data(note, "Facilitator's words"))
        assert response.status_code == 403, name
        assert "Only the member who wrote a note can change or delete it." in (
            response.content.decode().replace("&#x27;", "'")
        )
    assert (
        facilitator_client.get(url("marks:note_edit", project, note_id=note.pk)).status_code == 403
    )
    note.refresh_from_db()
    assert note.text == "A buddy for every new member." and note.deleted_at is None
    assert note.version == 1 and note.revisions.count() == 1


def test_the_edit_link_shows_only_on_the_members_own_notes(
    facilitator_client, co_producer_client, project, note
):
    edit = url("marks:note_edit", project, note_id=note.pk)
    page = co_producer_client.get(url("marks:mark", project, mark_id=note.mark_id)).content.decode()
    assert edit in page
    page = facilitator_client.get(url("marks:mark", project, mark_id=note.mark_id)).content.decode()
    assert edit not in page


def test_an_anonymous_note_cannot_be_edited_by_anyone(co_producer_client, project, mark):
    project.allow_anonymous = True
    project.save(update_fields=["allow_anonymous"])
    from accounts.models import User

    author = User.objects.get(email="cora@example.org")
    note = make_note(mark, author, anonymous=True)
    response = co_producer_client.post(
        url("marks:note_edit", project, note_id=note.pk), edit_data(note, "Changed")
    )
    assert response.status_code == 403


def test_an_empty_edit_says_why_and_saves_nothing(co_producer_client, project, note):
    response = co_producer_client.post(
        url("marks:note_edit", project, note_id=note.pk), edit_data(note, "  ")
    )
    assert response.status_code == 400
    assert "Write your note before adding it." in response.content.decode()
    note.refresh_from_db()
    assert note.text == "A buddy for every new member." and note.version == 1


def test_a_stale_note_edit_keeps_both_wordings(co_producer_client, project, note):
    address = url("marks:note_edit", project, note_id=note.pk)
    co_producer_client.post(address, edit_data(note, "From the first window.", version=1))
    response = co_producer_client.post(
        address, edit_data(note, "From the second window.", version=1)
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "From the first window." in page and "From the second window." in page
    note.refresh_from_db()
    assert note.text == "From the first window."
    # Saving again from the conflict form, now on the newer version, works.
    response = co_producer_client.post(address, edit_data(note, "Both, merged.", version=2))
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.text == "Both, merged." and note.revisions.count() == 3


def test_deleting_a_note_can_be_undone(co_producer_client, project, note):
    response = co_producer_client.post(url("marks:note_delete", project, note_id=note.pk))
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.deleted_at is not None
    page = co_producer_client.get(response["Location"]).content.decode()
    assert "A buddy for every new member." not in page
    assert "Your note has been deleted." in page and "Undo" in page
    assert url("marks:note_restore", project, note_id=note.pk) in page
    response = co_producer_client.post(url("marks:note_restore", project, note_id=note.pk))
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.deleted_at is None
    page = co_producer_client.get(url("marks:mark", project, mark_id=note.mark_id)).content.decode()
    assert "A buddy for every new member." in page


def test_a_deleted_note_cannot_be_edited_or_seen(
    co_producer_client, facilitator_client, project, note
):
    services.note_delete(note=note)
    assert (
        co_producer_client.get(url("marks:note_edit", project, note_id=note.pk)).status_code == 404
    )
    assert (
        facilitator_client.get(url("marks:note_history", project, note_id=note.pk)).status_code
        == 404
    )
    # Someone else's deleted note never offers them an undo.
    address = url("marks:mark", project, mark_id=note.mark_id) + f"?deleted={note.pk}"
    assert b"Undo" not in facilitator_client.get(address).content


# -- htmx: the same views answer with a fragment -----------------------------


def test_adding_a_note_with_htmx_returns_the_question_with_focus_on_the_new_note(
    co_producer_client, project, mark
):
    response = htmx(
        co_producer_client,
        "POST",
        url("marks:note_add", project, mark_id=mark.pk),
        note_data(LADDER, "Tea first."),
    )
    page = response.content.decode()
    note = Note.objects.get()
    assert response.status_code == 200
    assert "<html" not in page
    assert page.lstrip().startswith('<section class="question" id="notes-ladder"')
    assert f'id="note-{note.pk}" tabindex="-1" autofocus' in page
    # The form comes back empty, ready for the next note.
    assert "Tea first.</textarea>" not in page


def test_a_bad_note_with_htmx_shows_the_error_in_place(co_producer_client, project, mark):
    response = htmx(
        co_producer_client,
        "POST",
        url("marks:note_add", project, mark_id=mark.pk),
        note_data(SNAKE, ""),
    )
    page = response.content.decode()
    # The base layout tells htmx to swap 400 answers, so the status stays honest.
    assert response.status_code == 400 and "<html" not in page
    assert "There is a problem" in page and "data-error-summary" in page
    assert "autofocus" not in page
    assert not Note.objects.exists()


def test_editing_a_note_with_htmx_swaps_the_note_in_place(co_producer_client, project, note):
    address = url("marks:note_edit", project, note_id=note.pk)
    form = htmx(co_producer_client, "GET", address).content.decode()
    assert "<html" not in form and form.lstrip().startswith("<li")
    assert "autofocus" in form
    response = htmx(co_producer_client, "POST", address, edit_data(note, "Changed in place."))
    page = response.content.decode()
    assert "<html" not in page and page.lstrip().startswith(f'<li class="note" id="note-{note.pk}"')
    assert "Changed in place." in page and "autofocus" in page


def test_deleting_and_undoing_with_htmx(co_producer_client, project, note):
    response = htmx(co_producer_client, "POST", url("marks:note_delete", project, note_id=note.pk))
    page = response.content.decode()
    assert "<html" not in page and "Your note has been deleted." in page
    assert "A buddy for every new member." not in page
    response = htmx(co_producer_client, "POST", url("marks:note_restore", project, note_id=note.pk))
    page = response.content.decode()
    assert "<html" not in page and "A buddy for every new member." in page
    assert f'id="note-{note.pk}" tabindex="-1" autofocus' in page


# -- rewording a mark --------------------------------------------------------


def reword_data(title, explanation="", version=1):
    return {"title": title, "explanation": explanation, "version": version}


def test_any_member_rewords_a_mark_and_the_history_is_kept(
    co_producer_client, project, mark, co_producer
):
    address = url("marks:mark_edit", project, mark_id=mark.pk)
    assert co_producer_client.get(address).status_code == 200
    response = co_producer_client.post(address, reword_data("Share the paperwork fairly", "Rota."))
    assert response.status_code == 302
    mark.refresh_from_db()
    assert (mark.title, mark.explanation, mark.version) == (
        "Share the paperwork fairly",
        "Rota.",
        2,
    )
    latest, first = mark.revisions.all()
    assert latest.edited_by == co_producer and first.title == "Share the paperwork"
    page = co_producer_client.get(
        url("marks:mark_history", project, mark_id=mark.pk)
    ).content.decode()
    assert "Share the paperwork fairly" in page and "Cora Coproducer" in page
    assert ">Share the paperwork<" in page


def test_a_stale_reword_keeps_both_wordings(co_producer_client, facilitator_client, project, mark):
    address = url("marks:mark_edit", project, mark_id=mark.pk)
    facilitator_client.post(address, reword_data("The facilitator's wording"))
    response = co_producer_client.post(address, reword_data("The co-producer's wording"))
    page = response.content.decode().replace("&#x27;", "'")
    assert response.status_code == 409
    assert "The facilitator's wording" in page and "The co-producer's wording" in page
    mark.refresh_from_db()
    assert mark.title == "The facilitator's wording"


def test_a_reword_without_a_title_says_why_and_saves_nothing(co_producer_client, project, mark):
    response = co_producer_client.post(
        url("marks:mark_edit", project, mark_id=mark.pk), reword_data("", "Still explained")
    )
    assert response.status_code == 400
    assert "Write the mark in a few words." in response.content.decode()
    mark.refresh_from_db()
    assert mark.version == 1 and mark.explanation == ""


# -- the stages panel --------------------------------------------------------


def test_without_javascript_the_stages_panel_opens_as_a_page(co_producer_client, project):
    """The project home links to the panel for people whose browser runs no JavaScript."""
    home = co_producer_client.get(reverse("projects:home", args=[project.pk])).content.decode()
    assert f'href="{url("marks:stages_panel", project)}"' in home
    assert f'hx-get="{url("marks:stages_panel", project)}"' in home
    response = co_producer_client.get(url("marks:stages_panel", project))
    page = response.content.decode()
    assert response.status_code == 200 and "<html" in page
    assert "<h1>The four stages</h1>" in page
    assert url("marks:stage", project, stage="planning") in page


def test_the_stages_panel_counts_visible_marks_and_live_notes(
    co_producer_client, project, facilitator, co_producer
):
    Mark.objects.filter(project=project, stage=Stage.REVIEW).delete()
    shown = make_mark(project, facilitator, stage=Stage.REVIEW, title="Shown")
    hidden = make_mark(project, facilitator, stage=Stage.REVIEW, title="Hidden")
    services.mark_set_hidden(mark=hidden, actor=facilitator, hidden=True)
    make_note(shown, co_producer)
    make_note(hidden, co_producer)
    services.note_delete(note=make_note(shown, co_producer))
    response = co_producer_client.get(url("marks:stages_panel", project), HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200 and "<html" not in page
    review = page[page.index(url("marks:stage", project, stage="review")) :]
    assert "1 mark, 1 note" in review
    for stage in Stage:
        assert url("marks:stage", project, stage=stage.value) in page


# -- query counts ------------------------------------------------------------


def _fill(project, author, marks: int, notes_per_mark: int):
    for i in range(marks):
        mark = make_mark(project, author, stage=Stage.PROCESS, title=f"Mark {i}")
        for j in range(notes_per_mark):
            make_note(mark, author, kind=[MEANING, LADDER, SNAKE][j % 3], text=f"Note {j}")
    return mark


def test_the_stage_page_costs_the_same_queries_with_more_marks(
    co_producer_client, project, facilitator
):
    """Note counts come from one annotated query: a query per mark would grow with the stage."""
    address = url("marks:stage", project, stage=Stage.PROCESS.value)
    _fill(project, facilitator, marks=2, notes_per_mark=1)
    with count_queries() as small:
        assert co_producer_client.get(address).status_code == 200
    _fill(project, facilitator, marks=12, notes_per_mark=4)
    services.mark_set_hidden(
        mark=Mark.objects.filter(project=project).first(), actor=facilitator, hidden=True
    )
    with count_queries() as large:
        assert co_producer_client.get(address).status_code == 200
    assert len(large) == len(small)


def test_the_mark_page_costs_the_same_queries_with_more_notes(
    co_producer_client, project, facilitator, co_producer
):
    """Notes and their authors come in one query, whoever wrote them and however many there are."""
    mark = _fill(project, facilitator, marks=1, notes_per_mark=1)
    address = url("marks:mark", project, mark_id=mark.pk)
    with count_queries() as small:
        assert co_producer_client.get(address).status_code == 200
    others = [make_user(f"Member {i}") for i in range(4)]
    for person in others:
        add_member(project, person)
        for kind in (MEANING, LADDER, SNAKE):
            make_note(mark, person, kind=kind)
    make_note(mark, co_producer)
    with count_queries() as large:
        assert co_producer_client.get(address).status_code == 200
    assert len(large) == len(small)


# -- the database holds the rules too ----------------------------------------


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"text": ""}, "note_text_not_empty"),
        ({"text": "x" * 2001}, "note_text_length"),
        ({"kind": "cake"}, "note_kind_valid"),
        ({"is_anonymous": True}, "note_anonymous_has_no_author"),
    ],
)
def test_the_database_refuses_a_broken_note(mark, co_producer, fields, constraint):
    values = {"mark": mark, "kind": LADDER, "text": "Fine", "author": co_producer, **fields}
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        Note.objects.create(**values)


def test_the_database_refuses_a_second_copy_of_a_library_mark(project, facilitator):
    Mark.objects.create(project=project, stage=Stage.REVIEW, title="A", library_key="test-key")
    with (
        pytest.raises(IntegrityError, match="mark_library_key_unique|UNIQUE constraint failed"),
        transaction.atomic(),
    ):
        Mark.objects.create(project=project, stage=Stage.REVIEW, title="B", library_key="test-key")
    # The group's own marks have no key, and there can be many.
    make_mark(project, facilitator, title="Own one")
    make_mark(project, facilitator, title="Own two")


# -- the demo ----------------------------------------------------------------


def test_the_demo_rewords_hides_adds_and_writes_notes(facilitator):
    users = {name: make_user(name) for name in ("Sam", "Amina", "Jo", "Priya")}
    project = make_project(users["Sam"])
    for name in ("Amina", "Jo", "Priya"):
        add_member(project, users[name])
    extend(project=project, users=users)
    assert Mark.objects.filter(project=project, library_key="").exists()
    assert Note.objects.filter(mark__project=project, author=None, is_anonymous=True).exists()
    assert Note.objects.filter(mark__project=project, author=users["Priya"]).exists()
    assert NoteRevision.objects.filter(note__mark__project=project, version=2).exists()
    assert Note.objects.filter(mark__project=project).values("mark").distinct().count() >= 2
    if any(m.stage == Stage.PLANNING for m in LIBRARY):
        assert Mark.objects.filter(project=project, version=2).exists()
    if any(m.stage == Stage.REVIEW for m in LIBRARY):
        assert Mark.objects.filter(project=project, hidden=True).exists()
