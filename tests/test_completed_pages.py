"""A completed project keeps its work as it was, and its pages offer only what it still takes.

The door (``projects/access.py``) refuses every change to the work once a project is
completed. These tests hold it to what a completed project still takes, POSTing to every
project URL, and read every page of a completed project like a browser would: no form on it
may send something the project refuses, and no link may lead to a page that exists only to
change the work. Built from the URLconf, so a new page is checked without being named here.
"""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils import timezone

from projects.models import Project

from .every_url import PROJECT_ARGUMENTS, URLS, arguments, url_for

READ_ONLY = "This project is completed, so its work can no longer be changed."

# What a completed project still takes: news, thanks, each person's own choices (staying in
# touch, what helps them take part), who is a member and in what role, check-ins (a group
# asks "what's changed six months on?"), the certificate's personal line, and the settings
# where a facilitator can reopen it.
OPEN_AFTER_COMPLETION = {
    "certificates:certificate",
    "checkins:checkin_start",
    "checkins:checkin",
    "checkins:checkin_close",
    "projects:settings",
    "projects:member_role",
    "projects:member_remove",
    "completing:updates",
    "completing:thanks",
    "completing:touch",
    "projects:leave",
    # What helps someone take part is their own to change or remove, whenever they like.
    "taking_part:mine",
    "taking_part:remove",
    # Coming back from a break is a person's own step, whenever it happens.
    "breaks:back",
    # Whether to get meeting emails is each person's own choice.
    "meetings:email_choice",
    # How someone is after a meeting is their own to say, change or remove.
    "after:check_out",
    "after:check_out_remove",
    # Joining is a person's own step, not a change to the work.
    "invitations:join",
    # Setting aside words that break a ground rule: a report may be shared later.
    "lake:set_aside",
    "setting_aside:item",
    "setting_aside:ask",
    "setting_aside:set",
    "setting_aside:kept",
    "setting_aside:put_back",
    "setting_aside:look_keep",
    "setting_aside:accept",
    # People are paid for work already done: payments go on after the project is completed.
    "payment_terms:edit",
    "claims:mine",
    "claims:start",
    "claims:add_meeting",
    "claims:add_time",
    "claims:add_expense",
    "claims:send",
    "claims:line_remove",
    "handling:handlers",
    "handling:approve",
    "handling:ask",
    "handling:paid",
}

# Pages that exist only to change the work: once the project is completed, opening one
# explains why instead of showing a form that would be refused.
FORM_PAGES = {
    "projects:edit",
    "rules:rule_edit",
    "invitations:invitations",
    "marks:mark_add",
    "marks:mark_edit",
    "marks:note_edit",
    "actions:action_edit",
    "scoring:scoring_settings",
    "scoring:score_for",
    "lake:edit",
    "proposals:proposal_new",
    "decision_log:decision_new",
    "decision_log:decision_edit",
    "how_we_decide:how_edit",
    "meetings:propose",
    "meetings:place",
    "after:notes_edit",
    "words:term_edit",
    "words:avoid_edit",
    "answers:answer",
    "breaks:take",
}

PROJECT_URLS = sorted(
    name for name, _route, pattern in URLS if name and arguments(pattern) & PROJECT_ARGUMENTS
)


class FormsAndLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.posts: list[str] = []
        self.links: list[str] = []
        self.htmx_posts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self.posts.append(attrs.get("action") or "")
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if attrs.get("hx-post"):
            self.htmx_posts.append(attrs["hx-post"])


def view_name(url: str, page_url: str) -> str | None:
    path = urlsplit(url).path or urlsplit(page_url).path
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def refused(response) -> bool:
    return response.status_code == 403 and READ_ONLY in response.content.decode().replace(
        "&#x27;", "'"
    )


@pytest.fixture
def completed_world(world):
    Project.objects.filter(pk=world["project"].pk).update(completed_at=timezone.now())
    return world


def post_and_forget(client, url):
    """POST with an empty body and undo whatever it did, so one check can't change the next."""
    with transaction.atomic():
        response = client.post(url)
        transaction.set_rollback(True)
    return response


@pytest.mark.parametrize("name", PROJECT_URLS)
def test_a_completed_project_refuses_every_change_except_what_it_still_takes(completed_world, name):
    response = post_and_forget(
        completed_world["clients"]["facilitator"], url_for(name, completed_world)
    )
    if response.status_code == 405:
        return
    if name in OPEN_AFTER_COMPLETION:
        assert not refused(response), f"{name} should stay open once the project is completed"
    else:
        assert refused(response), f"{name} changed a completed project ({response.status_code})"


@pytest.mark.parametrize("name", [n for n in PROJECT_URLS if n not in FORM_PAGES])
def test_a_completed_projects_pages_offer_nothing_it_would_refuse(completed_world, name):
    url = url_for(name, completed_world)
    response = completed_world["clients"]["facilitator"].get(url)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return
    assert not refused(response)
    found = FormsAndLinks()
    found.feed(response.content.decode())
    offered = [
        target
        for target in found.posts + found.htmx_posts
        if (view := view_name(target, url)) is not None
        and view in PROJECT_URLS
        and view not in OPEN_AFTER_COMPLETION
    ]
    assert not offered, f"{name} offers forms the completed project refuses: {offered}"
    dead_ends = [link for link in found.links if view_name(link, url) in FORM_PAGES]
    assert not dead_ends, f"{name} links to pages that only change the work: {dead_ends}"


@pytest.mark.parametrize("name", sorted(FORM_PAGES))
def test_pages_that_only_change_the_work_explain_instead_of_showing_a_form(completed_world, name):
    response = completed_world["clients"]["facilitator"].get(url_for(name, completed_world))
    assert refused(response)


def test_every_form_page_is_a_real_page():
    assert FORM_PAGES <= set(PROJECT_URLS)
    assert OPEN_AFTER_COMPLETION <= set(PROJECT_URLS)
    assert not FORM_PAGES & OPEN_AFTER_COMPLETION
