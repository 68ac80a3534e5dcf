"""The printable report: aims, members, benchmark, action plan and lake on one page.

It shows only what every member can already see: agreed scores (never a round
still open or only revealed), visible marks, post-its that haven't been removed,
and "Anonymous" for anything added without a name.
"""

import re
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from lake import services as lake_services
from lake.models import PostIt
from marks import services as marks_services
from marks.actions import services as actions
from marks.scoring import services as scoring
from projects.models import Project
from projects.stages import Stage

from .factories import add_member, agree, make_postit, make_user, marks_of
from .pages import count_queries, without_tags


def report_url(project) -> str:
    return reverse("report:report", args=[project.pk])


def item(html: str, css_class: str, containing: str) -> str:
    """The text of the first list item with this class that mentions ``containing``."""
    for found in re.findall(
        rf'<li class="{css_class}">(.*?)</li>\s*(?=<li class="{css_class}"|</ul>)', html, re.S
    ):
        if containing in found:
            return without_tags(found)
    raise AssertionError(f"No {css_class} item mentions {containing!r}")


def section(html: str, heading: str) -> str:
    """The HTML of the report section under this h2, up to the next one."""
    match = re.search(rf"<h2[^>]*>{re.escape(heading)}</h2>(.*?)(?=<h2|</article>)", html, re.S)
    assert match, f"no section headed {heading!r}"
    return match.group(1)


@pytest.fixture
def full(project, facilitator, co_producer):
    """A project with aims, agreed scores, rounds in progress, actions and post-its."""
    Project.objects.filter(pk=project.pk).update(
        purpose="Redesign the drop-in together.", allow_anonymous=True
    )
    project.refresh_from_db()
    first, second, third = marks_of(project)[:3]
    agree(first, facilitator, [(facilitator, 3), (co_producer, 5)], 4, "A slow start", 60)
    agree(first, facilitator, [(facilitator, 6), (co_producer, 8)], 7, "Turns work now", 10)
    # A round still open and a round revealed but not agreed: neither may reach the report.
    secret = scoring.round_open(mark=second, actor=facilitator)
    scoring.score_set(scoring_round=secret, member=co_producer, value=2)
    shown = scoring.round_open(mark=third, actor=facilitator)
    scoring.score_set(scoring_round=shown, member=co_producer, value=9)
    scoring.round_reveal(scoring_round=shown, actor=facilitator)
    actions.action_add(
        project=project,
        actor=facilitator,
        text="Pay bus fares on the day",
        kind="forward",
        owners=[co_producer],
        everyone=False,
        due=date(2027, 3, 1),
        mark=first,
    )
    actions.action_add(
        project=project,
        actor=co_producer,
        text="Share a summary with everyone",
        kind="differently",
        owners=[],
        everyone=True,
        due=None,
        status="doing",
    )
    make_postit(project, co_producer, "Meet near the buses.")
    make_postit(project, co_producer, "Sometimes I can't disagree.", Stage.PROCESS, anonymous=True)
    gone = make_postit(project, co_producer, "A removed idea.", Stage.REVIEW)
    lake_services.postit_delete(postit=gone, actor=co_producer)
    make_postit(project, facilitator, "Check our aims again.", "water:planning-review")
    return {"first": first, "second": second, "third": third}


# -- who may open it -----------------------------------------------------------------


def test_any_member_opens_the_report_and_outsiders_get_404(
    client, co_producer_client, facilitator_client, outsider, project
):
    assert co_producer_client.get(report_url(project)).status_code == 200
    assert facilitator_client.get(report_url(project)).status_code == 200
    anonymous = client.get(report_url(project))
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    client.force_login(outsider)
    assert client.get(report_url(project)).status_code == 404
    assert co_producer_client.post(report_url(project)).status_code == 405


def test_a_completed_project_still_has_its_report(co_producer_client, project, full):
    Project.objects.filter(pk=project.pk).update(completed_at=timezone.now())
    response = co_producer_client.get(report_url(project))
    assert response.status_code == 200
    assert "It was completed on" in response.content.decode()


# -- what it says --------------------------------------------------------------------


def test_it_names_the_project_its_aims_its_members_and_the_day_it_was_made(
    co_producer_client, project, full
):
    html = co_producer_client.get(report_url(project)).content.decode()
    assert "<h1>Better drop-in</h1>" in html
    about = without_tags(section(html, "About the project"))
    assert "Redesign the drop-in together." in about
    assert "Fran Facilitator (facilitator)" in about
    assert "Cora Coproducer" in about
    assert f"Made on {timezone.localdate():%-d %B %Y}" in without_tags(html)


def test_the_benchmark_shows_each_marks_latest_agreed_score_with_its_chart_and_table(
    co_producer_client, project, full
):
    html = co_producer_client.get(report_url(project)).content.decode()
    benchmark = section(html, "Benchmark")
    first = item(benchmark, "report-mark", full["first"].title)
    assert "Agreed score: 7 out of 10" in first
    assert "Why: Turns work now" in first
    # The chart and its table: both agreed scores, oldest first.
    assert benchmark.count('<svg class="trend-chart__svg"') == 1
    assert re.search(r"<td>[^<]+</td><td>4</td></tr><tr><td>[^<]+</td><td>7</td>", benchmark)


