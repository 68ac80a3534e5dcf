"""A meeting's agenda and the meeting screen that follows it."""

import re

import pytest
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from accounts.models import FORMER_MEMBER_NAME
from decisions import services as decisions_services
from lake import services as lake_services
from marks.models import Mark
from marks.scoring import services as scoring
from meetings import services
from meetings.models import Agenda, AgendaItem
from projects.models import Project

from .factories import (
    add_agenda_item,
    add_member,
    make_project,
    make_set_meeting,
    make_user,
)
from .pages import assert_field_error, count_queries, plain, text_of, url


@pytest.fixture
def meeting(project, facilitator):
    return make_set_meeting(project, facilitator)


def a(name: str, meeting, **kw) -> str:
    return url(name, meeting.project, meeting_id=meeting.pk, **kw)


def order_of(meeting) -> list[str]:
    return list(meeting.agenda_items.order_by("position").values_list("text", flat=True))


def three_items(meeting, member) -> list[AgendaItem]:
    return [add_agenda_item(meeting, member, text=words) for words in ("One", "Two", "Three")]


def version_of(meeting) -> int:
    return Agenda.objects.get(meeting=meeting).version


def first_mark(project) -> Mark:
    return Mark.objects.filter(project=project).order_by("stage", "position").first()


# -- suggesting ----------------------------------------------------------------------


def test_any_member_suggests_an_item_and_it_goes_at_the_end(
    co_producer_client, meeting, facilitator, co_producer
):
    add_agenda_item(meeting, facilitator, text="Welcome")
    response = co_producer_client.post(
        a("agenda:suggest", meeting),
        {"kind": "other", "text": "Bus fares", "minutes": "10", "back": "meeting"},
    )
    assert response.status_code == 302
    assert response["Location"] == a("meetings:meeting", meeting) + "#agenda"
    item = meeting.agenda_items.get(text="Bus fares")
    assert (item.position, item.minutes, item.suggested_by) == (2, 10, co_producer)
    page = co_producer_client.get(a("meetings:meeting", meeting))
    assert "Welcome" in text_of(page, "agenda-list") and "Bus fares" in text_of(page, "agenda-list")
    assert "(10 minutes)" in text_of(page, "agenda-list")
    assert 'id="suggest-form"' in page.content.decode()


@pytest.mark.parametrize(
    "kind, extra, shown",
    [
        ("lake", {}, "Five minutes with the lake of ideas"),
        ("checkin", {"text": "What are you bringing today?"}, "What are you bringing today?"),
        ("icebreaker", {"icebreaker": "0"}, "Three words"),
        ("icebreaker", {"text": "Your favourite biscuit"}, "Your favourite biscuit"),
        ("break", {"minutes": "15"}, "A break"),
        ("other", {"text": "Plan the summer trip"}, "Plan the summer trip"),
    ],
)
def test_each_kind_of_item_is_saved_and_shown(co_producer_client, meeting, kind, extra, shown):
    response = co_producer_client.post(a("agenda:suggest", meeting), {"kind": kind, **extra})
    assert response.status_code == 302
    assert meeting.agenda_items.get().kind == kind
    page = co_producer_client.get(a("agenda:agenda", meeting))
    assert shown in text_of(page, "agenda-list")


