"""Quiet live updates: each person's choice to hear other people's changes or not, to pause
live pages and catch up with one button, and the server's say in how often pages poll."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from decisions import services as decisions_services
from lake.models import lake_revision
from meetings import services as meeting_services
from projects.models import Project

from .factories import make_mark, make_postit, make_set_meeting
from .pages import assert_needs_sign_in, plain, url


def proposal_of(project, author):
    return decisions_services.proposal_add(
        project=project,
        author=author,
        title="Meet on Thursdays",
        reason="",
        way="consent",
        options=[],
        closes_at=None,
        anonymous=False,
    )


def meeting_of(project, proposer):
    soon = timezone.now() + timedelta(days=7)
    return meeting_services.meeting_propose(
        project=project,
        proposer=proposer,
        title="Planning the open day",
        times=[
            (soon, soon + timedelta(hours=1)),
            (soon + timedelta(days=1), soon + timedelta(days=2)),
        ],
    )


def live_pages(project, facilitator):
    """Each live page, with the poll behind it."""
    mark = make_mark(project, facilitator)
    proposal = proposal_of(project, facilitator)
    meeting = meeting_of(project, facilitator)
    running = make_set_meeting(project, facilitator, title="Today's meeting")
    return [
        (
            url("screen:screen", project, meeting_id=running.pk),
            url("screen:poll", project, meeting_id=running.pk),
        ),
        (url("lake:board", project), url("lake:poll", project)),
        (
            url("marks:mark", project, mark_id=mark.pk),
            url("scoring:round_poll", project, mark_id=mark.pk),
        ),
        (
            url("proposals:proposal", project, proposal_id=proposal.pk),
            url("proposals:proposal_poll", project, proposal_id=proposal.pk),
        ),
        (
            url("meetings:meeting", project, meeting_id=meeting.pk),
            url("meetings:poll", project, meeting_id=meeting.pk),
        ),
    ]


def revision_for(poll: str, project: Project) -> int:
    project.refresh_from_db()
    return lake_revision(project) if "/lake/" in poll else project.revision


# -- the controls on every live page ----------------------------------------------


def test_every_live_page_has_the_two_buttons_in_the_state_the_person_saved(
    co_producer_client, co_producer, project, facilitator
):
    co_producer.save_live_updates(announcements=False, paused=True)
    for page, _poll in live_pages(project, facilitator):
        html = co_producer_client.get(page).content.decode()
        assert 'data-live-announce="off"' in html and 'data-live-paused="on"' in html, page
        assert re.search(r'data-live-toggle="announce" aria-pressed="false"', html), page
        assert re.search(r'data-live-toggle="paused" aria-pressed="true"', html), page
        assert "Read out other people's changes" in html, page
        # Every region that reads out others' changes is silent from the start.
        regions = re.findall(r"<[^>]*data-live-region[^>]*>", html)
        assert regions, page
        assert all('aria-live="off"' in region for region in regions), page
        assert html.count("js/live.js") == 1, page


def test_by_default_changes_are_read_out_and_pages_stay_live(
    co_producer_client, project, facilitator
):
    for page, _poll in live_pages(project, facilitator):
        html = co_producer_client.get(page).content.decode()
        assert 'data-live-announce="on"' in html and 'data-live-paused="off"' in html
        assert 'data-live-toggle="announce" aria-pressed="true"' in html
        assert 'data-live-toggle="paused" aria-pressed="false"' in html
        regions = re.findall(r"<[^>]*data-live-region[^>]*>", html)
        assert all('aria-live="polite"' in region for region in regions), page


def test_a_page_that_does_not_update_by_itself_has_no_controls(co_producer_client, project):
    html = co_producer_client.get(url("projects:home", project)).content.decode()
    assert "data-live-controls" not in html
    assert "live.js" not in html


# -- what the polls answer -----------------------------------------------------------


def test_every_poll_says_how_long_to_wait_and_the_server_can_ask_for_fewer(
    co_producer_client, project, facilitator, settings
):
    settings.LIVE_POLL_SECONDS = 9
    # However loaded the machine running the tests is, it never counts as busy here.
    settings.LIVE_POLL_BUSY_LOAD = 10_000
    for _page, poll in live_pages(project, facilitator):
        current = revision_for(poll, project)
        nothing_new = co_producer_client.get(poll, {"revision": current})
        assert nothing_new.status_code == 204
        assert nothing_new["X-Poll-Interval"] == "9"
        behind = co_producer_client.get(poll, {"revision": "stale"}, HTTP_HX_REQUEST="true")
        assert behind.status_code == 200 and behind.content
        assert behind["X-Poll-Interval"] == "9"


@pytest.mark.parametrize(
    ("load", "seconds"), [(0.2, 2), (1.0, 2), (1.5, 4), (2.5, 8), (3.5, 10), (40.0, 10)]
)
def test_a_busy_server_asks_for_fewer_polls(
    co_producer_client, project, facilitator, settings, monkeypatch, load, seconds
):
    """Load for each processor over the last minute: past 1.0 the wait doubles per step."""
    settings.LIVE_POLL_SECONDS, settings.LIVE_POLL_MAX_SECONDS = 2, 10
    settings.LIVE_POLL_BUSY_LOAD = 1.0
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    monkeypatch.setattr("os.getloadavg", lambda: (load * 2, 0.0, 0.0))
    for _page, poll in live_pages(project, facilitator):
        answer = co_producer_client.get(poll, {"revision": revision_for(poll, project)})
        assert answer["X-Poll-Interval"] == str(seconds), poll


def test_a_paused_page_learns_only_how_many_changes_wait(
    co_producer_client, project, facilitator, co_producer
):
    for _page, poll in live_pages(project, facilitator):
        before = revision_for(poll, project)
        make_postit(project, facilitator, text="One")
        make_postit(project, facilitator, text="Two")
        make_postit(project, facilitator, text="Three")
        peek = co_producer_client.get(
            poll, {"revision": before}, HTTP_HX_REQUEST="true", HTTP_X_LIVE_PEEK="1"
        )
        assert peek.status_code == 200, poll
        assert peek.content == b"", poll
        assert int(peek["X-Live-Changes"]) >= 3, poll
        # Nothing new since: still the empty 204.
        current = revision_for(poll, project)
        quiet = co_producer_client.get(poll, {"revision": current}, HTTP_X_LIVE_PEEK="1")
        assert quiet.status_code == 204


def test_a_peek_counts_the_lakes_changes_exactly(co_producer_client, project, facilitator):
    before = lake_revision(project)
    make_postit(project, facilitator, text="One")
    make_postit(project, facilitator, text="Two")
    peek = co_producer_client.get(
        url("lake:poll", project), {"revision": before}, HTTP_X_LIVE_PEEK="1"
    )
    assert peek["X-Live-Changes"] == "2"
    # A page that doesn't know its revision is told there is something to see.
    unknown = co_producer_client.get(
        url("lake:poll", project), {"revision": "x"}, HTTP_X_LIVE_PEEK="1"
    )
    assert unknown["X-Live-Changes"] == "1"


def test_an_outsider_cannot_peek(outsider_client, project, facilitator):
    for _page, poll in live_pages(project, facilitator):
        response = outsider_client.get(poll, {"revision": "0"}, HTTP_X_LIVE_PEEK="1")
        assert response.status_code == 404, poll
        assert "X-Live-Changes" not in response


# -- saving the choice ---------------------------------------------------------------


def test_saving_needs_sign_in_and_a_post(client, co_producer_client):
    response = client.post(url("live:save"), {"live_paused": "on"})
    assert_needs_sign_in(response, url("live:save"))
    assert co_producer_client.get(url("live:save")).status_code == 405


def test_the_buttons_save_the_choice_in_the_background(co_producer_client, co_producer):
    response = co_producer_client.post(
        url("live:save"), {"live_paused": "on"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 204
    co_producer.refresh_from_db()
    assert co_producer.live_paused is True
    assert co_producer.live_announcements is False


def test_your_account_has_the_same_choice_as_a_plain_form(co_producer_client, co_producer):
    page = co_producer_client.get(url("accounts:profile"))
    html = page.content.decode()
    assert f'action="{url("live:save")}"' in html
    assert 'name="live_announcements"' in html and 'name="live_paused"' in html
    assert re.search(r'name="live_announcements"[^>]*checked', html)
    response = co_producer_client.post(url("live:save"), {"live_announcements": "on"}, follow=True)
    assert response.redirect_chain[-1][0] == url("accounts:profile")
    assert "Your choice for live pages is saved." in plain(response)
    co_producer.refresh_from_db()
    assert (co_producer.live_announcements, co_producer.live_paused) == (True, False)


@pytest.mark.parametrize("back", ["https://evil.example.org/", "//evil.example.org/"])
def test_saving_never_sends_anyone_to_another_site(co_producer_client, back):
    response = co_producer_client.post(url("live:save"), {"next": back})
    assert response.status_code == 302
    assert response["Location"] == url("accounts:profile")


def test_saving_from_a_live_page_without_javascript_goes_back_to_it(co_producer_client, project):
    board = url("lake:board", project)
    response = co_producer_client.post(url("live:save"), {"next": board})
    assert response["Location"] == board


def test_the_choice_is_in_the_persons_own_data(co_producer_client, co_producer):
    import json

    co_producer.save_live_updates(announcements=False, paused=True)
    data = json.loads(co_producer_client.get(url("people:data")).content)
    assert data["account"]["live_pages"] == {
        "read_out_other_peoples_changes": False,
        "paused": True,
    }
