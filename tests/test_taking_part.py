"""What helps each person take part: said privately, seen only as the person chose, gone when
they remove it or leave."""

import json
import re
import threading
from html import unescape

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from projects import services as project_services
from projects.models import Activity, Membership, Project, TakingPart
from projects.taking_part import services
from projects.taking_part.selectors import members_allowing_words_on_behalf, needs_visible_to
from sharing.people.services import account_delete, personal_data
from sharing.portability.document import export_project

from .factories import add_member, make_project, make_user
from .pages import count_queries, plain, url

SECRET = "I get anxious in big rooms and may need to step out."
OPEN = "Please face me when you speak, I lip-read."


def form(**changes) -> dict:
    data = {
        "needs": ["quiet_space", "breaks"],
        "other_needs": SECRET,
        "ways": ["one_to_one"],
        "words_on_behalf": "no",
        "visibility": "facilitators",
    }
    return {**data, **changes}


def membership_of(user, project) -> Membership:
    return Membership.objects.get(project=project, user=user)


def share(user, project, *, text=SECRET, visibility="facilitators", on_behalf=False, **kw):
    return services.taking_part_save(
        membership=membership_of(user, project),
        needs=kw.get("needs", {"quiet_space"}),
        other_needs=text,
        ways=kw.get("ways", {"by_email"}),
        words_on_behalf=on_behalf,
        visibility=visibility,
    )


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def second(project):
    """Another co-producer in the same project, who must not read what isn't theirs."""
    user = make_user("Sol Second", "sol@example.org")
    add_member(project, user)
    return user


# -- the door ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["mine", "shared"])
def test_each_page_needs_signing_in(client, project, name):
    response = client.get(url(f"taking_part:{name}", project))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_removing_needs_signing_in_and_a_post(client, co_producer_client, project, co_producer):
    share(co_producer, project)
    assert client.post(url("taking_part:remove", project)).status_code == 302
    assert co_producer_client.get(url("taking_part:remove", project)).status_code == 405
    assert co_producer_client.post(url("taking_part:shared", project)).status_code == 405
    assert TakingPart.objects.count() == 1


@pytest.mark.parametrize("name", ["mine", "shared", "remove"])
def test_outsiders_get_not_found(outsider_client, project, co_producer, name):
    share(co_producer, project)
    assert outsider_client.post(url(f"taking_part:{name}", project), form()).status_code in {
        404,
        405,
    }
    if name != "remove":
        assert outsider_client.get(url(f"taking_part:{name}", project)).status_code == 404
    assert TakingPart.objects.get().other_needs == SECRET


# -- saving, changing, removing -------------------------------------------------------


def test_a_member_says_what_helps_and_finds_it_as_they_left_it(co_producer_client, project):
    page = co_producer_client.get(url("taking_part:mine", project))
    assert page.status_code == 200
    text = plain(page)
    assert "A British Sign Language (BSL) interpreter" in text
    assert "Someone to meet me when I arrive" in text
    # Nothing is shared with the whole group unless the person chooses it.
    assert re.search(r'value="facilitators"[^>]*checked', page.content.decode())
    assert re.search(r'name="words_on_behalf" value="no"[^>]*checked', page.content.decode())

    response = co_producer_client.post(url("taking_part:mine", project), form())
    assert response.status_code == 302
    row = TakingPart.objects.get()
    assert row.quiet_space and row.breaks and row.one_to_one
    assert not row.large_print and not row.by_email and not row.words_on_behalf
    assert row.other_needs == SECRET
    assert row.visibility == TakingPart.Visibility.FACILITATORS

    again = co_producer_client.get(response["Location"])
    html = again.content.decode()
    assert "has been saved" in plain(again)
    assert re.search(r'value="quiet_space"[^>]*checked', html)
    assert not re.search(r'value="large_print"[^>]*checked', html)
    assert SECRET in unescape(html)
    assert "Remove all of it" in plain(again)


