"""Ground rules: adding one, agreeing to it, changing its wording, and its history.

Each view's tests cover: sign-in required, wrong method, outsider 404, and bad
input getting a message beside the field while nothing is saved. Who may open
which URL at all is in tests/test_permissions.py.
"""

import pytest

from projects.models import Activity, Agreement, GroundRule, GroundRuleRevision
from projects.rules.services import ground_rule_add

from .pages import (
    ESCAPED_SCRIPT,
    SCRIPT,
    activity_lines,
    assert_field_error,
    assert_needs_sign_in,
    plain,
    text_of,
    url,
)

# -- ground rules ------------------------------------------------------------


def test_ground_rules_need_sign_in_and_membership(client, outsider_client, project):
    path = url("rules:rules", project)
    assert_needs_sign_in(client.post(path, {"text": "Sneaky"}), path)
    assert outsider_client.get(path).status_code == 404
    assert outsider_client.post(path, {"text": "Sneaky"}).status_code == 404
    assert not GroundRule.objects.exists()


def test_any_member_adds_a_ground_rule(co_producer_client, project):
    response = co_producer_client.post(
        url("rules:rules", project), {"text": "  We listen without interrupting.  "}, follow=True
    )
    assert "Your ground rule has been added." in plain(response)
    rule = GroundRule.objects.get()
    assert rule.text == "We listen without interrupting."
    assert "We listen without interrupting." in text_of(response, f"rule-{rule.pk}")
    assert "Nobody has agreed yet." in text_of(response, f"rule-{rule.pk}")
    home = co_producer_client.get(url("projects:home", project))
    assert "Cora Coproducer added a ground rule" in " ".join(activity_lines(home))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Write the ground rule before adding it."),
        ("   \n  ", "Write the ground rule before adding it."),
        ("x" * 501, "A ground rule can be 500 characters at most."),
    ],
    ids=["empty", "whitespace", "too-long"],
)
def test_a_bad_ground_rule_gets_a_message_and_saves_nothing(
    co_producer_client, project, text, message
):
    response = co_producer_client.post(url("rules:rules", project), {"text": text})
    assert response.status_code == 400
    assert_field_error(response, "id_text", message)
    assert not GroundRule.objects.exists()
    assert not Activity.objects.filter(kind=Activity.Kind.RULE_ADDED).exists()


def test_a_ground_rule_with_html_is_shown_escaped(co_producer_client, project):
    co_producer_client.post(url("rules:rules", project), {"text": SCRIPT})
    for page in ["rules:rules", "projects:home"]:
        html = co_producer_client.get(url(page, project)).content.decode()
        assert "<script>alert" not in html
        assert ESCAPED_SCRIPT in html


@pytest.fixture
def rule(project, facilitator) -> GroundRule:
    return ground_rule_add(project=project, author=facilitator, text="We start on time.")


def test_members_agree_take_it_back_and_the_list_shows_who_agreed(
    co_producer_client, facilitator_client, project, rule
):
    agree = url("rules:rule_agree", project, rule_id=rule.pk)
    co_producer_client.post(agree, {"agree": "yes"})
    response = facilitator_client.post(agree, {"agree": "yes"}, follow=True)

    assert response.redirect_chain[-1][0].endswith(f"#rule-{rule.pk}")
    shown = text_of(response, f"rule-{rule.pk}")
    assert "Agreed by: Cora Coproducer, Fran Facilitator" in shown
    assert "Take back my agreement" in shown

    co_producer_client.post(agree, {"agree": "no"})
    shown = text_of(co_producer_client.get(url("rules:rules", project)), f"rule-{rule.pk}")
    assert "Agreed by: Fran Facilitator" in shown
    assert "Cora" not in shown.split("I agree")[0]
    assert "I agree" in shown
    assert list(Agreement.objects.values_list("user__name", flat=True)) == ["Fran Facilitator"]


def test_agreeing_twice_counts_once(co_producer_client, project, rule):
    for _ in range(2):
        co_producer_client.post(url("rules:rule_agree", project, rule_id=rule.pk), {"agree": "yes"})
    assert Agreement.objects.filter(rule=rule).count() == 1
    assert Activity.objects.filter(kind=Activity.Kind.RULE_AGREED).count() == 1


