"""A completed project: its work is read-only; news, thanks and choices still go on.

Six months after completion the facilitators are reminded, once, to ask what has changed.
"""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from lake.models import PostIt
from marks.models import Mark, Note
from projects.models import GroundRule, Project, Thanks

from .factories import add_member, make_user

READ_ONLY = "This project is completed, so its work can no longer be changed."


@pytest.fixture
def completed(project):
    Project.objects.filter(pk=project.pk).update(completed_at=timezone.now())
    project.refresh_from_db()
    return project


def test_the_work_of_a_completed_project_can_be_read_but_not_changed(co_producer_client, completed):
    mark = Mark.objects.filter(project=completed).first()
    attempts = [
        (reverse("rules:rules", args=[completed.pk]), {"text": "One more rule"}),
        (
            reverse("marks:note_add", args=[completed.pk, mark.pk]),
            {"kind": "ladder", "text": "A late note"},
        ),
        (
            reverse("lake:add", args=[completed.pk]),
            {"add-text": "A late idea", "add-place": "planning", "add-colour": "yellow"},
        ),
        (reverse("projects:edit", args=[completed.pk]), {"name": "Renamed", "version": 1}),
    ]
    for url, data in attempts:
        response = co_producer_client.post(url, data)
        assert response.status_code == 403, url
        assert READ_ONLY in response.content.decode().replace("&#x27;", "'")
        # Reading still works; a page that is only a form explains instead.
        expected = 403 if url.endswith("/edit/") else 200
        assert co_producer_client.get(url).status_code in (expected, 405), url
    assert not GroundRule.objects.filter(project=completed).exists()
    assert not Note.objects.filter(mark=mark).exists()
    assert not PostIt.objects.filter(project=completed).exists()
    completed.refresh_from_db()
    assert completed.name != "Renamed"


def test_a_completed_project_still_takes_thanks_and_lets_a_facilitator_reopen_it(
    co_producer_client, facilitator_client, completed, facilitator
):
    thanks = co_producer_client.post(
        reverse("completing:thanks", args=[completed.pk]),
        {"to": str(facilitator.pk), "message": "Thank you for chairing."},
    )
    assert thanks.status_code == 302
    assert Thanks.objects.filter(project=completed, to_user=facilitator).exists()
    reopen = facilitator_client.post(
        reverse("projects:settings", args=[completed.pk]), {"version": 1}
    )
    assert reopen.status_code == 302
    completed.refresh_from_db()
    assert completed.completed_at is None
    added = co_producer_client.post(
        reverse("rules:rules", args=[completed.pk]), {"text": "Back at work"}
    )
    assert added.status_code == 302


def test_the_home_page_says_the_project_is_completed_and_leads_to_what_it_achieved(
    co_producer_client, completed
):
    page = co_producer_client.get(reverse("projects:home", args=[completed.pk])).content.decode()
    assert "This project is completed." in page
    assert "can be read but no longer changed" in page
    assert f'href="{reverse("report:report", args=[completed.pk])}"' in page


def test_facilitators_are_reminded_once_six_months_after_completion(
    project, facilitator, co_producer, mailoutbox
):
    second = make_user("Gale Facilitator", "gale@example.org")
    add_member(project, second, role="facilitator")
    Project.objects.filter(pk=project.pk).update(completed_at=timezone.now() - timedelta(days=183))
    call_command("remind_six_months")
    assert sorted(m.to[0] for m in mailoutbox) == ["fran@example.org", "gale@example.org"]
    body = mailoutbox[0].body
    assert "what has changed six months on?" in body
    assert reverse("projects:home", args=[project.pk]) in body
    # Running it again the same day, or the next, sends nothing more.
    call_command("remind_six_months")
    assert len(mailoutbox) == 2


def test_no_reminder_before_six_months_or_for_a_project_still_running(
    project, facilitator, mailoutbox
):
    call_command("remind_six_months")
    Project.objects.filter(pk=project.pk).update(completed_at=timezone.now() - timedelta(days=100))
    call_command("remind_six_months")
    assert mailoutbox == []
