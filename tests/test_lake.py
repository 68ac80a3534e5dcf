"""The lake of ideas: post-its on four islands and in the water, moved by anyone, live."""

import gzip
import re
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lake import services
from lake.demo import extend
from lake.models import PLACES, TEXT_LIMIT, LakeTimer, PostIt, PostItRevision, lake_revision
from lake.views import CHANGES_LIMIT
from marks import services as mark_services
from projects.activity import record_activity
from projects.models import Activity, Project
from projects.stages import Stage

from .factories import make_postit, make_project, make_user
from .pages import count_queries, url

PLANNING = Stage.PLANNING.value
BETWEEN = "water:planning-review"


def add_data(text="A new idea", place=PLANNING, colour="yellow", **extra):
    return {"add-text": text, "add-place": place, "add-colour": colour, **extra}


@pytest.fixture
def postit(project, co_producer):
    """A post-it written by the co-producer, on the Planning island."""
    return make_postit(project, co_producer)


def revision(project) -> int:
    return lake_revision(project)


# -- the board -----------------------------------------------------------------


def test_the_board_needs_sign_in(project):
    response = Client().get(url("lake:board", project))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_an_outsider_gets_404_on_the_board(outsider_client, project):
    assert outsider_client.get(url("lake:board", project)).status_code == 404


def test_the_board_shows_four_islands_and_the_water(co_producer_client, project, postit):
    response = co_producer_client.get(url("lake:board", project))
    assert response.status_code == 200
    html = response.content.decode()
    for label in ("Planning", "Process", "Completing, sharing, celebrating", "Review"):
        assert f">{label} <span" in html
    assert 'id="region-water"' in html
    assert postit.text in html
    # Every post-it has a Move to… form that works without JavaScript.
    assert f'action="{url("lake:move", project, postit_id=postit.pk)}"' in html
    assert "The water between Planning and Review" in html


def test_a_completed_projects_lake_can_be_read_but_offers_no_changes(
    co_producer_client, project, co_producer, postit
):
    before = revision(project)
    make_postit(project, co_producer, text="Written before the end")
    Project.objects.filter(pk=project.pk).update(completed_at=timezone.now())
    html = co_producer_client.get(url("lake:board", project)).content.decode()
    assert "the lake can be read but no longer changed" in html
    assert postit.text in html and "Written before the end" in html
    changing = [url("lake:add", project), url("lake:timer", project)] + [
        url(f"lake:{name}", project, postit_id=postit.pk) for name in ("move", "delete", "edit")
    ]
    assert not [target for target in changing if target in html]
    # Nothing to drag with either, and live updates still arrive without any form.
    assert "data-sortable-src" not in html
    changes = _poll(co_producer_client, project, before)
    assert "Written before the end" in changes
    assert not [target for target in changing if target in changes]


def test_the_board_refuses_post(co_producer_client, project):
    assert co_producer_client.post(url("lake:board", project)).status_code == 405


def test_the_list_view_shows_the_same_post_its_as_plain_lists(co_producer_client, project):
    make_postit(project, None, text="Swimming idea", place=BETWEEN, anonymous=False)
    response = co_producer_client.get(url("lake:list", project))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Swimming idea" in html
    assert "The water between Planning and Review" in html
    assert "<select" not in html


def _board_queries(client, project) -> int:
    with count_queries() as ctx:
        response = client.get(url("lake:board", project))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_a_board_with_300_post_its_costs_as_many_queries_as_one_with_3(
    co_producer_client, project, co_producer, facilitator
):
    """Drawing the board must not ask the database once per post-it, author or mark."""
    mark = mark_services.mark_add(
        project=project, author=facilitator, stage=Stage.PROCESS, title="Listen", explanation=""
    )
    for i in range(3):
        make_postit(project, co_producer, text=f"Idea {i}", mark=mark)
    small = _board_queries(co_producer_client, project)
    people = [make_user(f"Person {i}", f"p{i}@example.org") for i in range(5)]
    places = list(PLACES)
    PostIt.objects.bulk_create(
        PostIt(
            project=project,
            author=people[i % 5],
            text=f"Idea number {i} about meeting somewhere accessible",
            place=places[i % len(places)],
            position=i,
            colour=["yellow", "pink", "green", "blue", "orange"][i % 5],
            mark=mark if i % 7 == 0 else None,
        )
        for i in range(297)
    )
    large = _board_queries(co_producer_client, project)
    assert small == large


