"""Certificates of contribution: each member's, naming what they did.

Only the member and the project's facilitators may open one; facilitators may
add a personal line. The counts come from each app's ``certificate`` module.
"""

import html as html_lib
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from checkins import services as checkin_services
from checkins.aside import ANSWER
from checkins.models import CheckIn, CheckInAnswer
from lake import services as lake_services
from lake.aside import POSTIT
from lake.models import PostIt
from marks import services as marks_services
from marks.actions import services as actions
from marks.aside import NOTE
from marks.models import Note
from marks.scoring import services as scoring
from projects import services
from projects.completing import services as completing
from projects.models import Membership, Project, Thanks
from projects.rules import services as rules_services
from projects.setting_aside.own import THANKS
from projects.setting_aside.services import set_aside

from .factories import add_member, agree, make_user, marks_of
from .pages import count_queries, without_tags


def cert_url(project, user) -> str:
    return reverse("certificates:certificate", args=[project.pk, user.pk])


def contributions(html: str) -> list[str]:
    found = re.search(r'<ul class="certificate__contributions">(.*?)</ul>', html, re.S)
    return (
        [
            html_lib.unescape(without_tags(li)).strip()
            for li in re.findall(r"<li>(.*?)</li>", found.group(1))
        ]
        if found
        else []
    )


@pytest.fixture
def second_co_producer(project):
    user = make_user("Sol Second")
    add_member(project, user)
    return user


def contribute(project, facilitator, member, n: int) -> None:
    """n of each kind of contribution by ``member``, and some anonymous ones."""
    Project.objects.filter(pk=project.pk).update(allow_anonymous=True)
    project.refresh_from_db()
    marks = marks_of(project)
    for i in range(n):
        agree(marks[i], facilitator, [(member, 6), (facilitator, 7)], 6, "", 20 - i)
        marks_services.note_add(mark=marks[i], author=member, kind="ladder", text=f"Ladder {i}")
        actions.action_add(
            project=project,
            actor=facilitator,
            text=f"Action {i}",
            kind="forward",
            owners=[member],
            everyone=False,
            due=None,
        )
        lake_services.postit_add(
            project=project, author=member, text=f"Idea {i}", place="planning", colour="pink"
        )
        rules_services.ground_rule_add(project=project, author=member, text=f"Rule {i}")
        completing.thanks_add(project=project, sender=member, to_user=facilitator, message="Ta")
        completing.thanks_add(project=project, sender=facilitator, to_user=member, message="Ta")
        marks_services.mark_add(
            project=project, author=member, stage="review", title=f"Our mark {i}", explanation=""
        )
        checkin = checkin_services.checkin_start(project=project, actor=facilitator)
        checkin_services.checkin_answer(
            checkin=checkin, member=member, answers={"voices": "Mine"}, anonymous=False
        )
        checkin_services.checkin_close(checkin=checkin, actor=facilitator)
    # Anonymous words store no author, so they are counted for nobody.
    marks_services.note_add(
        mark=marks[0], author=member, kind="snake", text="Unnamed", anonymous=True
    )
    lake_services.postit_add(
        project=project,
        author=member,
        text="Unnamed idea",
        place="water",
        colour="pink",
        anonymous=True,
    )


# -- who may open it -----------------------------------------------------------------


def test_a_member_opens_their_own_certificate(co_producer_client, project, co_producer):
    response = co_producer_client.get(cert_url(project, co_producer))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Certificate of contribution</h1>" in html
    assert '<p class="certificate__name">Cora Coproducer</p>' in html
    assert '<p class="certificate__project">Better drop-in</p>' in html
    # A co-producer has nothing to write on it.
    assert 'name="certificate_line"' not in html


def test_a_facilitator_opens_any_members_certificate(facilitator_client, project, co_producer):
    response = facilitator_client.get(cert_url(project, co_producer))
    assert response.status_code == 200
    assert 'name="certificate_line"' in response.content.decode()


def test_another_co_producer_is_refused_with_a_reason(
    client, project, co_producer, second_co_producer
):
    client.force_login(second_co_producer)
    response = client.get(cert_url(project, co_producer))
    assert response.status_code == 403
    assert "Only the member it names and the project&#x27;s facilitators" in (
        response.content.decode()
    )