def test_saving_again_replaces_the_whole_record_and_a_double_submit_saves_once(
    co_producer_client, project
):
    co_producer_client.post(url("taking_part:mine", project), form())
    co_producer_client.post(url("taking_part:mine", project), form())
    assert TakingPart.objects.count() == 1

    # The other tab's choices win wholly: nothing of the first save is merged in.
    later = form(needs=["large_print"], other_needs="", ways=[], visibility="group")
    co_producer_client.post(url("taking_part:mine", project), later)
    row = TakingPart.objects.get()
    assert row.needs() == ["Large print"]
    assert row.ways() == [] and row.other_needs == "" and row.is_for_the_group


def test_saving_nothing_keeps_nothing(co_producer_client, project, co_producer):
    share(co_producer, project)
    response = co_producer_client.post(
        url("taking_part:mine", project), form(needs=[], other_needs="  ", ways=[])
    )
    assert response.status_code == 302
    assert not TakingPart.objects.exists()


def test_removing_leaves_nothing_behind_and_can_be_repeated(
    co_producer_client, facilitator_client, project, co_producer
):
    share(co_producer, project)
    response = co_producer_client.post(url("taking_part:remove", project))
    assert response.status_code == 302
    assert not TakingPart.objects.exists()
    assert "has been removed" in plain(co_producer_client.get(response["Location"]))
    assert co_producer_client.post(url("taking_part:remove", project)).status_code == 302
    assert SECRET not in plain(facilitator_client.get(url("taking_part:shared", project)))
    assert "Remove all of it" not in plain(co_producer_client.get(url("taking_part:mine", project)))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"other_needs": "x" * 1001}, "This can be 1,000 characters at most; it has 1,001."),
        ({"visibility": "everyone"}, "Choose who can see this."),
        ({"visibility": ""}, "Choose who can see this."),
        ({"needs": ["a_pony"]}, "Choose from the list of things that help."),
        ({"ways": ["by_pigeon"]}, "Choose from the list of ways to share ideas."),
        ({"words_on_behalf": "maybe"}, "Say whether others may add your words for you."),
    ],
)
def test_bad_input_gets_a_message_and_saves_nothing(
    co_producer_client, project, co_producer, changes, message
):
    share(co_producer, project, text="Kept as it was.")
    response = co_producer_client.post(url("taking_part:mine", project), form(**changes))
    assert response.status_code == 400
    text = plain(response)
    assert "There is a problem" in text
    assert message in text
    assert TakingPart.objects.get().other_needs == "Kept as it was."


def test_line_breaks_count_once_towards_the_limit(co_producer_client, project):
    text = ("a" * 9 + "\r\n") * 100  # 1,000 characters once each break is one
    response = co_producer_client.post(url("taking_part:mine", project), form(other_needs=text))
    assert response.status_code == 302
    assert len(TakingPart.objects.get().other_needs) == 999  # the last break is trimmed


def test_the_visibility_is_held_by_the_database_too(project, co_producer):
    with pytest.raises(IntegrityError), transaction.atomic():
        TakingPart.objects.create(membership=membership_of(co_producer, project), visibility="x")
    share(co_producer, project)
    with pytest.raises(IntegrityError), transaction.atomic():
        TakingPart.objects.create(membership=membership_of(co_producer, project))


def test_a_completed_project_still_takes_a_persons_own_choice(co_producer_client, project):
    Project.objects.filter(pk=project.pk).update(completed_at=timezone.now())
    assert co_producer_client.post(url("taking_part:mine", project), form()).status_code == 302
    assert TakingPart.objects.count() == 1
    assert co_producer_client.post(url("taking_part:remove", project)).status_code == 302
    assert not TakingPart.objects.exists()


# -- who sees it ----------------------------------------------------------------------


def test_a_facilitator_sees_what_was_shared_with_them_to_plan(
    facilitator_client, project, co_producer, second
):
    share(co_producer, project, text=SECRET)
    share(second, project, text=OPEN, visibility="group", on_behalf=True)
    page = facilitator_client.get(url("taking_part:shared", project))
    assert page.status_code == 200
    text = plain(page)
    assert SECRET in text and OPEN in text
    assert "Shared with only the facilitators" in text
    assert "Shared with the whole group" in text
    assert "A quiet space to go to" in text
    assert "Others may add their words for them" in text


