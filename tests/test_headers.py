"""Headers on every answer: which browser features are off, who may embed our files, what no
cache may keep, and that a page and its htmx fragment are told apart."""

import pytest
from django.test import Client

from tests.factories import PASSWORD

PAGES_FOR_ANYONE = ["/", "/accounts/login/", "/accounts/signup/"]


def features_turned_off(response) -> set[str]:
    return {
        part.strip().removesuffix("=()")
        for part in response.headers["Permissions-Policy"].split(",")
        if part.strip().endswith("=()")
    }


def vary(response) -> set[str]:
    return {word.strip().lower() for word in response.headers.get("Vary", "").split(",")}


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES_FOR_ANYONE)
def test_every_page_turns_off_browser_features_and_keeps_its_files_to_itself(client, url):
    response = client.get(url)

    assert response.status_code == 200
    assert features_turned_off(response) >= {
        "camera",
        "microphone",
        "geolocation",
        "payment",
        "usb",
        "interest-cohort",
    }
    assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"


@pytest.mark.django_db
def test_the_front_page_for_someone_not_signed_in_may_be_kept(client):
    response = client.get("/")

    assert "no-store" not in response.headers.get("Cache-Control", "")


def test_no_page_of_a_signed_in_person_is_kept_by_any_cache(facilitator_client, project):
    for url in ["/", "/account/", f"/projects/{project.pk}/", f"/projects/{project.pk}/rules/"]:
        response = facilitator_client.get(url)

        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == "private, no-store", url


def test_signing_in_is_not_kept_either(facilitator):
    response = Client().post("/accounts/login/", {"login": facilitator.email, "password": PASSWORD})

    assert response.status_code == 302
    assert "no-store" in response.headers["Cache-Control"]


def test_every_download_is_kept_by_no_cache(facilitator_client, project):
    downloads = [
        "/account/data/",
        f"/projects/{project.pk}/export/project.json",
        f"/projects/{project.pk}/benchmark/score-history.csv",
        f"/projects/{project.pk}/actions/action-plan.csv",
    ]
    for url in downloads:
        response = facilitator_client.get(url)

        assert response.status_code == 200, url
        assert "attachment" in response.headers["Content-Disposition"], url
        assert response.headers["Cache-Control"] == "private, no-store", url


def test_a_page_and_its_htmx_fragment_both_say_they_differ_by_hx_request(
    co_producer_client, project
):
    url = f"/projects/{project.pk}/rules/"
    whole = co_producer_client.get(url)
    fragment = co_producer_client.get(url, headers={"HX-Request": "true"})

    assert len(fragment.content) < len(whole.content), "expected the view to send a fragment"
    assert "hx-request" in vary(whole)
    assert "hx-request" in vary(fragment)
    # What already varied still does.
    assert "cookie" in vary(whole)
