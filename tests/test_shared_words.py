"""Shared words: the one save, the one edit skeleton and the fields every edit form uses.

The aims, ground rules, marks, notes, post-its and actions each have their own tests of what a
member sees; these pin down the machinery underneath, so that a change to it shows here first.
"""

from datetime import date

import pytest
from django import forms
from django.urls import reverse

from lake import services as lake
from marks import services as marks
from marks.actions import services as actions
from marks.models import Mark
from projects.activity import record_activity
from projects.models import Activity, GroundRule, Project
from projects.rules import services as rules
from projects.shared_words.forms import VersionField, WordsField, plain_text
from projects.shared_words.services import StaleEdit, words_save


@pytest.fixture
def rule(project, facilitator) -> GroundRule:
    return rules.ground_rule_add(project=project, author=facilitator, text="We start on time.")


@pytest.fixture
def action(project, facilitator):
    return actions.action_add(
        project=project,
        actor=facilitator,
        text="Pay bus fares",
        kind="forward",
        owners=[],
        everyone=True,
        due=None,
    )


@pytest.fixture
def note(project, co_producer):
    mark = Mark.objects.filter(project=project).first()
    return marks.note_add(mark=mark, author=co_producer, kind="ladder", text="A buddy for all.")


def save_rule(rule: GroundRule, editor, text: str, base_version: int = 1) -> GroundRule:
    """A ground rule's change: the service is words_save with the rule's kind of line."""
    return rules.ground_rule_edit(rule=rule, editor=editor, base_version=base_version, text=text)


def revision_of(project: Project) -> int:
    return Project.objects.values_list("revision", flat=True).get(pk=project.pk)


# -- words_save --------------------------------------------------------------


def test_a_save_bumps_the_version_and_keeps_the_new_wording_with_its_editor(rule, co_producer):
    saved = save_rule(rule, co_producer, "We start on time, or say why.")
    assert saved.version == 2 and saved.text == "We start on time, or say why."
    newest = rule.revisions.first()
    assert (newest.version, newest.text, newest.edited_by) == (
        2,
        "We start on time, or say why.",
        co_producer,
    )
    assert rule.revisions.count() == 2


def test_a_second_save_from_the_same_version_is_refused_and_changes_nothing(
    rule, facilitator, co_producer
):
    save_rule(rule, facilitator, "Fran's wording.")
    with pytest.raises(StaleEdit):
        save_rule(rule, co_producer, "Cora's wording.")
    rule.refresh_from_db()
    assert rule.text == "Fran's wording." and rule.version == 2
    assert rule.revisions.count() == 2
    assert Activity.objects.filter(kind=Activity.Kind.RULE_EDITED).count() == 1


def test_a_save_writes_one_activity_line_and_bumps_the_revision_once(project, rule, co_producer):
    before = revision_of(project)
    save_rule(rule, co_producer, "We start on time.\nAnd end on time.")
    line = Activity.objects.get(kind=Activity.Kind.RULE_EDITED)
    assert line.actor == co_producer and line.detail == "We start on time.\nAnd end on time."
    assert revision_of(project) == before + 1


def test_nothing_is_written_when_the_save_is_refused(project, rule, co_producer):
    before = revision_of(project)
    with pytest.raises(StaleEdit):
        save_rule(rule, co_producer, "From an old form.", base_version=7)
    assert revision_of(project) == before
    assert not Activity.objects.filter(kind=Activity.Kind.RULE_EDITED).exists()
    assert rule.revisions.count() == 1


def save_if_kept(note, text: str):
    """Save a note's words only while it has not been deleted."""
    return words_save(
        item=note,
        base_version=1,
        changes={"text": text},
        project=note.mark.project,
        actor=note.author,
        kind="note_edited",
        only_if={"deleted_at": None},
        record=record_activity,
    )


def test_only_if_refuses_words_that_were_removed_meanwhile(note):
    marks.note_delete(note=note)
    with pytest.raises(StaleEdit):
        save_if_kept(note, "Changed after all.")
    note.refresh_from_db()
    assert note.text == "A buddy for all." and note.version == 1
    assert note.revisions.count() == 1


def test_only_if_lets_a_save_through_while_it_holds(note):
    saved = save_if_kept(note, "A buddy for everyone.")
    assert saved.version == 2
    # A note's revision row has no editor: only its author ever changes it.
    assert not hasattr(note.revisions.first(), "edited_by")
    assert note.revisions.first().text == "A buddy for everyone."


def test_a_recorder_of_its_own_writes_the_line_instead(rule, co_producer):
    lines = []
    words_save(
        item=rule,
        base_version=1,
        changes={"text": "Phones away."},
        project=rule.project,
        actor=co_producer,
        kind="rule_edited",
        detail="Phones away.",
        record=lambda **line: lines.append(line),
    )
    assert lines == [
        {
            "project": rule.project,
            "actor": co_producer,
            "kind": "rule_edited",
            "detail": "Phones away.",
        }
    ]
    assert not Activity.objects.filter(kind="rule_edited").exists()


def test_a_post_its_history_keeps_its_words_while_its_colour_changes(project, co_producer):
    postit = lake.postit_add(
        project=project, author=co_producer, text="Buses.", place="planning", colour="yellow"
    )
    lake.postit_edit(postit=postit, base_version=1, text="Good buses.", colour="green")
    postit.refresh_from_db()
    assert (postit.text, postit.colour, postit.version) == ("Good buses.", "green", 2)
    assert postit.revisions.first().text == "Good buses."
    # The lake's own counter moved too, and the post-it carries it for the live board.
    assert postit.changed_in_revision > 0


