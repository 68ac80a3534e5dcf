"""Asking for pages and reading them as a person would.

Shared by the tests of every app's pages: a page's address by its URL name, a
signed-in client, the visible text of an element or of the whole page, a field's
error message, the home page's recent activity, the sign-in redirect, and the
queries a page costs.
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from html import unescape
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from projects.models import Project

PROBLEM = "There is a problem"
SCRIPT = '<script>alert("boo")</script>'
ESCAPED_SCRIPT = "&lt;script&gt;alert(&quot;boo&quot;)&lt;/script&gt;"


def url(name: str, project: Project | None = None, **kwargs) -> str:
    """The address of the page with this full URL name ("marks:mark"), in this project.

    The rest of the route's arguments come by name: ``url("marks:mark", project, mark_id=3)``.
    """
    if project is not None:
        kwargs = {"project_id": project.pk, **kwargs}
    return reverse(name, kwargs=kwargs)


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _TextOf(HTMLParser):
    """Collects the text inside the first element with a given id."""

    def __init__(self, element_id: str):
        super().__init__()
        self.element_id = element_id
        self.depth = 0
        self.found = False
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            if tag not in VOID:
                self.depth += 1
        elif not self.found and dict(attrs).get("id") == self.element_id:
            self.found = True
            self.depth = 0 if tag in VOID else 1

    def handle_endtag(self, tag):
        if self.depth and tag not in VOID:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def text_of(response, element_id: str) -> str | None:
    """The visible text of the element with this id, or None if there is none."""
    parser = _TextOf(element_id)
    parser.feed(response.content.decode())
    if not parser.found:
        return None
    return " ".join(" ".join(parser.parts).split())


def plain(response) -> str:
    """The page as text, tags removed and whitespace squeezed, entities decoded."""
    parser = _TextOf("__whole__")
    parser.found = True
    parser.depth = 1
    parser.feed(response.content.decode())
    return " ".join(" ".join(parser.parts).split())


def assert_field_error(response, field_id: str, message: str) -> None:
    """The message is beside the field (its error element) and in the summary at the top."""
    html = response.content.decode()
    assert PROBLEM in html, "no error summary at the top of the page"
    beside = text_of(response, f"{field_id}-error")
    assert beside is not None, f"no error message beside #{field_id}"
    assert message in beside, f"{message!r} not beside #{field_id}: {beside!r}"
    assert f'href="#{field_id}"' in html, "the error summary does not link to the field"


def activity_lines(response) -> list[str]:
    """The sentences in the home page's "Recent activity" list."""
    html = response.content.decode()
    start = html.index('id="activity-heading"')
    section = html[start : html.index("</section>", start)]
    items = re.findall(r"<li[^>]*>(.*?)</li>", section, flags=re.S)
    return [" ".join(unescape(re.sub(r"<[^>]+>", " ", item)).split()) for item in items]


def sign_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def assert_needs_sign_in(response, path: str) -> None:
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == reverse("account_login")
    assert parse_qs(location.query)["next"] == [path]


@contextmanager
def count_queries() -> Iterator[CaptureQueriesContext]:
    """Count the queries a block makes, to compare a page at two sizes of data."""
    with CaptureQueriesContext(connection) as ctx:
        yield ctx


def without_tags(html: str) -> str:
    """What a person reads: the page without its tags and attributes."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def queries_for(client: Client, path: str) -> int:
    """The number of queries one successful visit to the page makes."""
    with count_queries() as ctx:
        response = client.get(path)
    assert response.status_code == 200, f"{path} answered {response.status_code}"
    return len(ctx)
