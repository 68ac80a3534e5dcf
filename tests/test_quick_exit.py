"""A quick way out: a project's "Leave this page quickly" button, its setting and its limits."""

import json
import re

from django.core.management import call_command
from django.test import Client

from projects.models import Project
from sharing.portability.document import export_project, import_project

from .factories import add_member, make_project
from .pages import count_queries, plain, url

BUTTON = re.compile(r'<a href="([^"]+)" class="quick-exit__link" id="quick-exit" rel="noreferrer"')


def turn_on(project: Project) -> None:
    project.quick_exit = True
    project.save(update_fields=["quick_exit"])


def test_the_button_is_off_until_a_facilitator_turns_it_on(co_producer_client, project):
    html = co_producer_client.get(url("projects:home", project)).content.decode()
    assert "Leave this page quickly" not in html
    assert "quick-exit.js" not in html


def test_once_on_every_page_of_the_project_starts_with_it(co_producer_client, project, settings):
    settings.QUICK_EXIT_URL = "https://weather.example.org/today"
    turn_on(project)
    for name in ["projects:home", "lake:board", "marks:stages_panel", "projects:members"]:
        html = co_producer_client.get(url(name, project)).content.decode()
        body = html[html.index("<body") :]
        first_link = re.search(r"<a [^>]*>", body).group(0)
        # First in the tab order, before the skip link; a plain link with no referrer.
        assert 'id="quick-exit"' in first_link, name
        assert BUTTON.search(body).group(1) == "https://weather.example.org/today"
        assert body.index('id="quick-exit"') < body.index("skip-link")
        assert html.count("js/quick-exit.js") == 1


def test_its_members_have_it_on_every_other_page_too_and_nobody_else_does(
    co_producer_client, co_producer, facilitator, project, outsider_client, outsider
):
    elsewhere = make_project(facilitator, name="A calm group")
    add_member(elsewhere, co_producer)
    add_member(elsewhere, outsider)
    turn_on(project)
    pages = [
        url("projects:list"),
        url("accounts:profile"),
        url("language:choose"),
        url("projects:home", elsewhere),
    ]
    for page in pages:
        body = co_producer_client.get(page).content.decode()
        assert BUTTON.search(body), page
        assert body.index('id="quick-exit"') < body.index("skip-link")
        # Someone who is in no such project never sees it.
        assert "Leave this page quickly" not in outsider_client.get(page).content.decode()
    assert "Leave this page quickly" not in Client().get(url("home")).content.decode()


def asks_for_the_button(queries) -> list[str]:
    """The queries that ask whether any of the person's projects has the quick exit on."""
    return [
        q["sql"]
        for q in queries.captured_queries
        if "WHERE" in q["sql"] and "quick_exit" in q["sql"].split("WHERE", 1)[1]
    ]


def test_the_button_costs_one_query_only_where_no_project_shows_it(co_producer_client, project):
    turn_on(project)
    with count_queries() as on:
        co_producer_client.get(url("projects:list"))
    project.quick_exit = False
    project.save(update_fields=["quick_exit"])
    with count_queries() as off:
        co_producer_client.get(url("projects:list"))
    assert len(on) == len(off)
    assert len(asks_for_the_button(off)) == 1
    turn_on(project)
    with count_queries() as home:
        co_producer_client.get(url("projects:home", project))
    # The project's own page already knows: it doesn't ask again.
    assert not asks_for_the_button(home)


def test_a_facilitator_turns_it_on_in_the_settings_which_explain_its_limits(
    facilitator_client, co_producer_client, project
):
    page = facilitator_client.get(url("projects:settings", project))
    text = plain(page)
    assert "Show a “Leave this page quickly” button" in text
    assert "no website can wipe that" in text
    assert "private window" in text
    assert "It does not sign them out" in text
    response = facilitator_client.post(
        url("projects:settings", project), {"quick_exit": "on", "version": 1}
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.quick_exit is True
    assert (
        'id="quick-exit"' in co_producer_client.get(url("projects:home", project)).content.decode()
    )


def test_a_co_producer_cannot_turn_it_off(co_producer_client, project):
    turn_on(project)
    response = co_producer_client.post(url("projects:settings", project), {"version": 1})
    assert response.status_code == 403
    project.refresh_from_db()
    assert project.quick_exit is True


def test_a_stale_settings_page_cannot_turn_it_off_unnoticed(facilitator_client, project):
    facilitator_client.post(url("projects:settings", project), {"quick_exit": "on", "version": 1})
    # Someone still on the page drawn at version 1 saves without the box ticked.
    response = facilitator_client.post(url("projects:settings", project), {"version": 1})
    assert response.status_code == 409
    project.refresh_from_db()
    assert project.quick_exit is True


def test_the_project_file_keeps_the_choice_and_older_files_still_import(project, facilitator):
    turn_on(project)
    document = json.loads(json.dumps(export_project(project)))
    assert document["project"]["quick_exit"] is True
    assert import_project(document, facilitator).quick_exit is True
    del document["project"]["quick_exit"]
    assert import_project(document, facilitator).quick_exit is False


def test_the_demo_has_a_project_with_the_quick_exit_on(db, settings):
    settings.DEBUG = True
    call_command("demo")
    circle = Project.objects.get(name="Peer support circle")
    assert circle.quick_exit
    assert circle.memberships.count() == 2