def test_the_board_with_300_post_its_and_its_css_and_js_is_under_66_kb_compressed(
    co_producer_client, project, co_producer
):
    PostIt.objects.bulk_create(
        PostIt(
            project=project,
            author=co_producer,
            text=f"Idea {i}: meet somewhere with step-free access",
            place=list(PLACES)[i % len(PLACES)],
            position=i,
        )
        for i in range(300)
    )
    html = co_producer_client.get(url("lake:board", project)).content
    # Every stylesheet and script the page loads, found where the static files live.
    paths = re.findall(
        rb'(?:src|href)="' + re.escape(settings.STATIC_URL.encode()) + rb'([^"?]+)"', html
    )
    files = [Path(finders.find(p.decode())) for p in paths]
    assert any(f.name == "lake.js" for f in files)
    assert any(f.name == "Sortable.min.js" for f in files)
    assert any(f.name.startswith("htmx") for f in files)
    total = len(gzip.compress(html)) + sum(len(gzip.compress(f.read_bytes())) for f in files)
    # SortableJS counts here although it loads only when a pointer reaches the page, and so
    # do static/js/forms.js (keeping typed words, saying when a save fails: 2.6 KB) and
    # static/js/live.js (quiet or paused live updates: 1.6 KB): 66 KB.
    # tests/test_page_weight.py holds the first load itself to 60 KB.
    assert total < 66 * 1024, f"{total} bytes compressed"


# -- polling -------------------------------------------------------------------


def test_a_poll_with_nothing_new_is_an_empty_204_for_one_small_query(
    co_producer_client, project, django_assert_num_queries
):
    current = revision(project)
    co_producer_client.get(url("lake:board", project))  # the session is loaded once
    # The session and the signed-in person are two queries; the revision is the third.
    with django_assert_num_queries(3):
        response = co_producer_client.get(url("lake:poll", project), {"revision": current})
    assert response.status_code == 204
    assert response.content == b""


