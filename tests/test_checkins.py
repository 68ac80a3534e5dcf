"""Check-ins: any member starts one, answers it, named or anonymously, and closes it.

While a check-in is open nobody sees anyone else's answers, not even in the HTML;
once closed, every answer shows together, grouped by question.
"""

import pytest
from django.test import Client
from django.urls import resolve, reverse

from checkins import services
from checkins.models import CheckIn, CheckInAnswer, CheckInResponse
from checkins.services import QUESTIONS
from projects.models import Activity

from .factories import add_member, make_user
from .pages import queries_for

FIRST = QUESTIONS[0][0]
SECOND = QUESTIONS[1][0]


def list_url(project):
    return reverse("checkins:checkins", args=[project.pk])


def start_url(project):
    return reverse("checkins:checkin_start", args=[project.pk])


def checkin_url(checkin):
    return reverse("checkins:checkin", args=[checkin.project_id, checkin.pk])


def close_url(checkin):
    return reverse("checkins:checkin_close", args=[checkin.project_id, checkin.pk])


@pytest.fixture
def checkin(project, facilitator):
    return services.checkin_start(project=project, actor=facilitator)


def all_urls(project, checkin):
    return [
        (list_url(project), {"GET"}),
        (start_url(project), {"POST"}),
        (checkin_url(checkin), {"GET", "POST"}),
        (close_url(checkin), {"POST"}),
    ]


# -- sign-in, method, outsiders ------------------------------------------------


def test_every_checkins_url_is_tested_here(project, checkin):
    from checkins.urls import urlpatterns

    tested = {resolve(address).url_name for address, _methods in all_urls(project, checkin)}
    assert tested == {p.name for p in urlpatterns}


def test_signing_in_is_required(project, checkin):
    for address, _methods in all_urls(project, checkin):
        for response in (Client().get(address), Client().post(address)):
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("account_login"))
    assert CheckIn.objects.get(pk=checkin.pk).is_open


def test_the_wrong_method_is_refused(co_producer_client, project, checkin):
    for address, methods in all_urls(project, checkin):
        if "GET" not in methods:
            assert co_producer_client.get(address).status_code == 405
        if "POST" not in methods:
            assert co_producer_client.post(address).status_code == 405
    assert CheckIn.objects.count() == 1
    assert CheckIn.objects.get(pk=checkin.pk).is_open


def test_outsiders_get_404_and_change_nothing(outsider, project, checkin):
    c = Client()
    c.force_login(outsider)
    for address, methods in all_urls(project, checkin):
        for method in methods:
            data = {FIRST: "Let me in"}
            response = c.get(address) if method == "GET" else c.post(address, data)
            assert response.status_code == 404, address
    assert CheckIn.objects.count() == 1
    assert CheckIn.objects.get(pk=checkin.pk).is_open
    assert not CheckInResponse.objects.exists()


def test_another_projects_checkin_is_404(co_producer_client, project, facilitator):
    from .factories import make_project

    other_project = make_project(facilitator, name="Another group")
    other = services.checkin_start(project=other_project, actor=facilitator)
    for address in (
        reverse("checkins:checkin", args=[project.pk, other.pk]),
        reverse("checkins:checkin_close", args=[project.pk, other.pk]),
    ):
        assert co_producer_client.get(address).status_code in (404, 405)
        assert co_producer_client.post(address, {FIRST: "Hello"}).status_code == 404
    assert CheckIn.objects.get(pk=other.pk).is_open
    assert not CheckInResponse.objects.exists()


# -- starting, answering, closing -------------------------------------------------


def test_any_member_starts_a_checkin_with_every_question(co_producer_client, project, co_producer):
    response = co_producer_client.post(start_url(project))
    checkin = CheckIn.objects.get(project=project)
    assert response.status_code == 302
    assert response["Location"] == checkin_url(checkin)
    assert checkin.started_by == co_producer
    assert Activity.objects.filter(project=project, kind="checkin_started").exists()
    page = co_producer_client.get(checkin_url(checkin)).content.decode()
    for _key, text in QUESTIONS:
        assert str(text) in page