def test_outsiders_and_people_who_are_not_members_get_404(
    client, facilitator_client, project, co_producer, outsider
):
    # Someone who isn't in this project has no certificate here, even for a facilitator.
    assert facilitator_client.get(cert_url(project, outsider)).status_code == 404
    client.force_login(outsider)
    assert client.get(cert_url(project, co_producer)).status_code == 404
    assert client.get(cert_url(project, outsider)).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, project, co_producer):
    response = client.get(cert_url(project, co_producer))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_departed_members_certificate_is_gone(facilitator_client, project, co_producer):
    """Leaving deletes the membership, and with it the dates and the personal line."""
    membership = Membership.objects.get(project=project, user=co_producer)
    services.membership_end(membership=membership, actor=co_producer)
    assert facilitator_client.get(cert_url(project, co_producer)).status_code == 404


# -- what it says --------------------------------------------------------------------


def test_it_lists_what_the_member_did_with_plain_sentences_and_skips_zeros(
    co_producer_client, project, facilitator, co_producer
):
    contribute(project, facilitator, co_producer, 2)
    # A round still open is not counted until the group has seen it.
    waiting = scoring.round_open(mark=marks_of(project)[5], actor=facilitator)
    scoring.score_set(scoring_round=waiting, member=co_producer, value=3)
    html = co_producer_client.get(cert_url(project, co_producer)).content.decode()
    assert contributions(html) == [
        "Wrote 2 ground rules for the group.",
        "Thanked others 2 times.",
        "Was thanked by name 2 times.",
        "Scored marks with the group 2 times.",
        "Added 2 marks of the group's own.",
        "Wrote 2 notes about what the marks mean, or their snakes and ladders.",
        "Took on 2 actions in the action plan.",
        "Answered 2 check-ins.",
        "Added 2 post-its to the lake of ideas.",
    ]


def test_words_set_aside_are_not_counted(co_producer_client, project, facilitator, co_producer):
    contribute(project, facilitator, co_producer, 2)
    rule = rules_services.ground_rule_add(project=project, author=facilitator, text="Be kind.")
    marks = marks_of(project)
    checkin = CheckIn.objects.filter(project=project).first()
    for kind, item in [
        (NOTE, Note.objects.filter(mark=marks[0], author=co_producer).first()),
        (POSTIT, PostIt.objects.filter(project=project, author=co_producer).first()),
        (
            ANSWER,
            CheckInAnswer.objects.get(response__checkin=checkin, response__author=co_producer),
        ),
        (THANKS, Thanks.objects.filter(project=project, from_user=co_producer).first()),
        (THANKS, Thanks.objects.filter(project=project, to_user=co_producer).first()),
    ]:
        set_aside(project=project, kind=kind, item=item, actor=facilitator, rule=rule)
    html = co_producer_client.get(cert_url(project, co_producer)).content.decode()
    assert contributions(html) == [
        "Wrote 2 ground rules for the group.",
        "Thanked others 1 time.",
        "Was thanked by name 1 time.",
        "Scored marks with the group 2 times.",
        "Added 2 marks of the group's own.",
        "Wrote 1 note about what a mark means, or its snakes and ladders.",
        "Took on 2 actions in the action plan.",
        "Answered 1 check-in.",
        "Added 1 post-it to the lake of ideas.",
    ]


def test_one_of_something_reads_in_the_singular(
    co_producer_client, project, facilitator, co_producer
):
    lake_services.postit_add(
        project=project, author=co_producer, text="Just one", place="planning", colour="pink"
    )
    html = co_producer_client.get(cert_url(project, co_producer)).content.decode()
    assert contributions(html) == ["Added 1 post-it to the lake of ideas."]


def test_a_member_with_nothing_counted_still_gets_a_kind_certificate(
    co_producer_client, project, co_producer
):
    html = co_producer_client.get(cert_url(project, co_producer)).content.decode()
    assert contributions(html) == []
    assert "which no number can count" in html


def test_the_dates_run_from_joining_to_completion_or_to_date(
    co_producer_client, project, co_producer
):
    joined = timezone.now() - timedelta(days=400)
    Membership.objects.filter(project=project, user=co_producer).update(joined_at=joined)
    html = without_tags(co_producer_client.get(cert_url(project, co_producer)).content.decode())
    assert f"From {joined:%-d %B %Y} to date." in html
    ended = timezone.now() - timedelta(days=3)
    Project.objects.filter(pk=project.pk).update(completed_at=ended)
    html = without_tags(co_producer_client.get(cert_url(project, co_producer)).content.decode())
    assert f"From {joined:%-d %B %Y} to {ended:%-d %B %Y}." in html


# -- the facilitator's personal line -------------------------------------------------