@pytest.mark.parametrize("asked", ["", "abc", "-1", "99999", "1" * 30])
def test_a_poll_from_an_unknown_revision_sends_the_timer_and_every_region(
    co_producer_client, project, facilitator, asked
):
    make_postit(project, facilitator, text="Already there")
    make_postit(project, facilitator, text="From the other window")
    response = co_producer_client.get(
        url("lake:poll", project), {"revision": asked}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "Already there" in html and "From the other window" in html
    assert f'data-revision="{revision(project)}"' in html
    # Never the add form: what someone is typing there is left alone.
    assert 'id="add-postit"' not in html
    # The timer, how many ideas have an answer, and the four islands and the water.
    assert html.count("data-live") == 7
    assert 'id="lake-answered"' in html
    assert "data-changes" not in html


def _poll(client, project, since):
    response = client.get(url("lake:poll", project), {"revision": since}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return response.content.decode()


def _change(html, postit):
    """The marker a poll sends for one changed post-it: its region and the one it follows."""
    found = re.search(
        r'<div data-change data-region="([^"]+)" data-after="(\d*)"[^>]*>\s*<li[^>]* id="postit-'
        + str(postit.pk)
        + '"',
        html,
    )
    return found.groups() if found else None


def test_a_poll_after_one_new_post_it_sends_that_post_it_and_not_the_others(
    co_producer_client, project, facilitator, co_producer
):
    first = make_postit(project, co_producer, text="Already there")
    make_postit(project, facilitator, text="Also there", place="review")
    before = revision(project)
    new = make_postit(project, facilitator, text="From the other window")
    html = _poll(co_producer_client, project, before)
    assert "<html" not in html
    assert "data-changes" in html
    assert f'data-revision="{revision(project)}"' in html
    assert "From the other window" in html
    assert "Already there" not in html and "Also there" not in html
    # It goes after the post-it already on the island, and the island's count goes up.
    assert _change(html, new) == ("planning", str(first.pk))
    assert '<span data-count="planning">(2 post-its)</span>' in html
    assert '<span data-count="review">(1 post-it)</span>' in html
    # Still the timer, never the add form or the other regions.
    assert 'id="timer"' in html
    assert 'id="add-postit"' not in html and 'id="region-' not in html
    assert "Changed on the lake: “From the other window”, in Planning." in html


def test_a_poll_after_a_move_puts_the_post_it_after_its_new_neighbour(
    co_producer_client, project, facilitator, co_producer
):
    a, b = (make_postit(project, co_producer, text=t, place="review") for t in ("A", "B"))
    moving = make_postit(project, co_producer, text="Moving on")
    before = revision(project)
    services.postit_move(postit=moving, place="review", actor=facilitator, index=1)
    html = _poll(co_producer_client, project, before)
    assert _change(html, moving) == ("review", str(a.pk))
    # The others kept their order, so they are not sent again.
    assert f'id="postit-{a.pk}"' not in html and f'id="postit-{b.pk}"' not in html
    assert '<span data-count="planning">(0 post-its)</span>' in html
    assert '<span data-count="review">(3 post-its)</span>' in html
    # To the front of a list, it follows nothing.
    before = revision(project)
    services.postit_move(postit=moving, place="review", actor=facilitator, index=0)
    assert _change(_poll(co_producer_client, project, before), moving) == ("review", "")


def test_the_water_is_one_list_for_the_post_it_that_comes_before(
    co_producer_client, project, co_producer
):
    swimming = make_postit(project, co_producer, text="Swimming", place="water")
    before = revision(project)
    between = make_postit(project, co_producer, text="Between", place=BETWEEN)
    html = _poll(co_producer_client, project, before)
    assert _change(html, between) == ("water", str(swimming.pk))


def test_a_poll_after_a_removal_and_an_undo_tells_the_browser(
    co_producer_client, project, facilitator, co_producer, postit
):
    before = revision(project)
    services.postit_delete(postit=postit, actor=facilitator)
    html = _poll(co_producer_client, project, before)
    assert f'<div data-removed="{postit.pk}"' in html
    assert "Taken off the lake: “Meet somewhere with good buses.”." in html
    assert '<span data-count="planning">(0 post-its)</span>' in html
    assert "data-change " not in html
    before = revision(project)
    services.postit_restore(postit=postit, actor=facilitator)
    html = _poll(co_producer_client, project, before)
    assert _change(html, postit) == ("planning", "")
    assert "data-removed" not in html


def test_a_poll_after_an_edit_sends_the_new_words_with_change_only_for_the_author(
    co_producer_client, facilitator_client, project, postit
):
    before = revision(project)
    services.postit_edit(postit=postit, base_version=1, text="Meet by the station", colour="pink")
    with count_queries() as first:
        theirs = _poll(facilitator_client, project, before)
    # The second member polling from the same revision reuses what the first one looked up,
    # but still gets their own "Change" link.
    with count_queries() as second:
        mine = _poll(co_producer_client, project, before)
    assert len(second.captured_queries) < len(first.captured_queries) - 2
    for html in (mine, theirs):
        assert "Meet by the station" in html and "postit--pink" in html
        assert _change(html, postit) == ("planning", "")
    edit = url("lake:edit", project, postit_id=postit.pk)
    assert edit in mine
    assert edit not in theirs


def test_a_poll_after_a_timer_start_sends_only_the_timer(
    co_producer_client, project, co_producer, postit
):
    before = revision(project)
    services.timer_action(project=project, actor=co_producer, action="start")
    html = _poll(co_producer_client, project, before)
    assert "data-changes" in html and "data-timer" in html
    assert "data-change " not in html and "data-removed" not in html


def test_many_changes_since_the_browsers_revision_send_the_whole_lake(
    co_producer_client, project, co_producer
):
    make_postit(project, co_producer, text="The first idea of all")
    before = revision(project)
    for i in range(CHANGES_LIMIT + 1):
        make_postit(project, co_producer, text=f"Idea {i}")
    html = _poll(co_producer_client, project, before)
    assert "data-changes" not in html
    assert html.count("data-live") == 7  # the timer, the answered count, five regions
    assert "The first idea of all" in html
    # One fewer change and it is only the changes again.
    before = revision(project) - CHANGES_LIMIT
    html = _poll(co_producer_client, project, before)
    assert "data-changes" in html and "The first idea of all" not in html


def _fill_lake(project, count):
    people = [make_user(f"Filler {count} {i}", f"f{count}-{i}@example.org") for i in range(5)]
    start = PostIt.objects.count()
    PostIt.objects.bulk_create(
        PostIt(
            project=project,
            author=people[i % 5],
            text=f"Idea number {start + i} about meeting somewhere accessible",
            place=PLACES[i % len(PLACES)],
            position=start + i,
        )
        for i in range(count)
    )


def _one_change_poll(client, project, author):
    before = revision(project)
    make_postit(project, author, text="One more idea")
    with count_queries() as ctx:
        response = client.get(
            url("lake:poll", project), {"revision": before}, HTTP_HX_REQUEST="true"
        )
    assert response.status_code == 200
    assert b"data-changes" in response.content
    return len(ctx.captured_queries), len(response.content)


def test_a_poll_with_one_change_costs_the_same_queries_and_few_bytes_at_30_and_300_post_its(
    co_producer_client, project, co_producer
):
    """Polls run every 2.5 s for every member: one change must not cost a whole lake."""
    co_producer_client.get(url("lake:board", project))
    make_postit(project, co_producer, text="The lake has begun")
    _fill_lake(project, 30)
    small_queries, small_bytes = _one_change_poll(co_producer_client, project, co_producer)
    _fill_lake(project, 270)
    large_queries, large_bytes = _one_change_poll(co_producer_client, project, co_producer)
    assert small_queries == large_queries
    # One post-it, the timer and five counts, uncompressed; the whole lake is about 300 KB.
    assert large_bytes < 6 * 1024, large_bytes
    full = co_producer_client.get(url("lake:poll", project), {"revision": ""}).content
    assert len(full) > 40 * large_bytes


def test_changes_elsewhere_in_the_project_do_not_redraw_the_lake(
    co_producer_client, project, co_producer
):
    """Scores and notes bump the project's revision, not the lake's: polls stay empty."""
    current = revision(project)
    record_activity(project=project, actor=co_producer, kind="note_added")
    response = co_producer_client.get(url("lake:poll", project), {"revision": current})
    assert response.status_code == 204


def test_an_outsider_cannot_poll(outsider_client, project):
    assert outsider_client.get(url("lake:poll", project), {"revision": 1}).status_code == 404


# -- adding --------------------------------------------------------------------


def test_a_member_adds_a_post_it_to_the_water_between_two_islands(
    co_producer_client, project, co_producer
):
    before = revision(project)
    response = co_producer_client.post(
        url("lake:add", project), add_data("Check aims", BETWEEN, "pink")
    )
    postit = PostIt.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#postit-{postit.pk}")
    assert (postit.place, postit.colour, postit.author) == (BETWEEN, "pink", co_producer)
    assert postit.revisions.get().text == "Check aims"
    assert revision(project) == before + 1
    assert Activity.objects.filter(project=project, kind="postit_added").exists()


def test_an_htmx_add_answers_with_a_fresh_form(co_producer_client, project):
    response = co_producer_client.post(
        url("lake:add", project), add_data("By htmx"), HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "data-added" in html
    assert "By htmx" not in html


def test_an_htmx_add_with_no_words_answers_400_with_just_the_form(co_producer_client, project):
    response = co_producer_client.post(
        url("lake:add", project), add_data(""), HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    # The base layout tells htmx to swap a 400, so the message shows with an honest status.
    assert response.status_code == 400
    assert "<html" not in html
    assert "Write your idea before adding it." in html
    assert not PostIt.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (add_data(""), "Write your idea before adding it."),
        (add_data("   \n "), "Write your idea before adding it."),
        (add_data("x" * (TEXT_LIMIT + 1)), "A post-it can be 500 characters at most."),
        (add_data(colour="purple"), "Choose one of the colours shown."),
        (add_data(place="the sea"), "Choose an island or the water from the list."),
        (add_data(place="water:planning-planning"), "Choose an island or the water"),
    ],
)
def test_bad_input_when_adding_gets_a_message_and_saves_nothing(
    co_producer_client, project, data, message
):
    before = revision(project)
    response = co_producer_client.post(url("lake:add", project), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'role="alert"' in response.content.decode()
    assert not PostIt.objects.exists()
    assert revision(project) == before


def test_exactly_500_characters_is_allowed(co_producer_client, project):
    response = co_producer_client.post(url("lake:add", project), add_data("x" * TEXT_LIMIT))
    assert response.status_code == 302
    assert len(PostIt.objects.get().text) == TEXT_LIMIT


def test_script_tags_are_shown_escaped(co_producer_client, project):
    co_producer_client.post(url("lake:add", project), add_data("<script>alert(1)</script>"))
    html = co_producer_client.get(url("lake:board", project)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_an_anonymous_post_it_keeps_no_author(co_producer_client, project):
    project.allow_anonymous = True
    project.save(update_fields=["allow_anonymous"])
    co_producer_client.post(
        url("lake:add", project), add_data("Quiet idea", **{"add-anonymous": "on"})
    )
    postit = PostIt.objects.get()
    assert postit.author is None and postit.is_anonymous
    activity = Activity.objects.get(project=project, kind="postit_added")
    assert activity.actor is None
    assert "Anonymous" in co_producer_client.get(url("lake:board", project)).content.decode()


def test_anonymous_is_ignored_where_the_project_does_not_allow_it(
    co_producer_client, project, co_producer
):
    co_producer_client.post(url("lake:add", project), add_data("Named", **{"add-anonymous": "on"}))
    assert PostIt.objects.get().author == co_producer


def test_the_database_refuses_a_place_that_does_not_exist(project, co_producer):
    with pytest.raises(IntegrityError), transaction.atomic():
        PostIt.objects.create(project=project, author=co_producer, text="x", place="sea")


# -- moving --------------------------------------------------------------------


def test_anyone_moves_a_post_it_to_the_water_between_planning_and_review(
    facilitator_client, project, postit
):
    response = facilitator_client.post(
        url("lake:move", project, postit_id=postit.pk), {"place": BETWEEN}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#postit-{postit.pk}")
    postit.refresh_from_db()
    assert postit.place == BETWEEN
    page = facilitator_client.get(response["Location"]).content.decode()
    assert (
        "Moved “Meet somewhere with good buses.” to The water between Planning and Review." in page
    )


def test_an_htmx_move_answers_with_the_regions_and_an_announcement(
    co_producer_client, project, postit
):
    response = co_producer_client.post(
        url("lake:move", project, postit_id=postit.pk), {"place": "review"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'data-announce="Moved' in html
    assert f'data-revision="{revision(project)}"' in html
    assert html.count("data-live") == 7  # the timer, the answered count, five regions


def test_an_htmx_move_from_a_known_revision_answers_with_only_what_changed(
    co_producer_client, project, postit, co_producer
):
    other = make_postit(project, co_producer, text="Staying put", place="review")
    before = revision(project)
    response = co_producer_client.post(
        url("lake:move", project, postit_id=postit.pk),
        {"place": "review", "revision": before},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-changes" in html
    assert 'data-announce="Moved' in html
    assert f'data-revision="{revision(project)}"' in html
    assert _change(html, postit) == ("review", str(other.pk))
    assert "Staying put" not in html


def test_a_move_to_a_place_that_does_not_exist_changes_nothing(co_producer_client, project, postit):
    before = revision(project)
    response = co_producer_client.post(
        url("lake:move", project, postit_id=postit.pk), {"place": "sea"}
    )
    assert response.status_code == 302
    page = co_producer_client.get(response["Location"]).content.decode()
    assert "That place is not on the lake." in page
    postit.refresh_from_db()
    assert postit.place == PLANNING
    assert revision(project) == before
    htmx = co_producer_client.post(
        url("lake:move", project, postit_id=postit.pk), {"place": ""}, HTTP_HX_REQUEST="true"
    )
    assert htmx.status_code == 400


def test_a_drag_puts_the_post_it_at_its_place_in_the_list(project, co_producer, co_producer_client):
    a, b, c = (make_postit(project, co_producer, text=t, place="review") for t in "abc")
    co_producer_client.post(
        url("lake:move", project, postit_id=c.pk), {"place": "review", "position": 0}
    )
    order = list(
        PostIt.objects.filter(place="review").order_by("position").values_list("text", flat=True)
    )
    assert order == ["c", "a", "b"]


def _review_order(project):
    return list(
        PostIt.objects.filter(project=project, place="review", deleted_at=None)
        .order_by("position", "pk")
        .values_list("text", "position")
    )


@pytest.mark.parametrize("gaps", [False, True])
def test_a_move_renumbers_the_list_and_keeps_the_others_in_order(
    project, co_producer, facilitator, django_assert_max_num_queries, gaps
):
    """Most moves shift the others by one step (one UPDATE); uneven gaps left by removals
    take the bulk update. Either way the list ends up numbered 0, 1, 2… in order."""
    made = [make_postit(project, co_producer, text=t, place="review") for t in "abcdefghijklmno"]
    # Kept at positions 0, 2, 5, 9 and 14: moving one to the front shifts them by four steps.
    kept = [p for i, p in enumerate(made) if not gaps or i in (0, 2, 5, 9, 14)]
    for gone in set(made) - set(kept):
        services.postit_delete(postit=gone, actor=facilitator)
    kept = [p.text for p in kept]
    moving = make_postit(project, co_producer, text="new")
    with django_assert_max_num_queries(20):
        services.postit_move(postit=moving, place="review", actor=facilitator, index=0)
    expected = ["new"] + kept
    assert _review_order(project) == [(text, i) for i, text in enumerate(expected)]
    services.postit_move(postit=moving, place="review", actor=facilitator, index=2)
    expected = kept[:2] + ["new"] + kept[2:]
    assert _review_order(project) == [(text, i) for i, text in enumerate(expected)]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_moves_between_two_islands_at_the_same_time_never_deadlock(
    project, co_producer, facilitator
):
    """A move locks the post-its of the list it goes to. Two people moving post-its
    between the same two islands at once used to wait for each other's rows until
    PostgreSQL broke the deadlock with an error (a 500, seen in the load test)."""
    planning = [make_postit(project, co_producer, text=f"P{i}") for i in range(6)]
    review = [make_postit(project, co_producer, text=f"R{i}", place="review") for i in range(6)]
    errors = []

    def work(postits, there, back):
        try:
            for i in range(30):
                postit = PostIt.objects.select_related("project").get(pk=postits[i % 6].pk)
                services.postit_move(postit=postit, place=there, actor=facilitator, index=0)
                services.postit_move(postit=postit, place=back, actor=facilitator, index=0)
        except Exception as error:  # noqa: BLE001 - any failure is reported below
            errors.append(error)
        finally:
            connection.close()

    workers = [
        threading.Thread(target=work, args=(planning, "review", PLANNING)),
        threading.Thread(target=work, args=(review, PLANNING, "review")),
        threading.Thread(target=work, args=(planning + review, "review", PLANNING)),
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    assert PostIt.objects.filter(deleted_at=None).count() == 12


def test_two_moves_of_the_same_post_it_the_later_wins_and_both_are_in_the_activity(
    project, postit, facilitator, co_producer
):
    services.postit_move(
        postit=PostIt.objects.get(pk=postit.pk), place="process", actor=facilitator
    )
    services.postit_move(postit=PostIt.objects.get(pk=postit.pk), place="review", actor=co_producer)
    postit.refresh_from_db()
    assert postit.place == "review"
    moves = Activity.objects.filter(project=project, kind="postit_moved")
    assert {m.actor for m in moves} == {facilitator, co_producer}


def test_a_post_it_of_another_project_is_not_found(facilitator_client, project, facilitator):
    other = make_project(facilitator, name="Another group")
    theirs = make_postit(other, facilitator, text="Theirs")
    for name in ("move", "delete", "restore", "history"):
        target = url(f"lake:{name}", project, postit_id=theirs.pk)
        response = facilitator_client.post(target, {"place": "review"})
        if response.status_code == 405:
            response = facilitator_client.get(target)
        assert response.status_code == 404, name
    response = facilitator_client.get(url("lake:edit", project, postit_id=theirs.pk))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert (theirs.place, theirs.deleted_at) == (PLANNING, None)


def test_moving_needs_post(co_producer_client, project, postit):
    assert co_producer_client.get(url("lake:move", project, postit_id=postit.pk)).status_code == 405


# -- editing -------------------------------------------------------------------


def edit_data(text, version, colour="yellow"):
    return {"text": text, "colour": colour, "version": version}


def test_the_author_changes_their_words_and_the_history_keeps_the_old(
    co_producer_client, project, postit
):
    response = co_producer_client.post(
        url("lake:edit", project, postit_id=postit.pk),
        edit_data("Meet near the bus station", 1, "blue"),
    )
    assert response.status_code == 302
    postit.refresh_from_db()
    assert (postit.text, postit.colour, postit.version) == ("Meet near the bus station", "blue", 2)
    history = co_producer_client.get(
        url("lake:history", project, postit_id=postit.pk)
    ).content.decode()
    assert "Meet somewhere with good buses." in history
    assert "Meet near the bus station" in history
    board = co_producer_client.get(url("lake:board", project)).content.decode()
    assert "changed: see earlier wording" in board


def test_nobody_changes_someone_elses_words(facilitator_client, project, postit):
    target = url("lake:edit", project, postit_id=postit.pk)
    assert facilitator_client.get(target).status_code == 403
    response = facilitator_client.post(target, edit_data("Changed", 1))
    assert response.status_code == 403
    assert "Only the member who wrote a post-it can change its words." in response.content.decode()
    postit.refresh_from_db()
    assert postit.text == "Meet somewhere with good buses."


def test_nobody_can_change_an_anonymous_post_it(project, co_producer, co_producer_client):
    project.allow_anonymous = True
    project.save(update_fields=["allow_anonymous"])
    anonymous = make_postit(project, co_producer, anonymous=True)
    response = co_producer_client.get(url("lake:edit", project, postit_id=anonymous.pk))
    assert response.status_code == 403


def test_editing_needs_sign_in(project, postit):
    response = Client().get(url("lake:edit", project, postit_id=postit.pk))
    assert response.status_code == 302


def test_bad_input_when_editing_saves_nothing(co_producer_client, project, postit):
    target = url("lake:edit", project, postit_id=postit.pk)
    for data in (edit_data("", 1), edit_data("x" * 501, 1), edit_data("ok", 1, "purple")):
        assert co_producer_client.post(target, data).status_code == 400
    postit.refresh_from_db()
    assert (postit.text, postit.version) == ("Meet somewhere with good buses.", 1)


def test_a_post_it_removed_while_being_changed_is_gone(
    co_producer_client, facilitator, project, postit, monkeypatch
):
    """Someone removes the post-it between the page opening and the change arriving."""
    real_edit = services.postit_edit

    def removed_first(**kwargs):
        services.postit_delete(postit=PostIt.objects.get(pk=postit.pk), actor=facilitator)
        return real_edit(**kwargs)

    monkeypatch.setattr(services, "postit_edit", removed_first)
    response = co_producer_client.post(
        url("lake:edit", project, postit_id=postit.pk), edit_data("My words", 1)
    )
    assert response.status_code == 404
    postit.refresh_from_db()
    assert postit.text == "Meet somewhere with good buses."


def test_a_stale_edit_shows_both_versions_and_saves_nothing(co_producer_client, project, postit):
    services.postit_edit(postit=postit, base_version=1, text="Newer words", colour="green")
    response = co_producer_client.post(
        url("lake:edit", project, postit_id=postit.pk), edit_data("My words", 1)
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "This post-it changed while you were writing" in html
    assert "Your version" in html and "My words" in html
    assert "The newer version" in html and "Newer words" in html
    assert 'name="version" value="2"' in html
    postit.refresh_from_db()
    assert postit.text == "Newer words"
    # Choosing their own version saves it on top of the newer one.
    response = co_producer_client.post(
        url("lake:edit", project, postit_id=postit.pk), edit_data("My words", 2)
    )
    assert response.status_code == 302
    postit.refresh_from_db()
    assert postit.text == "My words"
    assert PostItRevision.objects.filter(postit=postit).count() == 3


# -- removing and bringing back ------------------------------------------------


def test_anyone_removes_a_post_it_and_can_undo(facilitator_client, project, postit):
    response = facilitator_client.post(url("lake:delete", project, postit_id=postit.pk))
    assert response.status_code == 302
    postit.refresh_from_db()
    assert postit.deleted_at is not None
    page = facilitator_client.get(response["Location"]).content.decode()
    assert "has been removed" in page
    assert url("lake:restore", project, postit_id=postit.pk) in page
    assert 'id="postit-' not in page


def test_the_recently_removed_list_lets_anyone_bring_a_post_it_back(
    co_producer_client, facilitator_client, project, postit, facilitator
):
    services.postit_delete(postit=postit, actor=facilitator)
    page = co_producer_client.get(url("lake:removed", project)).content.decode()
    assert postit.text in page
    response = co_producer_client.post(url("lake:restore", project, postit_id=postit.pk))
    assert response.status_code == 302
    postit.refresh_from_db()
    assert postit.deleted_at is None
    assert Activity.objects.filter(project=project, kind="postit_restored").exists()
    # A second "bring back" (someone else was quicker) is not an error, and changes nothing.
    again = facilitator_client.post(url("lake:restore", project, postit_id=postit.pk))
    assert again.status_code == 302
    assert Activity.objects.filter(project=project, kind="postit_restored").count() == 1


def test_removed_post_its_are_kept_for_30_days(co_producer_client, project, postit, co_producer):
    old = make_postit(project, co_producer, text="Long gone")
    PostIt.objects.filter(pk=postit.pk).update(deleted_at=timezone.now() - timedelta(days=29))
    PostIt.objects.filter(pk=old.pk).update(deleted_at=timezone.now() - timedelta(days=31))
    page = co_producer_client.get(url("lake:removed", project)).content.decode()
    assert postit.text in page
    assert "Long gone" not in page
    assert (
        co_producer_client.post(url("lake:restore", project, postit_id=old.pk)).status_code == 404
    )


def test_removing_needs_post(co_producer_client, project, postit):
    assert (
        co_producer_client.get(url("lake:delete", project, postit_id=postit.pk)).status_code == 405
    )


# -- the five minutes with the lake --------------------------------------------


def test_anyone_starts_pauses_and_stops_the_timer(co_producer_client, facilitator_client, project):
    assert (
        co_producer_client.post(url("lake:timer", project), {"action": "start"}).status_code == 302
    )
    timer = LakeTimer.objects.get(project=project)
    assert timer.is_running and timer.active
    page = co_producer_client.get(url("lake:board", project)).content.decode()
    assert 'role="timer"' in page
    facilitator_client.post(url("lake:timer", project), {"action": "pause"})
    timer.refresh_from_db()
    assert not timer.is_running and timer.active
    facilitator_client.post(url("lake:timer", project), {"action": "stop"})
    timer.refresh_from_db()
    assert not timer.active and timer.remaining == 300


def test_the_timer_locks_nothing_when_it_ends(co_producer_client, project):
    co_producer_client.post(url("lake:timer", project), {"action": "start"})
    LakeTimer.objects.filter(project=project).update(
        running_since=timezone.now() - timedelta(minutes=6)
    )
    page = co_producer_client.get(url("lake:board", project)).content.decode()
    assert "Time is up" in page
    assert (
        co_producer_client.post(url("lake:add", project), add_data("After time")).status_code == 302
    )


def test_a_timer_action_that_does_not_exist_changes_nothing(co_producer_client, project):
    response = co_producer_client.post(url("lake:timer", project), {"action": "explode"})
    assert response.status_code == 302
    assert not LakeTimer.objects.exists()


# -- from a note on a mark -----------------------------------------------------


@pytest.fixture
def note(project, facilitator, co_producer):
    mark = mark_services.mark_add(
        project=project, author=facilitator, stage=Stage.REVIEW, title="Look back", explanation=""
    )
    return mark_services.note_add(
        mark=mark, author=co_producer, kind="ladder", text="We asked everyone."
    )


def test_a_note_is_sent_to_its_marks_island_and_links_back(
    facilitator_client, project, note, co_producer
):
    response = facilitator_client.post(url("lake:from_note", project, note_id=note.pk))
    postit = PostIt.objects.get()
    assert response.status_code == 302
    assert (postit.place, postit.text, postit.author, postit.mark) == (
        "review",
        "We asked everyone.",
        co_producer,
        note.mark,
    )
    board = facilitator_client.get(url("lake:board", project)).content.decode()
    assert reverse("marks:mark", args=[project.pk, note.mark.pk]) in board
    # The mark page now offers the button.
    mark_page = facilitator_client.get(reverse("marks:mark", args=[project.pk, note.mark.pk]))
    assert "Send to the lake of ideas" in mark_page.content.decode()


def test_an_anonymous_note_stays_anonymous_on_the_lake(facilitator_client, project, note):
    project.allow_anonymous = True
    project.save(update_fields=["allow_anonymous"])
    secret = mark_services.note_add(
        mark=note.mark, author=None, kind="snake", text="Quiet worry", anonymous=True
    )
    facilitator_client.post(url("lake:from_note", project, note_id=secret.pk))
    postit = PostIt.objects.get()
    assert postit.author is None and postit.is_anonymous


def test_a_note_of_another_project_cannot_be_sent(facilitator_client, project, facilitator):
    other = make_project(facilitator, name="Other")
    mark = mark_services.mark_add(
        project=other, author=facilitator, stage=Stage.REVIEW, title="Other", explanation=""
    )
    theirs = mark_services.note_add(mark=mark, author=facilitator, kind="ladder", text="Theirs")
    response = facilitator_client.post(url("lake:from_note", project, note_id=theirs.pk))
    assert response.status_code == 404
    assert not PostIt.objects.exists()


def test_sending_a_note_needs_post_and_membership(
    facilitator_client, outsider_client, project, note
):
    target = url("lake:from_note", project, note_id=note.pk)
    assert facilitator_client.get(target).status_code == 405
    assert outsider_client.post(target).status_code == 404
    assert Client().post(target).status_code == 302
    assert not PostIt.objects.exists()


# -- the demo ------------------------------------------------------------------


def test_the_demo_makes_a_lively_lake(project, facilitator, co_producer):
    users = {
        name: make_user(name, f"{name.lower()}@example.org")
        for name in ("Sam", "Amina", "Jo", "Priya")
    }
    project.allow_anonymous = True
    project.save(update_fields=["allow_anonymous"])
    extend(project, users)
    live = PostIt.objects.filter(project=project, deleted_at=None)
    assert live.count() >= 12
    assert {p.region for p in live} == {"planning", "process", "completing", "review", "water"}
    assert PostIt.objects.filter(project=project, deleted_at__isnull=False).exists()


def test_a_long_note_is_shortened_to_fit_a_post_it_and_links_back(
    facilitator_client, project, note
):
    long = mark_services.note_add(mark=note.mark, author=None, kind="snake", text="y" * 1200)
    facilitator_client.post(url("lake:from_note", project, note_id=long.pk))
    postit = PostIt.objects.get()
    assert len(postit.text) == TEXT_LIMIT
    assert postit.text.endswith("…")
    assert postit.mark == note.mark


def test_each_move_control_starts_at_the_post_its_own_place(
    co_producer_client, project, facilitator
):
    here = make_postit(project, facilitator, text="On Review", place="review")
    page = co_producer_client.get(url("lake:board", project)).content.decode()
    select = page[page.index(f'id="move-{here.pk}"') :]
    select = select[: select.index("</select>")]
    assert '<option value="review" selected>' in select
    assert select.count(" selected") == 1