def test_a_co_producer_never_sees_what_another_told_only_the_facilitators(
    project, co_producer, second
):
    share(co_producer, project, text=SECRET, needs={"bsl_interpreter"})
    share(second, project, text=OPEN, visibility="group", needs={"hearing_loop"})
    sol = client_for(second)
    for name in ["shared", "mine"]:
        text = plain(sol.get(url(f"taking_part:{name}", project)))
        assert SECRET not in text
        assert "Cora Coproducer" not in text or name == "mine"
    shared = plain(sol.get(url("taking_part:shared", project)))
    assert OPEN in shared and "A hearing loop, for hearing aids" in shared
    assert "Shared with only the facilitators" not in shared
    # Nor on any other page of the project a co-producer opens.
    for page_url in [
        reverse("projects:home", args=[project.pk]),
        reverse("projects:members", args=[project.pk]),
    ]:
        text = plain(sol.get(page_url))
        assert SECRET not in text and "British Sign Language" not in text


def test_a_co_producer_reads_their_own_and_the_groups_but_nothing_else(
    project, co_producer, second
):
    share(co_producer, project, text=SECRET)
    mine = share(second, project, text="Only mine.")
    rows = needs_visible_to(membership_of(second, project))
    assert rows == [mine]
    group = share(co_producer, project, text=OPEN, visibility="group")
    assert needs_visible_to(membership_of(second, project)) == [group, mine]


def test_the_selector_narrows_to_the_people_coming(project, facilitator, co_producer, second):
    cora = share(co_producer, project)
    share(second, project)
    fran = membership_of(facilitator, project)
    assert needs_visible_to(fran, members=[membership_of(co_producer, project)]) == [cora]
    assert needs_visible_to(fran, members=[cora.membership_id]) == [cora]
    assert needs_visible_to(fran, members=[]) == []
    assert len(needs_visible_to(fran)) == 2


def test_another_projects_needs_are_never_read(project, facilitator, co_producer):
    other = make_project(facilitator, name="Another group")
    add_member(other, co_producer)
    share(co_producer, other, text="In the other project.")
    fran = membership_of(facilitator, project)
    assert needs_visible_to(fran) == []
    cora_there = membership_of(co_producer, other)
    assert needs_visible_to(fran, members=[cora_there]) == []


def test_who_allows_words_on_their_behalf_is_known_for_later(project, co_producer, second):
    share(co_producer, project, on_behalf=True)
    share(second, project, on_behalf=False)
    assert members_allowing_words_on_behalf(project.pk) == [membership_of(co_producer, project)]


def test_saving_and_removing_tell_nobody(co_producer_client, project):
    """No activity line, not even one without details, and no revision bump for live pages:
    either would tell the group that someone (in a small group, who) has needs."""
    before = Project.objects.get(pk=project.pk).revision
    activities = Activity.objects.count()
    co_producer_client.post(url("taking_part:mine", project), form(visibility="group"))
    co_producer_client.post(url("taking_part:remove", project))
    assert Activity.objects.count() == activities
    assert Project.objects.get(pk=project.pk).revision == before


def test_home_and_members_pages_link_here_without_counting_anyone(
    co_producer_client, project, co_producer, second
):
    share(second, project)
    for page_url in [
        reverse("projects:home", args=[project.pk]),
        reverse("projects:members", args=[project.pk]),
    ]:
        html = co_producer_client.get(page_url).content.decode()
        assert (
            f'href="{url("taking_part:mine", project)}">Tell us what helps you take part</a>'
            in html
        )
    members = co_producer_client.get(reverse("projects:members", args=[project.pk]))
    assert url("taking_part:shared", project) in members.content.decode()
    # The same pages whether or not anyone has shared.
    TakingPart.objects.all().delete()
    again = co_producer_client.get(reverse("projects:members", args=[project.pk]))
    assert plain(again) == plain(members)


# -- privacy for good -----------------------------------------------------------------