def test_agreeing_needs_membership(outsider_client, project, rule):
    response = outsider_client.post(
        url("rules:rule_agree", project, rule_id=rule.pk), {"agree": "yes"}
    )
    assert response.status_code == 404
    assert not Agreement.objects.exists()


def test_changing_a_ground_rule_keeps_its_earlier_wording(
    co_producer_client, facilitator_client, project, rule
):
    form = co_producer_client.get(url("rules:rule_edit", project, rule_id=rule.pk))
    assert form.context["form"]["text"].value() == "We start on time."
    co_producer_client.post(
        url("rules:rule_edit", project, rule_id=rule.pk),
        {"text": "We start and end on time.", "version": 1},
    )
    rule.refresh_from_db()
    assert rule.text == "We start and end on time."
    assert rule.version == 2

    history = facilitator_client.get(url("rules:rule_history", project, rule_id=rule.pk))
    text = plain(history)
    assert "We start on time." in text
    assert "We start and end on time." in text
    assert "Written by Fran Facilitator" in text
    assert "Written by Cora Coproducer" in text
    rules = plain(facilitator_client.get(url("rules:rules", project)))
    assert "Earlier wording" in rules


def test_a_bad_change_to_a_rule_gets_a_message_and_saves_nothing(co_producer_client, project, rule):
    response = co_producer_client.post(
        url("rules:rule_edit", project, rule_id=rule.pk), {"text": " ", "version": 1}
    )
    assert response.status_code == 400
    assert_field_error(response, "id_text", "Write the ground rule before adding it.")
    rule.refresh_from_db()
    assert rule.text == "We start on time."
    assert GroundRuleRevision.objects.filter(rule=rule).count() == 1


def test_a_stale_change_to_a_rule_does_not_overwrite(
    co_producer_client, facilitator_client, project, rule
):
    path = url("rules:rule_edit", project, rule_id=rule.pk)
    facilitator_client.post(path, {"text": "Fran's wording.", "version": 1})

    response = co_producer_client.post(path, {"text": "Cora's wording.", "version": 1})

    assert response.status_code == 409
    text = plain(response)
    assert "Someone else changed this while you were writing" in text
    assert "Fran's wording." in text
    assert response.context["form"]["text"].value() == "Cora's wording."
    assert "Cora&#x27;s wording.</textarea>" in response.content.decode()
    rule.refresh_from_db()
    assert rule.text == "Fran's wording."
    assert GroundRuleRevision.objects.filter(rule=rule).count() == 2


def test_rule_views_refuse_other_methods(co_producer_client, project, rule):
    assert (
        co_producer_client.get(url("rules:rule_agree", project, rule_id=rule.pk)).status_code == 405
    )
    assert (
        co_producer_client.delete(url("rules:rule_edit", project, rule_id=rule.pk)).status_code
        == 405
    )
    assert (
        co_producer_client.post(url("rules:rule_history", project, rule_id=rule.pk)).status_code
        == 405
    )
    assert co_producer_client.delete(url("rules:rules", project)).status_code == 405


def test_htmx_adding_a_rule_returns_just_the_rules_section(co_producer_client, project):
    response = co_producer_client.post(
        url("rules:rules", project), {"text": "Be kind."}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'id="rules-section"' in html
    assert "Be kind." in html
    assert GroundRule.objects.filter(text="Be kind.").exists()


def test_htmx_adding_a_bad_rule_shows_the_message_in_the_fragment(co_producer_client, project):
    response = co_producer_client.post(
        url("rules:rules", project), {"text": ""}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    # The base layout tells htmx to swap a 400, so the fragment keeps its honest status.
    assert response.status_code == 400
    assert "<html" not in html
    assert_field_error(response, "id_text", "Write the ground rule before adding it.")
    assert not GroundRule.objects.exists()


def test_htmx_agreeing_returns_just_that_rule(co_producer_client, project, rule):
    response = co_producer_client.post(
        url("rules:rule_agree", project, rule_id=rule.pk), {"agree": "yes"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert f'id="rule-{rule.pk}"' in html
    assert "Agreed by: Cora Coproducer" in text_of(response, f"rule-{rule.pk}")
    assert "Take back my agreement" in html