def test_a_mark_item_links_to_its_page_and_a_proposal_item_to_the_proposal(
    co_producer_client, project, meeting, co_producer
):
    mark = first_mark(project)
    proposal = decisions_services.proposal_add(
        project=project,
        author=co_producer,
        title="Meet on Thursdays",
        reason="",
        way="consent",
        options=[],
        closes_at=None,
        anonymous=False,
    )
    co_producer_client.post(a("agenda:suggest", meeting), {"kind": "mark", "mark": mark.pk})
    co_producer_client.post(
        a("agenda:suggest", meeting), {"kind": "proposal", "proposal": proposal.pk}
    )
    html = co_producer_client.get(a("agenda:agenda", meeting)).content.decode()
    assert f'href="{url("marks:mark", project, mark_id=mark.pk)}"' in html
    assert f'href="{url("proposals:proposal", project, proposal_id=proposal.pk)}"' in html


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"kind": "other", "text": "x" * 301}, "agenda_text", "300 characters or fewer"),
        ({"kind": "other", "text": "Fares", "minutes": "0"}, "agenda_minutes", "from 1 to 240"),
        ({"kind": "other", "text": "Fares", "minutes": "241"}, "agenda_minutes", "240 minutes"),
        ({"kind": "other", "text": "Fares", "minutes": "ten"}, "agenda_minutes", "as a number"),
        ({"kind": "other", "text": "  "}, "agenda_text", "Say in a few words"),
        ({"kind": "checkin"}, "agenda_text", "Write the check-in question"),
        ({"kind": "icebreaker"}, "agenda_icebreaker", "Choose an icebreaker"),
        ({"kind": "mark"}, "agenda_mark", "Choose the mark"),
        ({"kind": "proposal"}, "agenda_proposal", "Choose the proposal"),
        ({"kind": "dance"}, "agenda_kind", "Choose one of the kinds"),
    ],
)
def test_bad_suggestions_get_a_message_beside_the_field_and_save_nothing(
    co_producer_client, meeting, data, field, message
):
    response = co_producer_client.post(a("agenda:suggest", meeting), data)
    assert response.status_code == 400
    if field in ("agenda_kind", "agenda_icebreaker"):
        # A group of radios: the summary links to its first choice.
        assert message in text_of(response, f"{field}-error")
        assert f'href="#{field}_0"' in response.content.decode()
    else:
        assert_field_error(response, field, message)
    assert not AgendaItem.objects.exists()


def test_a_mark_of_another_project_is_refused(co_producer_client, meeting, facilitator):
    other = make_project(facilitator, name="Another group")
    response = co_producer_client.post(
        a("agenda:suggest", meeting), {"kind": "mark", "mark": first_mark(other).pk}
    )
    assert response.status_code == 400
    assert_field_error(response, "agenda_mark", "Choose one of this project's marks.")
    assert not AgendaItem.objects.exists()


