"""A signed-out person's htmx request sends the whole page to sign-in, and back to that page.

Without this, htmx followed the redirect inside the page: the sign-in page was swapped over
the form, and `next` named the address the form posts to, which answers only POST (405).
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from marks.models import Mark, Note

from .factories import make_set_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def mark(project) -> Mark:
    return Mark.objects.filter(project=project).first()


def htmx(current: str) -> dict[str, str]:
    return {"HX-Request": "true", "HX-Current-URL": current}


def redirect_target(response) -> tuple[str, list[str] | None]:
    location = urlsplit(response["HX-Redirect"])
    return location.path, parse_qs(location.query).get("next")


def test_a_note_posted_after_the_session_ended_sends_the_page_to_sign_in(project, mark):
    page = reverse("marks:mark", args=[project.pk, mark.pk])
    post_to = reverse("marks:note_add", args=[project.pk, mark.pk])

    response = Client().post(
        post_to,
        {"kind": "ladder", "ladder-text": "Words typed before the session ended"},
        headers=htmx(f"http://testserver{page}?from=stage"),
    )

    assert response.status_code == 204
    assert response.content == b""
    assert redirect_target(response) == (reverse("account_login"), [f"{page}?from=stage"])
    assert not Note.objects.exists()


def test_a_poll_after_the_session_ended_sends_the_page_to_sign_in(project, facilitator):
    meeting = make_set_meeting(project, facilitator)
    page = reverse("screen:screen", args=[project.pk, meeting.pk])

    response = Client().get(
        reverse("screen:poll", args=[project.pk, meeting.pk]),
        headers=htmx(f"http://testserver{page}"),
    )

    assert response.status_code == 204
    assert redirect_target(response) == (reverse("account_login"), [page])


@pytest.mark.parametrize(
    "current",
    ["https://elsewhere.example/projects/", "//elsewhere.example/x", "javascript:alert(1)", ""],
)
def test_next_is_only_ever_a_page_of_this_site(project, mark, current):
    response = Client().post(
        reverse("marks:note_add", args=[project.pk, mark.pk]),
        {"kind": "ladder", "ladder-text": "Hello"},
        headers=htmx(current),
    )

    assert response.status_code == 204
    assert redirect_target(response) == (reverse("account_login"), None)


def test_requests_without_htmx_and_signed_in_people_are_answered_as_before(
    project, mark, co_producer_client
):
    post_to = reverse("marks:note_add", args=[project.pk, mark.pk])
    page = reverse("marks:mark", args=[project.pk, mark.pk])

    plain = Client().post(post_to, {"kind": "ladder", "ladder-text": "Hello"})
    assert plain.status_code == 302
    assert "HX-Redirect" not in plain

    signed_in = co_producer_client.post(
        post_to,
        {"kind": "ladder", "ladder-text": "Hello"},
        headers=htmx(f"http://testserver{page}"),
    )
    assert signed_in.status_code == 200
    assert "HX-Redirect" not in signed_in
    assert Note.objects.get().text == "Hello"