def test_a_facilitator_writes_a_personal_line_that_the_member_then_sees(
    facilitator_client, co_producer_client, project, co_producer
):
    response = facilitator_client.post(
        cert_url(project, co_producer),
        {"certificate_line": "  Cora kept us <honest>.  ", "version": 1},
    )
    assert response.status_code == 302
    assert response["Location"] == cert_url(project, co_producer)
    membership = Membership.objects.get(project=project, user=co_producer)
    assert membership.certificate_line == "Cora kept us <honest>."
    html = co_producer_client.get(cert_url(project, co_producer)).content.decode()
    assert '<p class="certificate__line">Cora kept us &lt;honest&gt;.</p>' in html


def test_an_empty_line_clears_it(facilitator_client, project, co_producer):
    Membership.objects.filter(project=project, user=co_producer).update(certificate_line="Old")
    response = facilitator_client.post(
        cert_url(project, co_producer), {"certificate_line": "", "version": 1}
    )
    assert response.status_code == 302
    assert Membership.objects.get(project=project, user=co_producer).certificate_line == ""


def test_a_line_that_is_too_long_is_refused_beside_the_field_and_nothing_is_saved(
    facilitator_client, project, co_producer
):
    Membership.objects.filter(project=project, user=co_producer).update(certificate_line="Kept")
    response = facilitator_client.post(
        cert_url(project, co_producer), {"certificate_line": "x" * 301, "version": 1}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert re.search(
        r'id="id_certificate_line-error">The personal line can be 300 characters at most', html
    )
    # The certificate itself still shows the saved line, not the refused one.
    assert '<p class="certificate__line">Kept</p>' in html
    assert Membership.objects.get(project=project, user=co_producer).certificate_line == "Kept"


def test_only_facilitators_may_write_the_line(co_producer_client, project, co_producer):
    response = co_producer_client.post(cert_url(project, co_producer), {"certificate_line": "Me!"})
    assert response.status_code == 403
    assert "Only the project&#x27;s facilitators can do this." in response.content.decode()
    assert Membership.objects.get(project=project, user=co_producer).certificate_line == ""


def test_the_line_can_still_be_written_once_the_project_is_completed(
    facilitator_client, project, co_producer
):
    Project.objects.filter(pk=project.pk).update(completed_at=timezone.now())
    response = facilitator_client.post(
        cert_url(project, co_producer), {"certificate_line": "Ta", "version": 1}
    )
    assert response.status_code == 302
    assert Membership.objects.get(project=project, user=co_producer).certificate_line == "Ta"


# -- links ---------------------------------------------------------------------------


def test_members_find_their_certificate_and_facilitators_everyones(
    co_producer_client, facilitator_client, project, co_producer, facilitator
):
    home = co_producer_client.get(reverse("projects:home", args=[project.pk])).content.decode()
    assert f'href="{cert_url(project, co_producer)}"' in home
    members_url = reverse("projects:members", args=[project.pk])
    page = facilitator_client.get(members_url).content.decode()
    assert f'href="{cert_url(project, co_producer)}"' in page
    assert f'href="{cert_url(project, facilitator)}"' in page
    # A co-producer's members page offers nobody's certificate.
    assert "/certificates/" not in co_producer_client.get(members_url).content.decode()


# -- its cost ------------------------------------------------------------------------


def test_a_certificate_costs_the_same_queries_however_much_the_member_did(
    facilitator_client, project, facilitator, co_producer
):
    """Someone who did a lot must not make their certificate slower query by query."""
    contribute(project, facilitator, co_producer, 1)
    with count_queries() as small:
        response = facilitator_client.get(cert_url(project, co_producer))
    assert "Took on 1 action in the action plan." in contributions(response.content.decode())
    contribute(project, facilitator, co_producer, 4)
    with count_queries() as large:
        response = facilitator_client.get(cert_url(project, co_producer))
    assert "Took on 5 actions in the action plan." in contributions(response.content.decode())
    assert len(large) == len(small)


def test_a_personal_line_saved_by_another_facilitator_meanwhile_is_not_overwritten(
    facilitator_client, project, co_producer
):
    address = cert_url(project, co_producer)
    stale = facilitator_client.get(address).context["form"]["version"].value()
    member = Membership.objects.get(project=project, user=co_producer)
    services.membership_set_certificate_line(membership=member, line="Gale's words", version=stale)

    response = facilitator_client.post(address, {"certificate_line": "Mine", "version": stale})

    assert response.status_code == 409
    member.refresh_from_db()
    assert member.certificate_line == "Gale's words"
    page = response.content.decode()
    assert "Someone else changed the personal line while you had it open" in page
    assert "Gale&#x27;s words" in page
    assert response.context["form"]["certificate_line"].value() == "Mine"
    assert response.context["form"]["version"].value() == stale + 1