def test_the_database_keeps_one_item_per_place_and_sensible_minutes(meeting, facilitator):
    add_agenda_item(meeting, facilitator)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItem.objects.create(meeting=meeting, position=1, kind="break")
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItem.objects.create(meeting=meeting, position=2, kind="break", minutes=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItem.objects.create(meeting=meeting, position=2, kind="mark")


# -- ordering ------------------------------------------------------------------------


def test_a_facilitator_moves_items_up_down_and_to_a_number(
    facilitator_client, meeting, facilitator
):
    one, two, three = three_items(meeting, facilitator)
    version = version_of(meeting)
    response = facilitator_client.post(
        a("agenda:order", meeting, agenda_item_id=three.pk), {"version": version, "action": "up"}
    )
    assert response.status_code == 302
    assert order_of(meeting) == ["One", "Three", "Two"]
    facilitator_client.post(
        a("agenda:order", meeting, agenda_item_id=one.pk),
        {"version": version + 1, "action": "down"},
    )
    assert order_of(meeting) == ["Three", "One", "Two"]
    facilitator_client.post(
        a("agenda:order", meeting, agenda_item_id=two.pk),
        {"version": version + 2, "action": "to", "to": "1"},
    )
    assert order_of(meeting) == ["Two", "Three", "One"]
    assert sorted(meeting.agenda_items.values_list("position", flat=True)) == [1, 2, 3]


def test_the_agenda_page_has_move_buttons_and_a_number_for_each_item(
    facilitator_client, co_producer_client, meeting, facilitator
):
    three_items(meeting, facilitator)
    html = facilitator_client.get(a("agenda:agenda", meeting)).content.decode()
    assert html.count('value="up"') == 2 and html.count('value="down"') == 2
    assert html.count('name="to"') == 3
    assert f'name="version" value="{version_of(meeting)}"' in html
    assert 'aria-label="Move item 2 up"' in html
    # Co-producers see the agenda, not the controls.
    html = co_producer_client.get(a("agenda:agenda", meeting)).content.decode()
    assert 'value="up"' not in html and "Two" in html


def test_a_stale_order_is_refused_with_the_current_order_and_nothing_moves(
    facilitator_client, project, meeting, facilitator
):
    one, two, three = three_items(meeting, facilitator)
    seen = version_of(meeting)
    # Another facilitator moves an item first.
    services.agenda_move(item=three, actor=facilitator, to=1, version=seen)
    response = facilitator_client.post(
        a("agenda:order", meeting, agenda_item_id=one.pk), {"version": seen, "action": "down"}
    )
    assert response.status_code == 409
    assert "Someone else changed the order" in text_of(response, "agenda-stale")
    assert order_of(meeting) == ["Three", "One", "Two"]
    # The page shows the order as it is now, with the new version to try again.
    words = text_of(response, "agenda-order")
    assert words.index("Three") < words.index("One") < words.index("Two")
    assert f'name="version" value="{version_of(meeting)}"' in response.content.decode()
    # A removal from an old page is refused the same way.
    response = facilitator_client.post(
        a("agenda:remove", meeting, agenda_item_id=two.pk), {"version": seen}
    )
    assert response.status_code == 409
    assert meeting.agenda_items.count() == 3


@pytest.mark.parametrize(
    "item, data, message",
    [
        (0, {"action": "up"}, "already first"),
        (2, {"action": "down"}, "already last"),
        (1, {"action": "to", "to": "9"}, "from 1 to 3"),
        (1, {"action": "to", "to": "0"}, "number of the place"),
        (1, {"action": "to", "to": ""}, "number of the place"),
    ],
)
def test_moving_past_the_ends_gets_a_message_beside_the_item(
    facilitator_client, meeting, facilitator, item, data, message
):
    items = three_items(meeting, facilitator)
    response = facilitator_client.post(
        a("agenda:order", meeting, agenda_item_id=items[item].pk),
        {"version": version_of(meeting), **data},
    )
    assert response.status_code == 400
    assert message in text_of(response, f"item-{items[item].pk}-error")
    assert order_of(meeting) == ["One", "Two", "Three"]


def test_co_producers_may_not_order_or_remove(co_producer_client, meeting, facilitator):
    one, _two, _three = three_items(meeting, facilitator)
    version = version_of(meeting)
    for name, data in (
        ("agenda:order", {"version": version, "action": "down"}),
        ("agenda:remove", {"version": version}),
    ):
        response = co_producer_client.post(a(name, meeting, agenda_item_id=one.pk), data)
        assert response.status_code == 403
    assert order_of(meeting) == ["One", "Two", "Three"]


def test_removing_an_item_closes_the_gap(facilitator_client, meeting, facilitator):
    _one, two, three = three_items(meeting, facilitator)
    response = facilitator_client.post(
        a("agenda:remove", meeting, agenda_item_id=two.pk), {"version": version_of(meeting)}
    )
    assert response.status_code == 302
    assert order_of(meeting) == ["One", "Three"]
    assert AgendaItem.objects.get(pk=three.pk).position == 2


def test_an_item_of_another_meeting_is_not_found(facilitator_client, project, facilitator):
    first, second = make_set_meeting(project, facilitator), make_set_meeting(project, facilitator)
    item = add_agenda_item(second, facilitator)
    response = facilitator_client.post(
        a("agenda:remove", first, agenda_item_id=item.pk), {"version": version_of(second)}
    )
    assert response.status_code == 409
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_the_agenda_of_another_projects_meeting_is_404(facilitator_client, facilitator):
    other = make_project(facilitator, name="Other")
    theirs = make_set_meeting(other, facilitator)
    mine = Project.objects.exclude(pk=other.pk).get()
    response = facilitator_client.get(
        url("agenda:agenda", mine, meeting_id=theirs.pk), follow=False
    )
    assert response.status_code == 404


# -- the meeting screen ----------------------------------------------------------------


def step(client, meeting, action, current=None, **extra):
    data = {"step": action, **extra}
    if current is not None:
        data["current"] = str(current)
    return client.post(a("screen:step", meeting), data)


def test_starting_shows_the_first_item_and_the_next_one(
    facilitator_client, co_producer_client, meeting, facilitator
):
    one, two, _three = three_items(meeting, facilitator)
    before = co_producer_client.get(a("screen:screen", meeting))
    assert "The meeting hasn't started yet." in plain(before)
    response = step(facilitator_client, meeting, "start")
    assert response.status_code == 302
    assert response["Location"] == a("screen:screen", meeting) + "#screen-control"
    page = co_producer_client.get(a("screen:screen", meeting))
    assert text_of(page, "screen-step") == "Item 1 of 3"
    assert text_of(page, "screen-now") == "One"
    assert text_of(page, "screen-next") == "Two"
    assert Agenda.objects.get(meeting=meeting).current == one
    # Co-producers don't get the control.
    assert 'id="step-form"' not in page.content.decode()


def test_the_facilitator_moves_on_and_back_and_the_last_step_offers_to_end(
    facilitator_client, meeting, facilitator
):
    one, two, three = three_items(meeting, facilitator)
    step(facilitator_client, meeting, "start")
    assert step(facilitator_client, meeting, "next", one.pk).status_code == 302
    assert step(facilitator_client, meeting, "back", two.pk).status_code == 302
    assert Agenda.objects.get(meeting=meeting).current == one
    step(facilitator_client, meeting, "next", one.pk)
    step(facilitator_client, meeting, "next", two.pk)
    page = facilitator_client.get(a("screen:screen", meeting))
    assert text_of(page, "screen-next") == "This is the last item."
    html = page.content.decode()
    assert 'id="next-item"' not in html
    assert f'action="{a("meetings:end", meeting)}"' in html
    # Moving past the last item is refused, beside the control.
    response = step(facilitator_client, meeting, "next", three.pk)
    assert response.status_code == 400
    assert "This is the last item" in text_of(response, "step-error")
    assert Agenda.objects.get(meeting=meeting).current == three
    # Ending from the screen.
    facilitator_client.post(a("meetings:end", meeting))
    meeting.refresh_from_db()
    assert meeting.has_ended
    assert step(facilitator_client, meeting, "back", three.pk).status_code == 400


def test_a_second_press_does_not_skip_an_item(facilitator_client, meeting, facilitator):
    one, two, _three = three_items(meeting, facilitator)
    step(facilitator_client, meeting, "start")
    step(facilitator_client, meeting, "next", one.pk)
    # The same button again, from the page that still showed item one.
    response = step(facilitator_client, meeting, "next", one.pk)
    assert response.status_code == 409
    assert "already moved on" in text_of(response, "step-error")
    assert Agenda.objects.get(meeting=meeting).current == two
    # Starting twice is refused too.
    assert step(facilitator_client, meeting, "start").status_code == 409


def test_an_empty_agenda_can_not_start(facilitator_client, meeting):
    response = step(facilitator_client, meeting, "start")
    assert response.status_code == 400
    assert "The agenda is empty" in text_of(response, "step-error")


def test_only_facilitators_move_the_meeting(co_producer_client, meeting, facilitator):
    three_items(meeting, facilitator)
    assert step(co_producer_client, meeting, "start").status_code == 403
    assert not Agenda.objects.get(meeting=meeting).is_started


def test_the_screen_shows_each_kind_of_item(co_producer_client, meeting, facilitator):
    items = [
        add_agenda_item(meeting, facilitator, kind="checkin", text="How was the journey?"),
        add_agenda_item(meeting, facilitator, kind="icebreaker", text="Three words"),
        add_agenda_item(meeting, facilitator, kind="lake", minutes=5),
        add_agenda_item(meeting, facilitator, kind="break", minutes=15),
    ]
    services.agenda_step(meeting=meeting, actor=facilitator, step="start")
    page = co_producer_client.get(a("screen:screen", meeting))
    assert text_of(page, "screen-question") == "How was the journey?"
    assert text_of(page, "screen-next") == "Icebreaker (anyone can pass): Three words"
    services.agenda_step(meeting=meeting, actor=facilitator, step="next", current=items[0].pk)
    page = co_producer_client.get(a("screen:screen", meeting))
    assert text_of(page, "screen-icebreaker") == "Three words"
    assert "anyone can pass" in plain(page)
    services.agenda_step(meeting=meeting, actor=facilitator, step="next", current=items[1].pk)
    page = co_producer_client.get(a("screen:screen", meeting))
    assert text_of(page, "screen-now") == "Five minutes with the lake of ideas"
    assert "not running" in text_of(page, "screen-timer")
    assert f'href="{url("lake:board", meeting.project)}"' in page.content.decode()
    assert "About 5 minutes." in plain(page)


def test_the_screen_counts_scores_on_a_mark_item_and_never_shows_one(
    co_producer_client, project, meeting, facilitator, co_producer
):
    mark = first_mark(project)
    add_agenda_item(meeting, facilitator, kind="mark", mark=mark)
    services.agenda_step(meeting=meeting, actor=facilitator, step="start")
    page = co_producer_client.get(a("screen:screen", meeting))
    assert text_of(page, "screen-now") == mark.title
    assert "No scoring round for this mark yet" in text_of(page, "screen-progress")
    scoring_round = scoring.round_open(mark=mark, actor=facilitator)
    scoring.score_set(scoring_round=scoring_round, member=co_producer, value=7)
    page = co_producer_client.get(a("screen:screen", meeting))
    assert text_of(page, "screen-progress") == "1 of 2 members have scored."
    live = text_of(page, "meeting-live")
    assert "7" not in re.sub(r"\d+ of \d+", "", live)
    assert "score-chart" not in page.content.decode()
    scoring.round_reveal(scoring_round=scoring_round, actor=facilitator)
    page = co_producer_client.get(a("screen:screen", meeting))
    assert "score-chart" in page.content.decode()


def test_the_screen_poll_is_204_until_the_meeting_moves_then_brings_the_new_item(
    co_producer_client, meeting, facilitator, django_assert_num_queries
):
    one, two, _three = three_items(meeting, facilitator)
    services.agenda_step(meeting=meeting, actor=facilitator, step="start")
    revision = Project.objects.get(pk=meeting.project_id).revision
    poll = a("screen:poll", meeting)
    with django_assert_num_queries(1 + 2):  # the revision, plus the session and its user
        response = co_producer_client.get(poll, {"revision": revision})
    assert response.status_code == 204 and response.content == b""
    services.agenda_step(meeting=meeting, actor=facilitator, step="next", current=one.pk)
    response = co_producer_client.get(
        poll, {"revision": revision, "step": f"on-{one.pk}"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "Item 2 of 3" in html and "Two" in html
    new = Project.objects.get(pk=meeting.project_id).revision
    assert f"revision={new}&amp;step=on-{two.pk}" in html


def _screen_poll_of(page) -> tuple[str, dict]:
    """The live part's own poll address and what it sends, as the page drew them."""
    found = re.search(r'id="meeting-live"[^>]* hx-get="([^"?]+)\?([^"]+)"', page.content.decode())
    address, query = found.groups()
    return address, dict(pair.split("=", 1) for pair in query.replace("&amp;", "&").split("&"))


def test_a_change_the_screen_does_not_show_is_a_204_that_moves_the_revision_on(
    co_producer_client, meeting, facilitator, project, django_assert_num_queries
):
    three_items(meeting, facilitator)
    services.agenda_step(meeting=meeting, actor=facilitator, step="start")
    address, sent = _screen_poll_of(co_producer_client.get(a("screen:screen", meeting)))
    assert sent["revision"] == str(Project.objects.get(pk=project.pk).revision)
    assert len(sent["shown"]) == 16
    # A post-it on the lake moves the project on, but not what the screen shows.
    lake_services.postit_add(
        project=project, author=facilitator, text="An idea", place="planning", colour="yellow"
    )
    moved_to = Project.objects.get(pk=project.pk).revision
    assert moved_to > int(sent["revision"])
    response = co_producer_client.get(address, sent)
    assert response.status_code == 204 and response.content == b""
    assert response["X-Live-Revision"] == str(moved_to)
    # Drawn once already (and kept by this process), so the next member's answer costs no
    # more than "nothing new".
    with django_assert_num_queries(1 + 2):  # the revision, plus the session and its user
        response = co_producer_client.get(address, sent, headers={"X-Live-Peek": "1"})
    assert response.status_code == 204 and "X-Live-Changes" not in response
    # From the new revision it is plain "nothing new".
    response = co_producer_client.get(address, {**sent, "revision": moved_to})
    assert response.status_code == 204 and "X-Live-Revision" not in response
    # A change the screen does show (a fourth item: "of 4") brings the part, with a new digest.
    add_agenda_item(meeting, facilitator, text="Four")
    response = co_producer_client.get(address, {**sent, "revision": moved_to})
    html = response.content.decode()
    assert response.status_code == 200 and "Item 1 of 4" in html
    assert f"shown={sent['shown']}" not in html and "shown=" in html


def test_an_outsider_gets_404_from_a_screen_someone_drew_already(
    co_producer_client, outsider_client, meeting, facilitator
):
    three_items(meeting, facilitator)
    services.agenda_step(meeting=meeting, actor=facilitator, step="start")
    address, sent = _screen_poll_of(co_producer_client.get(a("screen:screen", meeting)))
    add_agenda_item(meeting, facilitator, text="Four")
    assert co_producer_client.get(address, sent).status_code == 200
    for asked in (sent, {**sent, "revision": 0}):
        assert outsider_client.get(address, asked).status_code == 404


def test_the_facilitators_control_is_redrawn_only_when_the_meeting_moves_on(
    facilitator_client, meeting, facilitator, co_producer
):
    one, two, _three = three_items(meeting, facilitator)
    services.agenda_step(meeting=meeting, actor=facilitator, step="start")
    poll = a("screen:poll", meeting)
    # Something else changed (a new item): the live part comes, the control stays as it is.
    add_agenda_item(meeting, co_producer, text="Four")
    html = facilitator_client.get(poll, {"revision": 0, "step": f"on-{one.pk}"}).content.decode()
    assert 'id="screen-control"' not in html
    # The meeting moved on: the control comes too, out of band, for the new item.
    services.agenda_step(meeting=meeting, actor=facilitator, step="next", current=one.pk)
    html = facilitator_client.get(poll, {"revision": 0, "step": f"on-{one.pk}"}).content.decode()
    assert 'id="screen-control" tabindex="-1" class="screen-control" hx-swap-oob="true"' in html
    assert f'name="current" value="{two.pk}"' in html


def test_the_live_part_is_drawn_once_per_revision_for_everyone(
    facilitator_client, co_producer_client, meeting, facilitator
):
    one, _two, _three = three_items(meeting, facilitator)
    services.agenda_step(meeting=meeting, actor=facilitator, step="start")
    cache.clear()
    poll = a("screen:poll", meeting)
    seen = {"revision": 0, "step": f"on-{one.pk}"}
    first = facilitator_client.get(poll, seen).content
    with count_queries() as queries:
        second = co_producer_client.get(poll, seen).content
    assert second == first
    assert not any("meetings_agendaitem" in q["sql"] for q in queries.captured_queries)


def test_the_old_screen_address_finds_the_meeting_running_now(
    co_producer_client, project, meeting, facilitator
):
    old = f"/projects/{project.pk}/meeting/"
    assert old == url("screen:now", project)
    response = co_producer_client.get(old)
    assert response["Location"] == url("meetings:meetings", project)
    add_agenda_item(meeting, facilitator)
    services.agenda_step(meeting=meeting, actor=facilitator, step="start")
    response = co_producer_client.get(old)
    assert response["Location"] == a("screen:screen", meeting)
    services.meeting_end(meeting=meeting, actor=facilitator)
    assert co_producer_client.get(old)["Location"] == url("meetings:meetings", project)


def test_the_meeting_page_starts_the_meeting_and_links_to_the_screen(
    facilitator_client, meeting, facilitator
):
    three_items(meeting, facilitator)
    html = facilitator_client.get(a("meetings:meeting", meeting)).content.decode()
    assert f'href="{a("screen:screen", meeting)}"' in html
    assert 'id="start-meeting"' in html
    response = step(facilitator_client, meeting, "start", back="meeting")
    assert response["Location"] == a("meetings:meeting", meeting) + "#screen-control"
    page = facilitator_client.get(a("meetings:meeting", meeting))
    assert "The meeting is on item 1 of 3." in text_of(page, "control-now")
    assert text_of(page, "agenda-list").startswith("One Now")


def test_the_project_home_shows_the_next_meeting_and_its_agenda(
    co_producer_client, project, meeting, facilitator
):
    three_items(meeting, facilitator)
    page = co_producer_client.get(reverse("projects:home", args=[project.pk]))
    assert text_of(page, "next-meeting-agenda-list") == "One Two Three"


def test_moving_the_meeting_on_is_in_the_activity(meeting, facilitator):
    add_agenda_item(meeting, facilitator)
    before = Project.objects.get(pk=meeting.project_id).revision
    services.agenda_step(meeting=meeting, actor=facilitator, step="start")
    project = Project.objects.get(pk=meeting.project_id)
    assert project.revision == before + 1
    assert project.activities.filter(kind="agenda_moved").exists()


# -- pages don't slow down as the agenda and the group grow ----------------------------


def test_agenda_pages_cost_the_same_queries_with_more_items_and_members(
    facilitator_client, project, facilitator
):
    """Items come in one query with their marks and proposals, so nothing runs per item."""

    def build(items: int, members: int):
        meeting = make_set_meeting(project, facilitator, title=f"Meeting {items}")
        marks = list(Mark.objects.filter(project=project)[:items])
        for n in range(members):
            add_member(project, make_user(f"Member {items}-{n}"))
        for n in range(items):
            if n % 2:
                add_agenda_item(meeting, facilitator, kind="mark", mark=marks[n % len(marks)])
            else:
                add_agenda_item(meeting, facilitator, kind="checkin", text=f"Question {n}")
        services.agenda_step(meeting=meeting, actor=facilitator, step="start")
        return meeting

    def counts(meeting):
        found = []
        for address in (
            a("meetings:meeting", meeting),
            a("agenda:agenda", meeting),
            a("screen:screen", meeting),
        ):
            cache.clear()
            with count_queries() as queries:
                assert facilitator_client.get(address).status_code == 200
            found.append(len(queries))
        return found

    small = counts(build(2, 1))
    big = counts(build(12, 8))
    assert small == big


def test_the_demo_meetings_have_agendas_and_the_past_one_was_run(db, settings):
    from io import StringIO

    from django.core.management import call_command

    from meetings.models import Meeting

    settings.DEBUG = True
    call_command("demo", stdout=StringIO())
    past = Meeting.objects.get(title="Looking at the welcome desk")
    kinds = list(past.agenda_items.values_list("kind", flat=True))
    assert kinds == ["checkin", "mark", "break", "lake", "other"]
    assert past.agenda.current == past.agenda_items.last()
    planned = Meeting.objects.get(title="Planning the summer open day")
    assert planned.agenda_items.filter(kind="icebreaker").exists()
    assert not Agenda.objects.get(meeting=planned).is_started


# -- the project file --------------------------------------------------------------


def test_the_project_file_keeps_each_agenda_and_where_the_meeting_got_to(
    project, meeting, facilitator, co_producer
):
    import json

    from sharing.portability.document import export_project, import_project

    proposal = decisions_services.proposal_add(
        project=project,
        author=co_producer,
        title="Meet on Thursdays",
        reason="",
        way="consent",
        options=[],
        closes_at=None,
        anonymous=False,
    )
    mark = first_mark(project)
    first = add_agenda_item(meeting, co_producer, kind="checkin", text="How are you?", minutes=5)
    add_agenda_item(meeting, facilitator, kind="mark", mark=mark)
    add_agenda_item(meeting, facilitator, kind="proposal", proposal=proposal)
    services.agenda_step(meeting=meeting, actor=facilitator, step="start")
    services.agenda_step(meeting=meeting, actor=facilitator, step="next", current=first.pk)
    document = json.loads(json.dumps(export_project(Project.objects.get(pk=project.pk))))
    agenda = document["meetings"]["agendas"][0]
    assert agenda["current"] == 1
    assert [i["kind"] for i in agenda["items"]] == ["checkin", "mark", "proposal"]
    copy = import_project(document, facilitator)
    again = AgendaItem.objects.filter(meeting__project=copy).order_by("position")
    assert [(i.kind, i.text, i.minutes) for i in again][0] == ("checkin", "How are you?", 5)
    assert again[1].mark.project == copy and again[1].mark.title == mark.title
    assert again[2].proposal.project == copy
    assert Agenda.objects.get(meeting__project=copy).current == again[1]
    # A file from before agendas imports with none.
    del document["meetings"]["agendas"]
    assert not AgendaItem.objects.filter(meeting__project=import_project(document, facilitator))


def test_a_project_file_with_a_bad_agenda_is_refused(project, meeting, facilitator):
    import json

    from projects.parts import BadFile
    from sharing.portability.document import export_project, import_project

    add_agenda_item(meeting, facilitator, minutes=10)
    document = json.loads(json.dumps(export_project(Project.objects.get(pk=project.pk))))
    document["meetings"]["agendas"][0]["items"][0]["minutes"] = 0
    with pytest.raises(BadFile, match="minutes"):
        import_project(document, facilitator)
    document["meetings"]["agendas"][0]["items"][0].update(minutes=10, kind="mark")
    with pytest.raises(BadFile, match="names a mark"):
        import_project(document, facilitator)


# -- a person's own data ---------------------------------------------------------------


@pytest.mark.parametrize("remove", [False, True])
def test_a_persons_suggestions_are_in_their_data_and_go_only_if_they_ask(
    meeting, facilitator, co_producer, remove
):
    from sharing.people.services import account_delete, personal_data

    add_agenda_item(meeting, facilitator, text="Welcome")
    add_agenda_item(meeting, co_producer, text="Bus fares", minutes=10)
    add_agenda_item(meeting, facilitator, text="Thanks")
    mine = personal_data(co_producer)["meetings"]["agenda_items_suggested"]
    assert [(i["words"], i["minutes"]) for i in mine] == [("Bus fares", 10)]
    account_delete(user=co_producer, remove=remove, choices={})
    if remove:
        assert order_of(meeting) == ["Welcome", "Thanks"]
        assert sorted(meeting.agenda_items.values_list("position", flat=True)) == [1, 2]
    else:
        assert order_of(meeting) == ["Welcome", "Bus fares", "Thanks"]
        # Their account stays only as a name-less former member.
        assert meeting.agenda_items.get(text="Bus fares").suggested_by.name == FORMER_MEMBER_NAME


# -- at the same moment ------------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_facilitators_ordering_at_once_lose_and_double_nothing(project, facilitator):
    """Both move items from the same version: one order is saved, the other refused as
    stale, and the items keep one place each, 1 to n."""
    import threading

    meeting = make_set_meeting(project, facilitator)
    items = [add_agenda_item(meeting, facilitator, text=f"Item {n}") for n in range(6)]
    seen = version_of(meeting)
    errors, outcomes = [], []

    def move(item, to):
        try:
            services.agenda_move(item=item, actor=facilitator, to=to, version=seen)
            outcomes.append("moved")
        except services.StaleOrder:
            outcomes.append("stale")
        except Exception as error:  # noqa: BLE001 - any failure is reported below
            errors.append(error)
        finally:
            connection.close()

    workers = [
        threading.Thread(target=move, args=(items[5], 1)),
        threading.Thread(target=move, args=(items[0], 6)),
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    assert sorted(outcomes) == ["moved", "stale"]
    positions = sorted(meeting.agenda_items.values_list("position", flat=True))
    assert positions == [1, 2, 3, 4, 5, 6]
    assert version_of(meeting) == seen + 1