def test_rounds_still_open_or_only_revealed_never_reach_the_report(
    co_producer_client, project, full
):
    benchmark = section(co_producer_client.get(report_url(project)).content.decode(), "Benchmark")
    scored = re.findall(r'<h4 class="report-mark__title">(.*?)</h4>', benchmark)
    assert scored == [full["first"].title]
    unscored = "".join(re.findall(r'<ul class="report-unscored">(.*?)</ul>', benchmark, re.S))
    assert f"<li>{full['second'].title}</li>" in unscored
    assert f"<li>{full['third'].title}</li>" in unscored
    assert benchmark.count('<svg class="trend-chart__svg"') == 1


def test_hidden_marks_are_left_out(co_producer_client, project, full, facilitator):
    marks_services.mark_set_hidden(mark=full["first"], actor=facilitator, hidden=True)
    benchmark = section(co_producer_client.get(report_url(project)).content.decode(), "Benchmark")
    assert full["first"].title not in benchmark


def test_the_action_plan_says_what_who_by_when_and_how_far(co_producer_client, project, full):
    plan = section(co_producer_client.get(report_url(project)).content.decode(), "Action plan")
    fares = item(plan, "report-action", "Pay bus fares")
    assert "Who: Cora Coproducer." in fares
    assert "By when: 1 March 2027." in fares
    assert "Status: To do (Taking forward)." in fares
    summary = item(plan, "report-action", "Share a summary")
    assert "Who: Everyone." in summary
    assert "By when: no date set." in summary
    assert "Status: Doing" in summary
    assert "About the whole project" in plan


def test_the_lake_lists_each_islands_post_its_naming_nobody_who_chose_not_to_be(
    co_producer_client, project, full
):
    lake = section(
        co_producer_client.get(report_url(project)).content.decode(), "The lake of ideas"
    )
    assert "Meet near the buses. (Cora Coproducer)" in item(lake, "report-postit", "buses")
    anonymous = item(lake, "report-postit", "disagree")
    assert "(Anonymous)" in anonymous and "Cora" not in anonymous
    assert "A removed idea." not in lake
    assert "The water between Planning and Review" in without_tags(lake)
    # Every island has a heading, even one with nothing on it.
    for stage in Stage:
        assert f">{stage.label}</h3>" in lake


def test_user_text_is_escaped(co_producer_client, project, co_producer):
    make_postit(project, co_producer, "<script>alert(1)</script>")
    html = co_producer_client.get(report_url(project)).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_it_offers_a_print_button_that_needs_javascript_and_says_what_to_do_without(
    co_producer_client, project
):
    html = co_producer_client.get(report_url(project)).content.decode()
    assert re.search(
        r"<button type=\"button\"[^>]*data-print[^>]*hidden>Print or save as PDF", html
    )
    assert "use your browser's Print" in html
    assert re.search(r'<script src="[^"]*js/print\.js" nonce="[^"]+" defer>', html)
    assert re.search(r'<link rel="stylesheet" href="[^"]*css/print\.css" media="print">', html)
    # The chart's styles come with the marks section.
    assert "css/review.css" in html


def test_the_print_stylesheet_sets_a4_and_keeps_charts_and_marks_whole():
    css = (Path(__file__).resolve().parent.parent / "static/css/print.css").read_text()
    assert re.search(r"@page\s*{[^}]*size:\s*A4", css)
    assert "break-inside: avoid" in css
    assert "overflow-wrap: anywhere" in css


def test_project_home_benchmark_and_completed_notice_link_to_the_report(
    co_producer_client, project
):
    home = co_producer_client.get(reverse("projects:home", args=[project.pk])).content.decode()
    assert f'href="{report_url(project)}"' in home
    benchmark = co_producer_client.get(reverse("actions:benchmark", args=[project.pk]))
    assert f'href="{report_url(project)}"' in benchmark.content.decode()
    Project.objects.filter(pk=project.pk).update(completed_at=timezone.now())
    home = co_producer_client.get(reverse("projects:home", args=[project.pk])).content.decode()
    notice = re.search(r'<div class="notice">(.*?)</div>', home, re.S).group(1)
    assert f'<a href="{report_url(project)}">See what the group achieved</a>' in notice


# -- its cost ------------------------------------------------------------------------


def _grow(project, facilitator, co_producer, n: int) -> None:
    """n more of everything the report lists: members, rounds, actions and post-its."""
    marks = marks_of(project) + marks_of(project, Stage.PLANNING)
    for i in range(n):
        member = make_user(f"Member {project.pk}-{n}-{i}")
        add_member(project, member)
        agree(marks[i], facilitator, [(co_producer, 5), (member, 6)], 5 + i % 4, f"why {i}", 30 - i)
        actions.action_add(
            project=project,
            actor=facilitator,
            text=f"Action {n}-{i}",
            kind="forward",
            owners=[co_producer, member],
            everyone=False,
            due=None,
            mark=marks[i],
        )
        make_postit(project, member, f"Idea {n}-{i}", Stage.COMPLETING)


def test_the_report_costs_the_same_queries_however_much_the_project_holds(
    co_producer_client, project, facilitator, co_producer
):
    """A long project must not make its report slower query by query."""
    _grow(project, facilitator, co_producer, 2)
    with count_queries() as small:
        assert co_producer_client.get(report_url(project)).status_code == 200
    _grow(project, facilitator, co_producer, 5)
    assert PostIt.objects.filter(project=project).count() == 7
    with count_queries() as large:
        response = co_producer_client.get(report_url(project))
    assert response.status_code == 200
    assert "Idea 5-4" in response.content.decode()
    assert len(large) == len(small)
