"""A completed project's pages offer only what it still takes.

Every page of a completed project is opened as a facilitator and read like a browser would:
no form on it may send something the project refuses, and no link may lead to a page that
exists only to change the work. Built from the permission matrix's list of URLs, so a new
page is checked without being named here.
"""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve
from django.utils import timezone

from projects.access import FORM_PAGES, OPEN_AFTER_COMPLETION
from projects.models import Project

from .test_permissions import (  # noqa: F401 (world is a fixture)
    EXPECTED,
    PROJECT_ARGUMENTS,
    URLS,
    arguments,
    url_for,
    world,
)

READ_ONLY = "This project is completed, so its work can no longer be changed."


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


PAGES = [
    name
    for name, _route, pattern in URLS
    if name in EXPECTED
    and arguments(pattern) & PROJECT_ARGUMENTS
    and EXPECTED[name]["GET"][3] == 200
]


@pytest.fixture
def completed_world(world):  # noqa: F811 (the imported fixture, used here)
    Project.objects.filter(pk=world["project"].pk).update(completed_at=timezone.now())
    return world


@pytest.mark.parametrize("name", [n for n in PAGES if n not in FORM_PAGES])
def test_a_completed_projects_pages_offer_nothing_it_would_refuse(completed_world, name):
    url = url_for(name, completed_world)
    response = completed_world["clients"]["facilitator"].get(url)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return
    found = FormsAndLinks()
    found.feed(response.content.decode())
    refused = [
        target
        for target in found.posts + found.htmx_posts
        if (view := view_name(target, url)) is not None
        and view.split(":")[0] in ("projects", "marks", "scoring", "actions", "lake")
        and view not in OPEN_AFTER_COMPLETION
    ]
    assert not refused, f"{name} offers forms the completed project refuses: {refused}"
    dead_ends = [link for link in found.links if view_name(link, url) in FORM_PAGES]
    assert not dead_ends, f"{name} links to pages that only change the work: {dead_ends}"


@pytest.mark.parametrize("name", sorted(FORM_PAGES))
def test_pages_that_only_change_the_work_explain_instead_of_showing_a_form(completed_world, name):
    response = completed_world["clients"]["facilitator"].get(url_for(name, completed_world))
    assert response.status_code == 403
    assert READ_ONLY in response.content.decode().replace("&#x27;", "'")


def test_every_form_page_is_a_real_page():
    assert FORM_PAGES <= set(EXPECTED)
    assert not FORM_PAGES & OPEN_AFTER_COMPLETION