def test_starting_again_while_one_is_open_goes_to_the_open_one(
    co_producer_client, project, checkin
):
    response = co_producer_client.post(start_url(project))
    assert response["Location"] == checkin_url(checkin)
    assert CheckIn.objects.filter(project=project).count() == 1


def test_a_member_answers_in_their_own_words_and_can_change_them(
    co_producer_client, checkin, co_producer
):
    response = co_producer_client.post(checkin_url(checkin), {FIRST: "Mostly yes."})
    assert response.status_code == 302
    co_producer_client.post(checkin_url(checkin), {FIRST: "Yes now.", SECOND: "Mine is quiet."})
    response = CheckInResponse.objects.get(checkin=checkin)
    assert response.author == co_producer
    assert dict(response.answers.values_list("question", "text")) == {
        FIRST: "Yes now.",
        SECOND: "Mine is quiet.",
    }
    page = co_producer_client.get(checkin_url(checkin)).content.decode()
    assert "Your answers so far" in page
    assert "Mine is quiet." in page
    assert "1 answer so far" in page


def test_an_over_long_answer_gets_a_message_beside_the_field_and_saves_nothing(
    co_producer_client, checkin
):
    response = co_producer_client.post(checkin_url(checkin), {FIRST: "x" * 2001, SECOND: "Fine."})
    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="id_{FIRST}-error"' in page
    assert "Keep this answer to 2000 characters or fewer." in page
    assert "There is a problem" in page
    assert not CheckInResponse.objects.exists()
    # Exactly 2000 characters is allowed.
    assert co_producer_client.post(checkin_url(checkin), {FIRST: "x" * 2000}).status_code == 302


def test_an_empty_answer_sheet_is_refused(co_producer_client, checkin):
    response = co_producer_client.post(checkin_url(checkin), {FIRST: "   "})
    assert response.status_code == 400
    assert "Answer at least one question before you save." in response.content.decode()
    assert not CheckInResponse.objects.exists()


def test_a_closed_checkin_takes_no_answers(co_producer_client, checkin, facilitator):
    services.checkin_close(checkin=checkin, actor=facilitator)
    response = co_producer_client.post(checkin_url(checkin), {FIRST: "Too late?"})
    assert response.status_code == 400
    assert "This check-in has closed, so it takes no more answers." in response.content.decode()
    assert not CheckInResponse.objects.exists()
    with pytest.raises(services.Closed):
        services.checkin_answer(
            checkin=checkin, member=facilitator, answers={FIRST: "No"}, anonymous=False
        )


def test_others_answers_are_hidden_until_the_checkin_closes(
    co_producer_client, facilitator_client, checkin
):
    facilitator_client.post(checkin_url(checkin), {FIRST: "Facilitator secret answer"})
    co_producer_client.post(checkin_url(checkin), {SECOND: "Coproducer own answer"})
    page = co_producer_client.get(checkin_url(checkin)).content.decode()
    assert "Facilitator secret answer" not in page
    assert "Coproducer own answer" in page
    assert "2 answers so far" in page
    listing = co_producer_client.get(list_url(checkin.project)).content.decode()
    assert "Facilitator secret answer" not in listing

    response = co_producer_client.post(close_url(checkin))
    assert response.status_code == 302
    assert not CheckIn.objects.get(pk=checkin.pk).is_open
    page = co_producer_client.get(checkin_url(checkin)).content.decode()
    assert "Facilitator secret answer" in page
    assert "Coproducer own answer" in page
    assert "Fran Facilitator" in page
    # Grouped by question: the first answer comes under the first question's heading.
    assert page.index(str(QUESTIONS[0][1])) < page.index("Facilitator secret answer")
    assert page.index("Facilitator secret answer") < page.index(str(QUESTIONS[1][1]))
    assert page.index(str(QUESTIONS[1][1])) < page.index("Coproducer own answer")


def test_closing_says_so_plainly_and_twice_is_harmless(co_producer_client, checkin):
    response = co_producer_client.post(close_url(checkin), follow=True)
    assert "The check-in is closed. Everyone&#x27;s answers are now shown together." in (
        response.content.decode()
    )
    response = co_producer_client.post(close_url(checkin), follow=True)
    assert "This check-in was already closed." in response.content.decode()