def test_an_action_keeps_no_revision_rows_but_is_versioned(action, facilitator):
    actions.action_update(action=action, actor=facilitator, base_version=1, status="doing")
    action.refresh_from_db()
    assert action.version == 2 and action.status == "doing"
    with pytest.raises(StaleEdit):
        actions.action_update(action=action, actor=facilitator, base_version=1, status="done")


# -- the edit skeleton ----------------------------------------------------------


def test_the_edit_page_is_drawn_from_the_current_wording_and_version(
    co_producer_client, project, rule, co_producer
):
    save_rule(rule, co_producer, "Newest words.")
    response = co_producer_client.get(reverse("rules:rule_edit", args=[project.pk, rule.pk]))
    form = response.context["form"]
    assert form["text"].value() == "Newest words." and form["version"].value() == 2


def test_a_conflict_shows_choices_by_their_labels_and_dates_as_people_write_them(
    co_producer_client, project, facilitator, action
):
    actions.action_update(
        action=action, actor=facilitator, base_version=1, status="doing", due=date(2026, 6, 1)
    )
    response = co_producer_client.post(
        reverse("actions:action_edit", args=[project.pk, action.pk]),
        {
            "action-text": "Pay bus fares on the day",
            "action-kind": "drop",
            "action-status": "todo",
            "action-due": "",
            "action-mark": "",
            "action-everyone": "on",
            "action-version": "1",
        },
    )
    assert response.status_code == 409
    rows = {label: (mine, newer) for label, mine, newer in response.context["conflict"].rows}
    assert rows["How far has it got?"] == ("To do", "Doing")
    assert rows["Is this something you are…"] == ("Dropping", "Taking forward")
    assert rows["By when"] == ("", "1 June 2026")
    assert rows["Who"] == ("Everyone", "Everyone")
    html = response.content.decode()
    assert "1 June 2026" in html and "Your version" in html and "The newer version" in html
    assert 'name="action-version" value="2"' in html


def test_a_conflict_links_back_to_where_the_words_are_shown(
    co_producer_client, facilitator, project, rule
):
    save_rule(rule, facilitator, "Fran's wording.")
    response = co_producer_client.post(
        reverse("rules:rule_edit", args=[project.pk, rule.pk]),
        {"text": "Cora's wording.", "version": 1},
    )
    assert response.status_code == 409
    keep = reverse("rules:rules", args=[project.pk])
    assert f'<a href="{keep}">Keep the newer version</a>' in response.content.decode()


# -- the fields ------------------------------------------------------------------


class Words(forms.Form):
    text = WordsField(
        limit=2000,
        empty_message="Write something.",
        too_long_message="Up to %(limit)s characters. Yours has %(count)s.",
    )
    aside = WordsField(limit=5, too_long_message="Five at most.")
    version = VersionField()


def cleaned(**data) -> forms.Form:
    form = Words({"text": "Hello", "version": "1", **data})
    form.is_valid()
    return form


def test_plain_text_composes_accents_counts_each_line_break_once_and_strips_the_edges():
    assert plain_text("  Cafe\u0301\r\nnext\rlast \n") == "Caf\u00e9\nnext\nlast"
    assert plain_text(None) == ""


def test_words_are_tidied_before_they_are_counted():
    form = cleaned(text="a" * 999 + "\r\n" + "b" * 1000)
    assert form.is_valid(), form.errors
    assert len(form.cleaned_data["text"]) == 2000


def test_too_many_words_say_the_limit_and_the_count_as_people_write_numbers():
    form = cleaned(text="x" * 2001)
    assert form.errors["text"] == ["Up to 2,000 characters. Yours has 2,001."]


def test_required_words_refuse_a_box_of_spaces_with_their_own_message():
    for text in ("", "  \r\n\t "):
        assert cleaned(text=text).errors["text"] == ["Write something."]
    assert Words.base_fields["text"].required


def test_words_without_an_empty_message_may_be_left_empty():
    form = cleaned(aside="   ")
    assert form.is_valid() and form.cleaned_data["aside"] == ""
    assert not Words.base_fields["aside"].required
    assert cleaned(aside="123456").errors["aside"] == ["Five at most."]


def test_the_version_is_hidden_and_required():
    assert isinstance(Words.base_fields["version"].widget, forms.HiddenInput)
    message = "This form is out of date. Open it again and make your change."
    assert Words({"text": "Hello"}).errors["version"] == [message]
    assert Words({"text": "Hello", "version": ""}).errors["version"] == [message]
    assert "version" in Words({"text": "Hello", "version": "0"}).errors
    assert Words({"text": "Hello", "version": "3"}).is_valid()


def test_the_action_forms_version_is_required_now(co_producer_client, project, action):
    response = co_producer_client.post(
        reverse("actions:action_edit", args=[project.pk, action.pk]),
        {
            "action-text": "Sent without a version",
            "action-kind": "forward",
            "action-status": "todo",
        },
    )
    assert response.status_code == 400
    action.refresh_from_db()
    assert action.text == "Pay bus fares" and action.version == 1
