"""Actions: the benchmark of agreed scores, the action plan, and their CSV exports."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from marks.actions import selectors
from marks.actions import services as actions
from marks.models import Action, Mark, Note, ScoringRound
from marks.scoring import services as scoring
from projects.models import Activity, Project
from projects.stages import Stage

from .factories import agree, make_project, marks_of
from .pages import count_queries, url, without_tags


def action_data(**overrides) -> dict:
    data = {
        "action-text": "Pay bus fares on the day",
        "action-kind": "forward",
        "action-status": "todo",
        "action-due": "",
        "action-mark": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def mark(project):
    return marks_of(project)[0]


@pytest.fixture
def history(project, mark, facilitator, co_producer):
    """Two agreed rounds on one mark, 60 and 10 days ago, and one round still open elsewhere."""
    agree(mark, facilitator, [(facilitator, 3), (co_producer, 7)], 4, "A slow start", 60)
    agree(mark, facilitator, [(facilitator, 6), (co_producer, 9)], 7, "=SUM(A1)", 10)
    other = marks_of(project)[1]
    secret = scoring.round_open(mark=other, actor=facilitator)
    scoring.score_set(scoring_round=secret, member=co_producer, value=2)
    return mark


# -- the database holds the rules ---------------------------------------------------


def test_the_database_refuses_an_action_with_no_text(project):
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.create(project=project, text="")


def test_the_database_refuses_an_unknown_status(project):
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.create(project=project, text="x", status="lost")


# -- the benchmark ------------------------------------------------------------------


def test_the_benchmark_shows_the_latest_agreed_score_its_date_and_trend(
    co_producer_client, project, history
):
    response = co_producer_client.get(url("actions:benchmark", project))
    assert response.status_code == 200
    text = without_tags(response.content.decode())
    latest = timezone.localdate(history.rounds.order_by("-closed_at").first().closed_at)
    assert f"Agreed score: 7 out of 10, agreed on {latest:%-d %B %Y}" in text
    assert "Up from 4." in text
    # Each chart has its table: both agreed scores with their dates.
    assert "Agreed scores over time: " + history.title in text


def test_the_benchmark_never_shows_a_score_before_it_is_agreed(
    co_producer_client, project, history
):
    html = co_producer_client.get(url("actions:benchmark", project)).content.decode()
    other = marks_of(project)[1]
    section = html.split(f'id="mark-{other.pk}"')[1].split("</li>")[0]
    assert "No agreed score yet." in without_tags(section)
    assert ">2<" not in section


def test_the_benchmark_shows_each_stages_spread_and_snakes_and_ladders(
    co_producer_client, project, history, co_producer, facilitator
):
    second = marks_of(project)[2]
    agree(second, facilitator, [(facilitator, 2)], 2, days_ago=5)
    Note.objects.create(
        mark=history, kind=Note.Kind.SNAKE, text="Steps at the door", author=co_producer
    )
    Note.objects.create(mark=history, kind=Note.Kind.LADDER, text="Lunch", author=co_producer)
    Note.objects.create(mark=history, kind=Note.Kind.LADDER, text="Fares", author=co_producer)
    gone = Note.objects.create(mark=history, kind=Note.Kind.SNAKE, text="x", author=co_producer)
    gone.deleted_at = timezone.now()
    gone.save()
    text = without_tags(co_producer_client.get(url("actions:benchmark", project)).content.decode())
    assert "The latest agreed scores go from 2 to 7." in text
    assert "1 snake, 2 ladders." in text


def test_the_benchmark_leaves_out_hidden_marks(co_producer_client, project, history):
    Mark.objects.filter(pk=history.pk).update(hidden=True)
    html = co_producer_client.get(url("actions:benchmark", project)).content.decode()
    assert f'id="mark-{history.pk}"' not in html


def test_how_far_we_have_come_compares_two_dates(co_producer_client, project, history):
    today = timezone.localdate()
    response = co_producer_client.get(
        url("actions:benchmark", project),
        {"first": (today - timedelta(days=30)).isoformat(), "second": today.isoformat()},
    )
    assert response.status_code == 200
    html = response.content.decode()
    table = without_tags(html.split('id="comparison"')[1].split("</table>")[0])
    assert f"{history.title} (Process) 4 7 up 3" in table
    # A mark with nothing agreed on either day is left out.
    assert marks_of(project)[1].title not in table


def test_a_date_before_any_score_says_there_was_none(co_producer_client, project, history):
    today = timezone.localdate()
    response = co_producer_client.get(
        url("actions:benchmark", project),
        {"first": (today - timedelta(days=90)).isoformat(), "second": today.isoformat()},
    )
    table = without_tags(response.content.decode().split('id="comparison"')[1].split("</table>")[0])
    assert f"{history.title} (Process) no score yet 7 –" in table


def test_a_bad_date_gets_a_message_beside_the_field(co_producer_client, project, history):
    response = co_producer_client.get(
        url("actions:benchmark", project), {"first": "last spring", "second": "2026-02-30"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert html.count("Enter a real date, for example 2026-03-27.") == 4  # summary and beside
    assert 'id="id_first-error"' in html and 'id="id_second-error"' in html
    assert 'id="comparison"' not in html


def test_the_second_date_must_not_be_before_the_first(co_producer_client, project, history):
    response = co_producer_client.get(
        url("actions:benchmark", project), {"first": "2026-05-01", "second": "2026-01-01"}
    )
    assert response.status_code == 400
    assert "Choose a date that is the same as or after the first one." in response.content.decode()


def test_the_benchmark_with_no_scores_says_so(co_producer_client, project):
    response = co_producer_client.get(url("actions:benchmark", project))
    assert response.status_code == 200
    assert "No mark in this stage has an agreed score yet." in response.content.decode()


def test_the_chart_has_no_inline_styles(co_producer_client, project, history):
    html = co_producer_client.get(url("actions:benchmark", project)).content.decode()
    assert "<svg" in html and "<polyline" in html
    assert "style=" not in html


# -- query counts at two sizes ------------------------------------------------------


def _grow(project, facilitator, co_producer, n: int) -> None:
    """n agreed rounds on each of n marks, n notes and n actions with owners."""
    for i, mark in enumerate(marks_of(project)[:n]):
        for d in range(n):
            agree(mark, facilitator, [(co_producer, 5)], 5 + d % 3, days_ago=50 - d)
        Note.objects.create(mark=mark, kind=Note.Kind.SNAKE, text="s", author=co_producer)
        action = actions.action_add(
            project=project,
            actor=facilitator,
            text=f"Action {i}",
            kind="forward",
            owners=[facilitator, co_producer],
            everyone=False,
            due=date(2026, 1, 1 + i),
            mark=mark,
        )
        assert action.pk


@pytest.mark.parametrize(
    "name,params",
    [
        ("actions:benchmark", {}),
        ("actions:benchmark", {"first": "2026-01-01", "second": "2026-12-31"}),
        ("actions:action_plan", {}),
        ("actions:action_plan", {"order": "date"}),
        ("actions:score_history_csv", {}),
        ("actions:actions_csv", {}),
    ],
)
def test_query_counts_do_not_grow_with_marks_rounds_or_actions(
    co_producer_client, project, facilitator, co_producer, name, params
):
    """A group with a long history must not make these pages slower query by query."""
    _grow(project, facilitator, co_producer, 2)
    with count_queries() as small:
        assert co_producer_client.get(url(name, project), params).status_code == 200
    _grow(project, facilitator, co_producer, 5)
    assert Action.objects.filter(project=project).count() == 7
    with count_queries() as large:
        assert co_producer_client.get(url(name, project), params).status_code == 200
    assert len(large) == len(small)


# -- the action plan ----------------------------------------------------------------


def test_any_member_adds_an_action_from_a_mark_page(
    co_producer_client, project, mark, co_producer, facilitator
):
    response = co_producer_client.post(
        url("actions:action_add", project),
        action_data(
            **{
                "action-mark": str(mark.pk),
                "action-owners": [str(facilitator.pk), str(co_producer.pk)],
                "action-due": "2026-12-31",
                "back": "mark",
            }
        ),
    )
    action = Action.objects.get()
    assert response.status_code == 302
    assert (
        response["Location"] == f"{url('marks:mark', project, mark_id=mark.pk)}#action-{action.pk}"
    )
    assert action.mark == mark and action.due == date(2026, 12, 31)
    assert set(action.owners.all()) == {facilitator, co_producer}
    assert action.created_by == co_producer and action.status == "todo"
    assert Activity.objects.filter(project=project, kind="action_added").exists()


def test_everyone_is_a_choice_of_its_own(co_producer_client, project, facilitator):
    co_producer_client.post(
        url("actions:action_add", project),
        action_data(**{"action-everyone": "on", "action-owners": [str(facilitator.pk)]}),
    )
    action = Action.objects.get()
    assert action.everyone and not action.owners.exists()
    assert selectors.owners_text(action) == "Everyone"


@pytest.mark.parametrize(
    "overrides,message",
    [
        ({"action-text": "  "}, "Write what the action is."),
        ({"action-due": "next Tuesday"}, "Enter a real date, for example 2026-03-27."),
        ({"action-due": "2026-02-30"}, "Enter a real date, for example 2026-03-27."),
        ({"action-kind": "maybe"}, "Choose whether you are taking this forward"),
        ({"action-status": "lost"}, "Choose how far the action has got."),
        ({"action-mark": "999999"}, "Choose one of this project&#x27;s marks."),
    ],
)
def test_bad_input_gets_a_message_and_saves_nothing(
    co_producer_client, project, overrides, message
):
    response = co_producer_client.post(url("actions:action_add", project), action_data(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "There is a problem" in response.content.decode()
    assert not Action.objects.exists()


def test_an_owner_from_another_project_gets_a_clear_message_that_names_nobody(
    co_producer_client, project, outsider
):
    elsewhere = make_project(outsider, name="Elsewhere")
    assert elsewhere.pk
    response = co_producer_client.post(
        url("actions:action_add", project), action_data(**{"action-owners": [str(outsider.pk)]})
    )
    assert response.status_code == 400
    # Naming the account would let anyone read any account's name by posting its id.
    assert "Choose people who are members of this project." in response.content.decode()
    assert "Otto Outsider" not in response.content.decode()
    assert not Action.objects.exists()


def test_a_mark_from_another_project_is_refused(co_producer_client, project, outsider):
    elsewhere = make_project(outsider, name="Elsewhere")
    their_mark = marks_of(elsewhere)[0]
    response = co_producer_client.post(
        url("actions:action_add", project), action_data(**{"action-mark": str(their_mark.pk)})
    )
    assert response.status_code == 400
    assert not Action.objects.exists()
    # Nor does the add page show another project's mark.
    assert (
        co_producer_client.get(
            url("actions:action_add", project), {"mark": their_mark.pk}
        ).status_code
        == 404
    )


def test_the_mark_page_loads_its_actions_and_form_with_htmx(co_producer_client, project, mark):
    actions.action_add(
        project=project,
        actor=None,
        text="Book a step-free room",
        kind="differently",
        owners=[],
        everyone=True,
        due=None,
        mark=mark,
    )
    page = co_producer_client.get(url("marks:mark", project, mark_id=mark.pk)).content.decode()
    fragment_url = f"{url('actions:action_add', project)}?mark={mark.pk}&amp;back=mark"
    assert f'hx-get="{fragment_url}"' in page
    fragment = co_producer_client.get(
        url("actions:action_add", project),
        {"mark": mark.pk, "back": "mark"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "<html" not in fragment
    assert "Book a step-free room" in fragment
    assert f'name="action-mark" value="{mark.pk}"' in fragment


def test_the_plan_lists_actions_by_stage_or_by_date(co_producer_client, project, facilitator):
    planning = marks_of(project, Stage.PLANNING)[0]
    process = marks_of(project, Stage.PROCESS)[0]
    for text, mark, due in [
        ("Later, in process", process, date(2026, 9, 1)),
        ("Sooner, in planning", planning, date(2026, 10, 1)),
        ("Soonest, whole project", None, date(2026, 3, 1)),
        ("No date", planning, None),
    ]:
        actions.action_add(
            project=project,
            actor=facilitator,
            text=text,
            kind="forward",
            owners=[facilitator],
            everyone=False,
            due=due,
            mark=mark,
        )
    by_stage = without_tags(
        co_producer_client.get(url("actions:action_plan", project)).content.decode()
    )
    order = [
        by_stage.index(t) for t in ("Sooner, in planning", "Later, in process", "Soonest, whole")
    ]
    assert order == sorted(order)
    by_date = without_tags(
        co_producer_client.get(
            url("actions:action_plan", project), {"order": "date"}
        ).content.decode()
    )
    order = [by_date.index(t) for t in ("Soonest", "Later", "Sooner", "No date")]
    assert order == sorted(order)
    assert "Who: Fran Facilitator" in by_date


def test_the_empty_plan_says_what_to_do(co_producer_client, project):
    text = without_tags(
        co_producer_client.get(url("actions:action_plan", project)).content.decode()
    )
    assert "Nobody has added an action yet." in text


@pytest.fixture
def action(project, facilitator, mark):
    return actions.action_add(
        project=project,
        actor=facilitator,
        text="Thank-you lunch",
        kind="forward",
        owners=[facilitator],
        everyone=False,
        due=None,
        mark=mark,
    )


def test_marking_an_action_done_is_kept_in_the_activity(co_producer_client, project, action):
    response = co_producer_client.post(
        url("actions:action_status", project, action_id=action.pk),
        {"status": "done", "version": action.version, "back": "plan"},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "done" and action.version == 2
    activity = Activity.objects.filter(project=project, kind="action_status").get()
    assert activity.detail == "Thank-you lunch: Done"
    assert activity.sentence() == "changed how far an action has got"


def test_a_stale_status_change_is_refused(co_producer_client, project, action):
    actions.action_update(action=action, actor=None, base_version=1, status="doing")
    co_producer_client.post(
        url("actions:action_status", project, action_id=action.pk),
        {"status": "dropped", "version": 1},
    )
    action.refresh_from_db()
    assert action.status == "doing"


def test_an_empty_status_change_is_refused(co_producer_client, project, action):
    response = co_producer_client.post(url("actions:action_status", project, action_id=action.pk))
    assert response.status_code == 400


def test_changing_an_action(co_producer_client, project, action, co_producer):
    page = co_producer_client.get(url("actions:action_edit", project, action_id=action.pk))
    assert "Thank-you lunch" in page.content.decode()
    response = co_producer_client.post(
        url("actions:action_edit", project, action_id=action.pk),
        action_data(
            **{
                "action-text": "Thank-you lunch in June",
                "action-owners": [str(co_producer.pk)],
                "action-version": "1",
                "action-status": "doing",
            }
        ),
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.text == "Thank-you lunch in June" and action.status == "doing"
    assert list(action.owners.all()) == [co_producer]
    kinds = set(Activity.objects.filter(project=project).values_list("kind", flat=True))
    assert {"action_changed", "action_status"} <= kinds


def test_changing_an_action_someone_else_changed_keeps_both(co_producer_client, project, action):
    actions.action_update(action=action, actor=None, base_version=1, text="Their words")
    response = co_producer_client.post(
        url("actions:action_edit", project, action_id=action.pk),
        action_data(**{"action-text": "My words", "action-version": "1"}),
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Their words" in html and "My words" in html
    action.refresh_from_db()
    assert action.text == "Their words"


def test_another_projects_action_is_not_found(co_producer_client, project, outsider):
    elsewhere = make_project(outsider, name="Elsewhere")
    theirs = actions.action_add(
        project=elsewhere,
        actor=outsider,
        text="Theirs",
        kind="forward",
        owners=[],
        everyone=True,
        due=None,
    )
    assert (
        co_producer_client.get(url("actions:action_edit", project, action_id=theirs.pk)).status_code
        == 404
    )
    response = co_producer_client.post(
        url("actions:action_status", project, action_id=theirs.pk), {"status": "done"}
    )
    assert response.status_code == 404


def test_outsiders_get_404_everywhere(outsider_client, project, action):
    for name, kwargs in [
        ("actions:benchmark", {}),
        ("actions:action_plan", {}),
        ("actions:score_history_csv", {}),
        ("actions:actions_csv", {}),
        ("actions:action_add", {}),
        ("actions:action_edit", {"action_id": action.pk}),
    ]:
        assert outsider_client.get(url(name, project, **kwargs)).status_code == 404
    response = outsider_client.post(url("actions:action_add", project), action_data())
    assert response.status_code == 404
    assert Action.objects.count() == 1


def test_signing_in_is_required(project, action):
    response = Client().get(url("actions:benchmark", project))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# -- CSV exports --------------------------------------------------------------------


def read_csv(response) -> list[list[str]]:
    body = response.content
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_score_history_csv_has_one_row_per_agreed_round(co_producer_client, project, history):
    response = co_producer_client.get(url("actions:score_history_csv", project))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="better-drop-in-')
    rows = read_csv(response)
    assert rows[0] == [
        "Stage",
        "Mark",
        "Date agreed",
        "Agreed score",
        "Why",
        "Spread",
        "Mark hidden",
    ]
    dates = [
        timezone.localdate(r.closed_at).isoformat() for r in history.rounds.order_by("closed_at")
    ]
    assert rows[1:] == [
        ["Process", history.title, dates[0], "4", "A slow start", "3–7", ""],
        # A note that looks like a formula stays text in a spreadsheet.
        ["Process", history.title, dates[1], "7", "'=SUM(A1)", "6–9", ""],
    ]


def test_the_score_history_csv_never_shows_scores_not_yet_agreed(
    co_producer_client, project, history, facilitator, co_producer
):
    revealed = marks_of(project)[2]
    r = scoring.round_open(mark=revealed, actor=facilitator)
    scoring.score_set(scoring_round=r, member=co_producer, value=9)
    scoring.round_reveal(scoring_round=r, actor=facilitator)
    rows = read_csv(co_producer_client.get(url("actions:score_history_csv", project)))
    titles = {row[1] for row in rows[1:]}
    assert titles == {history.title}


def test_the_action_plan_csv(co_producer_client, project, action, facilitator):
    actions.action_add(
        project=project,
        actor=facilitator,
        text="Celebrate together – with cake",
        kind="drop",
        owners=[],
        everyone=True,
        due=date(2026, 6, 1),
    )
    response = co_producer_client.get(url("actions:actions_csv", project))
    assert response["Content-Disposition"].startswith("attachment;")
    rows = read_csv(response)
    assert rows[0][:7] == ["Stage", "Mark", "Action", "What kind", "Who", "By when", "Status"]
    assert rows[1][:7] == [
        "Process",
        action.mark.title,
        "Thank-you lunch",
        "Taking forward",
        "Fran Facilitator",
        "",
        "To do",
    ]
    assert rows[2][:7] == [
        "",
        "",
        "Celebrate together – with cake",
        "Dropping",
        "Everyone",
        "2026-06-01",
        "To do",
    ]


def test_an_empty_project_exports_just_the_headers(co_producer_client, project):
    assert len(read_csv(co_producer_client.get(url("actions:score_history_csv", project)))) == 1
    assert len(read_csv(co_producer_client.get(url("actions:actions_csv", project)))) == 1


# -- the demo -----------------------------------------------------------------------


def test_the_demo_has_months_of_history_and_actions(db, settings):
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("demo")
    demo = Action.objects.first().project
    rounds = ScoringRound.objects.filter(mark__project=demo, status="closed")
    marks_scored = rounds.values("mark").distinct().count()
    assert marks_scored >= 4
    span = max(r.closed_at for r in rounds) - min(r.closed_at for r in rounds)
    assert span.days >= 90
    assert Action.objects.filter(project=demo).count() >= 4
    assert Action.objects.filter(project=demo, status="done").exists()


# -- who may reach what: the rows proposed for tests/test_permissions.py ----------------

LOGIN = "login"
MATRIX = {
    "actions:benchmark": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "actions:score_history_csv": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "actions:action_plan": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "actions:actions_csv": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 405, 405, 405)},
    "actions:action_add": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 404, 400, 400)},
    "actions:action_edit": {"GET": (LOGIN, 404, 200, 200), "POST": (LOGIN, 404, 400, 400)},
    "actions:action_status": {"GET": (LOGIN, 405, 405, 405), "POST": (LOGIN, 404, 400, 400)},
}


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_every_member_may_use_the_actions_pages_and_nobody_else(
    name, project, facilitator, co_producer, outsider, action
):
    clients = {"anonymous": Client()}
    for role, user in (
        ("outsider", outsider),
        ("co_producer", co_producer),
        ("facilitator", facilitator),
    ):
        clients[role] = Client()
        clients[role].force_login(user)
    kwargs = {"project_id": project.pk}
    if name in ("actions:action_edit", "actions:action_status"):
        kwargs["action_id"] = action.pk
    address = reverse(name, kwargs=kwargs)
    for method, expected in MATRIX[name].items():
        for role, want in zip(
            ("anonymous", "outsider", "co_producer", "facilitator"), expected, strict=True
        ):
            client = clients[role]
            response = client.get(address) if method == "GET" else client.post(address)
            if want == LOGIN:
                assert response.status_code == 302, (name, method, role)
                assert response["Location"].startswith(reverse("account_login"))
            else:
                assert response.status_code == want, (name, method, role, response.status_code)
    # Empty POSTs changed nothing.
    action.refresh_from_db()
    assert action.version == 1 and Action.objects.count() == 1


def test_every_actions_url_is_in_the_matrix():
    from marks.actions.urls import urlpatterns

    action_names = {f"actions:{p.name}" for p in urlpatterns}
    assert action_names == set(MATRIX)


def test_the_benchmark_shows_each_marks_actions_and_moves_them_on(
    co_producer_client, project, action
):
    html = co_producer_client.get(url("actions:benchmark", project)).content.decode()
    section = html.split(f'id="mark-{action.mark_id}"')[1].split('class="benchmark-mark__actions"')[
        0
    ]
    assert "Thank-you lunch" in section
    assert f'action="{url("actions:action_status", project, action_id=action.pk)}"' in section
    response = co_producer_client.post(
        url("actions:action_status", project, action_id=action.pk),
        {"status": "doing", "version": 1, "back": "benchmark"},
    )
    assert response["Location"] == f"{url('actions:benchmark', project)}#action-{action.pk}"
    action.refresh_from_db()
    assert action.status == "doing"


def test_an_action_cannot_point_at_another_projects_mark(project, outsider, facilitator):
    elsewhere = make_project(outsider, name="Elsewhere")
    with pytest.raises(ValueError):
        actions.action_add(
            project=project,
            actor=facilitator,
            text="x",
            kind="forward",
            owners=[],
            everyone=True,
            due=None,
            mark=marks_of(elsewhere)[0],
        )
    assert not Action.objects.exists()


def test_the_add_page_works_without_javascript(co_producer_client, project, mark):
    response = co_producer_client.get(
        url("actions:action_add", project), {"mark": mark.pk, "back": "mark"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html
    assert 'name="back" value="mark"' in html
    assert "No actions for this mark yet." in html


def test_comparing_days_before_any_score_says_so(co_producer_client, project, history):
    response = co_producer_client.get(
        url("actions:benchmark", project), {"first": "2020-01-01", "second": "2020-02-01"}
    )
    assert "No mark had an agreed score on either date." in response.content.decode()


def test_changing_an_action_on_a_hidden_mark_keeps_its_mark(co_producer_client, project, action):
    Mark.objects.filter(pk=action.mark_id).update(hidden=True)
    page = co_producer_client.get(
        url("actions:action_edit", project, action_id=action.pk)
    ).content.decode()
    assert f'<option value="{action.mark_id}" selected>' in page
    response = co_producer_client.post(
        url("actions:action_edit", project, action_id=action.pk),
        action_data(**{"action-mark": str(action.mark_id), "action-version": "1"}),
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.mark_id is not None


def test_an_htmx_status_change_answers_with_just_the_action(co_producer_client, project, action):
    response = co_producer_client.post(
        url("actions:action_status", project, action_id=action.pk),
        {"status": "done", "version": 1, "back": "plan"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert f'id="action-{action.pk}"' in html
    assert "“Thank-you lunch” is now: Done." in html
    assert '<option value="done" selected>' in html


def test_the_score_history_csv_keeps_hidden_marks_and_says_so(co_producer_client, project, history):
    Mark.objects.filter(pk=history.pk).update(hidden=True)
    rows = read_csv(co_producer_client.get(url("actions:score_history_csv", project)))
    assert [row[-1] for row in rows[1:]] == ["yes", "yes"]


def test_a_completed_project_shows_its_actions_without_a_way_to_change_them(
    facilitator_client, project, mark, action
):
    """The plan, the benchmark and a mark's actions stay readable, with no form to refuse."""
    Project.objects.filter(pk=project.pk).update(completed_at=timezone.now())
    mark_actions = f"{url('actions:action_add', project)}?mark={mark.pk}&back=mark"
    pages = {
        "plan": facilitator_client.get(url("actions:action_plan", project)),
        "benchmark": facilitator_client.get(url("actions:benchmark", project)),
        "mark actions": facilitator_client.get(mark_actions),
        "mark actions, htmx": facilitator_client.get(mark_actions, HTTP_HX_REQUEST="true"),
        "mark": facilitator_client.get(url("marks:mark", project, mark_id=mark.pk)),
    }
    # Every view that changes an action lives under the plan's address.
    plan = url("actions:action_plan", project)
    for name, response in pages.items():
        page = response.content.decode()
        assert response.status_code == 200, name
        assert "Thank-you lunch" in page or name == "mark", name
        assert f'action="{plan}' not in page and f'hx-post="{plan}' not in page, name
        assert url("actions:action_edit", project, action_id=action.pk) not in page, name
        assert "Add an action" not in page and "add one" not in page, name