def test_it_is_in_the_persons_own_data_and_nobody_elses(project, co_producer, second):
    share(co_producer, project, text=SECRET, visibility="group", on_behalf=True)
    mine = personal_data(co_producer)["projects"]["memberships"][0]["what_helps_me_take_part"]
    assert mine["anything_else"] == SECRET
    assert mine["access_needs"] == ["A quiet space to go to"]
    assert mine["how_i_like_to_share_my_ideas"] == ["By email"]
    assert mine["others_may_add_my_words_for_me"] is True
    assert mine["who_sees_it"] == "The whole group"
    assert SECRET not in json.dumps(personal_data(second), default=str)
    download = client_for(co_producer).get(reverse("people:data"))
    assert SECRET in download.content.decode()


def test_the_project_file_leaves_it_out(project, co_producer):
    share(co_producer, project, text=OPEN, visibility="group", needs={"bsl_interpreter"})
    document = json.dumps(export_project(project), default=str)
    assert OPEN not in document
    assert "bsl" not in document.lower()


def test_it_goes_when_the_person_leaves_or_is_removed(project, facilitator, co_producer, second):
    share(co_producer, project)
    share(second, project)
    project_services.membership_end(
        membership=membership_of(co_producer, project), actor=co_producer
    )
    project_services.membership_end(membership=membership_of(second, project), actor=facilitator)
    assert not TakingPart.objects.exists()


@pytest.mark.parametrize("remove", [True, False])
def test_it_goes_with_the_account(project, co_producer, remove):
    share(co_producer, project)
    account_delete(user=co_producer, remove=remove, choices={})
    assert not TakingPart.objects.exists()


# -- cost -----------------------------------------------------------------------------


def _fill(project, count: int) -> None:
    start = Membership.objects.filter(project=project).count()
    for i in range(start, start + count):
        user = make_user(f"Member {i:02}", f"member{project.pk}-{i}@example.org")
        add_member(project, user)
        share(user, project, visibility="group" if i % 2 else "facilitators")


@pytest.mark.parametrize("name", ["shared", "mine"])
def test_pages_cost_the_same_however_many_members_have_shared(facilitator_client, project, name):
    """Each row comes with its member's name in the one query that finds it."""
    counts = []
    for size in (2, 12):
        _fill(project, size - TakingPart.objects.filter(membership__project=project).count())
        with count_queries() as ctx:
            response = facilitator_client.get(url(f"taking_part:{name}", project))
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts


# -- concurrency ----------------------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent saves need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_tabs_saving_at_once_keep_one_whole_record(project, co_producer):
    """The row is unique per membership: the second insert becomes an update, never an error,
    and the record is one tab's answers whole, never a mix of both."""
    membership = membership_of(co_producer, project)
    answers = [
        {"needs": {"large_print"}, "ways": {"by_phone"}, "visibility": "group"},
        {"needs": {"captions"}, "ways": {"in_writing"}, "visibility": "facilitators"},
    ]
    errors = []
    start = threading.Barrier(len(answers) * 3)

    def work(answer):
        try:
            start.wait()
            services.taking_part_save(
                membership=membership,
                needs=answer["needs"],
                other_needs="",
                ways=answer["ways"],
                words_on_behalf=False,
                visibility=answer["visibility"],
            )
        except Exception as error:  # noqa: BLE001 - any failure is reported below
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=work, args=(a,)) for a in answers * 3]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    row = TakingPart.objects.get()
    saved = {
        "needs": {n for n in TakingPart.NEEDS if getattr(row, n)},
        "ways": {n for n in TakingPart.WAYS if getattr(row, n)},
        "visibility": row.visibility,
    }
    assert saved in answers


# -- the demo -------------------------------------------------------------------------


def test_the_demo_has_two_members_needs_one_for_the_facilitators_only(db):
    from projects.demo import extend

    users = {name: make_user(name) for name in ("Sam", "Amina", "Jo", "Priya")}
    project = make_project(users["Sam"])
    for name in ("Amina", "Jo", "Priya"):
        add_member(project, users[name])
    extend(project=project, users=users)
    rows = {row.membership.user.name: row for row in TakingPart.objects.all()}
    assert set(rows) == {"Amina", "Jo"}
    assert rows["Amina"].visibility == TakingPart.Visibility.FACILITATORS
    assert rows["Jo"].visibility == TakingPart.Visibility.GROUP
    priya = membership_of(users["Priya"], project)
    assert [row.membership.user.name for row in needs_visible_to(priya)] == ["Jo"]