def test_anonymous_answers_store_no_author(co_producer_client, checkin, co_producer, facilitator):
    project = checkin.project
    project.allow_anonymous = True
    project.save(update_fields=["allow_anonymous"])
    response = co_producer_client.post(
        checkin_url(checkin), {FIRST: "Said without a name", "anonymous": "on"}
    )
    assert response.status_code == 302
    saved = CheckInResponse.objects.get(checkin=checkin)
    assert saved.author is None
    assert saved.is_anonymous
    assert not Activity.objects.filter(kind="checkin_answered", actor=co_producer).exists()
    services.checkin_close(checkin=checkin, actor=facilitator)
    page = co_producer_client.get(checkin_url(checkin)).content.decode()
    assert "Said without a name" in page
    assert "Anonymous" in page
    assert "Cora Coproducer</p>" not in page


def test_the_anonymous_choice_is_ignored_where_the_project_does_not_allow_it(
    co_producer_client, checkin, co_producer
):
    assert not checkin.project.allow_anonymous
    page = co_producer_client.get(checkin_url(checkin)).content.decode()
    assert "Answer anonymously" not in page
    co_producer_client.post(checkin_url(checkin), {FIRST: "Named", "anonymous": "on"})
    assert CheckInResponse.objects.get(checkin=checkin).author == co_producer


def test_past_checkins_stay_readable_newest_first(co_producer_client, project, facilitator):
    first = services.checkin_start(project=project, actor=facilitator)
    services.checkin_answer(
        checkin=first, member=facilitator, answers={FIRST: "Back in spring"}, anonymous=False
    )
    services.checkin_close(checkin=first, actor=facilitator)
    second = services.checkin_start(project=project, actor=facilitator)
    page = co_producer_client.get(list_url(project)).content.decode()
    assert page.index(checkin_url(second)) < page.index(checkin_url(first))
    assert "Answer the open check-in" in page
    assert "Back in spring" in co_producer_client.get(checkin_url(first)).content.decode()


def test_the_list_is_empty_at_first(co_producer_client, project):
    page = co_producer_client.get(list_url(project)).content.decode()
    assert "There are no check-ins yet." in page
    assert "Start a check-in" in page


# -- query counts --------------------------------------------------------------


def fill(project, facilitator, count: int, members: list) -> None:
    """Closed check-ins, each answered by every member, then one open one."""
    for _ in range(count):
        c = services.checkin_start(project=project, actor=facilitator)
        for m in members:
            services.checkin_answer(
                checkin=c,
                member=m,
                answers={key: f"{m.name} on {key}" for key, _text in QUESTIONS},
                anonymous=False,
            )
        services.checkin_close(checkin=c, actor=facilitator)


def test_the_list_and_a_closed_checkin_cost_the_same_queries_at_two_sizes(
    co_producer_client, project, facilitator, co_producer
):
    """Each page is a fixed number of queries: one more check-in or member must not add any."""
    fill(project, facilitator, 1, [facilitator, co_producer])
    small_list = queries_for(co_producer_client, list_url(project))
    small_closed = queries_for(co_producer_client, checkin_url(CheckIn.objects.get()))

    more = [make_user(f"Member {i}") for i in range(5)]
    for m in more:
        add_member(project, m)
    fill(project, facilitator, 6, [facilitator, co_producer, *more])
    biggest = CheckIn.objects.order_by("-started_at", "-pk").first()
    assert CheckInAnswer.objects.filter(response__checkin=biggest).count() == 7 * len(QUESTIONS)
    assert queries_for(co_producer_client, list_url(project)) == small_list
    assert queries_for(co_producer_client, checkin_url(biggest)) == small_closed


def test_the_demo_has_two_closed_check_ins_months_apart(db, settings):
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("demo")
    closed = list(CheckIn.objects.filter(closed_at__isnull=False).order_by("started_at"))
    assert len(closed) == 2
    assert (closed[1].started_at - closed[0].started_at).days >= 60
    assert all(c.responses.count() >= 2 for c in closed)
