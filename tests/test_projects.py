"""Projects: creating one, editing its aims together, members, the project home,
"Your projects" and settings.

Each view's tests cover: sign-in required, wrong method, outsider 404, role too
low 403, and bad input getting a message beside the field while nothing is
saved. Who may open which URL at all is in tests/test_permissions.py; inviting
and joining are in tests/test_invitations.py, ground rules in tests/test_rules.py.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from projects.models import Activity, Agreement, GroundRule, Membership, Project, ProjectRevision
from projects.rules.services import ground_rule_add
from projects.services import project_update_description

from .factories import add_member, make_project, make_user
from .pages import (
    ESCAPED_SCRIPT,
    PROBLEM,
    SCRIPT,
    activity_lines,
    assert_field_error,
    assert_needs_sign_in,
    plain,
    queries_for,
    sign_in,
    text_of,
    url,
)

# -- creating a project ------------------------------------------------------


def test_creating_a_project_needs_sign_in(client, db):
    assert_needs_sign_in(client.get(url("projects:create")), url("projects:create"))
    response = client.post(url("projects:create"), {"name": "Sneaky"})
    assert_needs_sign_in(response, url("projects:create"))
    assert not Project.objects.exists()


def test_create_refuses_other_methods(outsider_client):
    assert outsider_client.delete(url("projects:create")).status_code == 405
    assert outsider_client.put(url("projects:create")).status_code == 405


def test_only_a_name_is_needed_and_the_creator_becomes_facilitator(outsider_client, outsider):
    page = outsider_client.get(url("projects:create"))
    assert page.status_code == 200
    assert "Only the name is needed now" in plain(page)

    response = outsider_client.post(
        url("projects:create"), {"name": "  Better drop-in  "}, follow=True
    )

    project = Project.objects.get()
    assert project.name == "Better drop-in"
    assert response.redirect_chain[-1][0] == url("projects:home", project)
    assert "You are its facilitator" in plain(response)
    membership = Membership.objects.get(project=project)
    assert membership.user == outsider
    assert membership.is_facilitator
    assert "Otto Outsider created the project" in " ".join(activity_lines(response))


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Enter a name for the project."),
        ("   \t ", "Enter a name for the project."),
        ("x" * 121, "The name must be 120 characters or fewer."),
    ],
    ids=["empty", "whitespace", "too-long"],
)
def test_create_refuses_a_bad_name_and_saves_nothing(outsider_client, name, message):
    response = outsider_client.post(
        url("projects:create"), {"name": name, "purpose": "Kept for retry"}
    )
    assert response.status_code == 400
    assert_field_error(response, "id_name", message)
    # What the person wrote elsewhere is still in the form.
    assert "Kept for retry" in response.content.decode()
    assert not Project.objects.exists()
    assert not Membership.objects.exists()


def test_a_name_of_exactly_120_characters_is_fine(outsider_client):
    outsider_client.post(url("projects:create"), {"name": "x" * 120})
    assert Project.objects.get().name == "x" * 120


def test_create_refuses_an_overlong_aim(outsider_client):
    response = outsider_client.post(url("projects:create"), {"name": "Ok", "purpose": "a" * 5001})
    assert response.status_code == 400
    assert_field_error(response, "id_purpose", "5000 characters at most")
    assert not Project.objects.exists()


def test_html_in_any_field_is_shown_escaped(outsider_client):
    fields = {
        "name": SCRIPT,
        "purpose": SCRIPT,
        "out_of_scope": SCRIPT,
        "outcomes": SCRIPT,
        "decisions": SCRIPT,
        "tracking": SCRIPT,
    }
    response = outsider_client.post(url("projects:create"), fields, follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in html
    # The name (heading and nav) and the five aims, each shown as written.
    assert html.count(ESCAPED_SCRIPT) >= 6
    listing = outsider_client.get(url("projects:list")).content.decode()
    assert "<script>alert" not in listing
    assert ESCAPED_SCRIPT in listing


# -- editing the aims, with history -----------------------------------------


def edit_data(project: Project, version: int | None = None, **changes) -> dict:
    data = {
        "name": project.name,
        "purpose": project.purpose,
        "out_of_scope": project.out_of_scope,
        "outcomes": project.outcomes,
        "decisions": project.decisions,
        "tracking": project.tracking,
        "version": project.version if version is None else version,
    }
    data.update(changes)
    return data


def test_editing_needs_sign_in_and_membership(client, outsider_client, project):
    path = url("projects:edit", project)
    assert_needs_sign_in(client.get(path), path)
    assert outsider_client.get(path).status_code == 404
    assert outsider_client.post(path, edit_data(project, purpose="Mine")).status_code == 404
    assert client.delete(path).status_code == 302
    project.refresh_from_db()
    assert project.purpose == ""
    assert project.version == 1


def test_edit_refuses_other_methods(co_producer_client, project):
    assert co_producer_client.delete(url("projects:edit", project)).status_code == 405
    assert co_producer_client.post(url("projects:history", project)).status_code == 405


def test_any_member_can_change_the_aims_and_every_wording_is_kept(
    co_producer_client, facilitator_client, project
):
    co_producer_client.post(
        url("projects:edit", project), edit_data(project, purpose="Make the drop-in welcoming.")
    )
    project.refresh_from_db()
    assert project.purpose == "Make the drop-in welcoming."
    facilitator_client.post(
        url("projects:edit", project),
        edit_data(project, purpose="Make the drop-in feel like ours."),
    )
    project.refresh_from_db()
    assert project.purpose == "Make the drop-in feel like ours."
    assert project.version == 3
    assert ProjectRevision.objects.filter(project=project).count() == 3

    history = co_producer_client.get(url("projects:history", project))
    text = plain(history)
    assert history.status_code == 200
    assert "Make the drop-in welcoming." in text
    assert "Make the drop-in feel like ours." in text
    assert "Written by Cora Coproducer" in text
    assert "Written by Fran Facilitator" in text
    # Newest first: the current wording comes before the earlier one.
    assert text.index("feel like ours") < text.index("welcoming")

    home = co_producer_client.get(url("projects:home", project))
    assert "Cora Coproducer changed the project's aims" in " ".join(activity_lines(home))


def test_a_bad_edit_gets_a_message_and_saves_nothing(co_producer_client, project):
    response = co_producer_client.post(
        url("projects:edit", project), edit_data(project, name="  ", purpose="New words")
    )
    assert response.status_code == 400
    assert_field_error(response, "id_name", "Enter a name for the project.")
    project.refresh_from_db()
    assert project.name == "Better drop-in"
    assert project.purpose == ""
    assert project.version == 1
    assert ProjectRevision.objects.filter(project=project).count() == 1


def test_a_rejected_edit_does_not_show_its_unsaved_name_as_the_projects(
    co_producer_client, project
):
    response = co_producer_client.post(
        url("projects:edit", project), edit_data(project, name="Renamed", purpose="p" * 5001)
    )
    assert response.status_code == 400
    # The project's navigation still gives the saved name; the new one is only in the form.
    nav = text_of(response, "main").split("Project home")[0]
    assert "Better drop-in" in nav
    assert "Renamed" not in nav
    assert response.context["form"]["name"].value() == "Renamed"
    project.refresh_from_db()
    assert project.name == "Better drop-in"


def test_html_in_the_aims_is_escaped_on_the_history_page(co_producer_client, project):
    co_producer_client.post(url("projects:edit", project), edit_data(project, decisions=SCRIPT))
    html = co_producer_client.get(url("projects:history", project)).content.decode()
    assert "<script>alert" not in html
    assert ESCAPED_SCRIPT in html


def test_a_stale_edit_does_not_overwrite_the_newer_wording(
    co_producer_client, facilitator_client, project
):
    # Both open the form on the same version.
    form_version = co_producer_client.get(url("projects:edit", project)).context["form"]["version"]
    assert form_version.value() == 1
    facilitator_client.post(
        url("projects:edit", project), edit_data(project, version=1, outcomes="Fran's outcomes")
    )

    response = co_producer_client.post(
        url("projects:edit", project), edit_data(project, version=1, outcomes="Cora's outcomes")
    )

    assert response.status_code == 409
    text = plain(response)
    assert "Someone else changed this while you were writing" in text
    # Both wordings are on the page: the newer one in the message, hers in the form.
    assert "Fran's outcomes" in text
    form = response.context["form"]
    assert form["outcomes"].value() == "Cora's outcomes"
    assert "Cora&#x27;s outcomes</textarea>" in response.content.decode()
    project.refresh_from_db()
    assert project.outcomes == "Fran's outcomes"
    assert ProjectRevision.objects.filter(project=project).count() == 2

    # Having seen both, she saves again and her words are kept as a new version.
    again = co_producer_client.post(url("projects:edit", project), form.data)
    assert again.status_code == 302
    project.refresh_from_db()
    assert project.outcomes == "Cora's outcomes"
    assert project.version == 3


# -- members and roles -------------------------------------------------------


def test_the_members_page_shows_names_and_roles_but_no_email_addresses(
    co_producer_client, facilitator_client, project
):
    for client in [co_producer_client, facilitator_client]:
        response = client.get(url("projects:members", project))
        assert response.status_code == 200
        text = plain(response)
        assert "Fran Facilitator" in text
        assert "Cora Coproducer" in text
        assert "Facilitator" in text
        assert "Co-producer" in text
        html = response.content.decode()
        for email in ["fran@example.org", "cora@example.org"]:
            assert email not in html


def test_there_is_no_job_title_anywhere(co_producer_client, project):
    # Everyone is equal: a member is their name, nothing more.
    field_names = {field.name for field in User._meta.get_fields()}
    assert not {"title", "job_title", "position", "organisation", "organization"} & field_names
    html = co_producer_client.get(url("projects:members", project)).content.decode().lower()
    assert "job title" not in html


def test_co_producers_see_no_role_controls(co_producer_client, project):
    response = co_producer_client.get(url("projects:members", project))
    text = plain(response)
    assert "Change role" not in text
    assert "Remove" not in text
    assert "/role/" not in response.content.decode()
    assert "Leave this project" in text


def test_a_facilitator_makes_someone_a_facilitator_and_can_then_step_down(
    facilitator_client, project, facilitator, co_producer
):
    cora = Membership.objects.get(project=project, user=co_producer)
    response = facilitator_client.post(
        url("projects:member_role", project, membership_id=cora.pk),
        {"role": "facilitator"},
        follow=True,
    )
    assert "Cora Coproducer is now a facilitator." in plain(response)
    cora.refresh_from_db()
    assert cora.is_facilitator

    fran = Membership.objects.get(project=project, user=facilitator)
    facilitator_client.post(
        url("projects:member_role", project, membership_id=fran.pk), {"role": "co_producer"}
    )
    fran.refresh_from_db()
    assert fran.role == Membership.Role.CO_PRODUCER
    # Now a co-producer, Fran can no longer change roles.
    refused = facilitator_client.post(
        url("projects:member_role", project, membership_id=cora.pk), {"role": "co_producer"}
    )
    assert refused.status_code == 403


def test_the_last_facilitator_cannot_step_down(facilitator_client, project, facilitator):
    fran = Membership.objects.get(project=project, user=facilitator)
    response = facilitator_client.post(
        url("projects:member_role", project, membership_id=fran.pk),
        {"role": "co_producer"},
        follow=True,
    )
    assert "A project needs at least one facilitator" in plain(response)
    fran.refresh_from_db()
    assert fran.is_facilitator


def test_a_made_up_role_gets_a_message_and_changes_nothing(
    facilitator_client, project, co_producer
):
    cora = Membership.objects.get(project=project, user=co_producer)
    response = facilitator_client.post(
        url("projects:member_role", project, membership_id=cora.pk), {"role": "owner"}, follow=True
    )
    assert "Choose facilitator or co-producer." in plain(response)
    cora.refresh_from_db()
    assert cora.role == Membership.Role.CO_PRODUCER


def test_a_co_producer_cannot_change_roles_or_remove_people(
    co_producer_client, project, facilitator, co_producer
):
    fran = Membership.objects.get(project=project, user=facilitator)
    assert (
        co_producer_client.post(
            url("projects:member_role", project, membership_id=fran.pk), {"role": "co_producer"}
        ).status_code
        == 403
    )
    cora = Membership.objects.get(project=project, user=co_producer)
    assert (
        co_producer_client.post(
            url("projects:member_role", project, membership_id=cora.pk), {"role": "facilitator"}
        ).status_code
        == 403
    )
    assert (
        co_producer_client.post(
            url("projects:member_remove", project, membership_id=fran.pk)
        ).status_code
        == 403
    )
    fran.refresh_from_db()
    cora.refresh_from_db()
    assert fran.is_facilitator
    assert not cora.is_facilitator


def test_the_last_facilitator_cannot_leave(facilitator_client, project, facilitator):
    response = facilitator_client.post(url("projects:leave", project))
    assert response.status_code == 400
    text = plain(response)
    assert PROBLEM in text
    assert "You are the only facilitator" in text
    assert Membership.objects.filter(project=project, user=facilitator).exists()


def test_a_co_producer_can_leave_and_what_they_added_stays(
    co_producer_client, facilitator_client, project, co_producer
):
    ground_rule_add(project=project, author=co_producer, text="Phones on silent.")
    page = co_producer_client.get(url("projects:leave", project))
    assert "Everything you added stays" in plain(page)

    response = co_producer_client.post(url("projects:leave", project), follow=True)

    assert response.redirect_chain[-1][0] == url("projects:list")
    assert "You have left Better drop-in" in plain(response)
    assert not Membership.objects.filter(project=project, user=co_producer).exists()
    assert co_producer_client.get(url("projects:home", project)).status_code == 404
    lines = " ".join(activity_lines(facilitator_client.get(url("projects:home", project))))
    assert "Cora Coproducer left the project" in lines
    assert "Cora Coproducer added a ground rule" in lines
    assert GroundRule.objects.filter(project=project, text="Phones on silent.").exists()


def test_a_facilitator_removes_a_member_whose_words_stay_under_their_name(
    facilitator_client, project, co_producer
):
    ground_rule_add(project=project, author=co_producer, text="Phones on silent.")
    cora = Membership.objects.get(project=project, user=co_producer)
    confirm = facilitator_client.get(url("projects:member_remove", project, membership_id=cora.pk))
    assert "Remove Cora Coproducer from the project?" in plain(confirm)
    assert Membership.objects.filter(pk=cora.pk).exists()

    response = facilitator_client.post(
        url("projects:member_remove", project, membership_id=cora.pk), follow=True
    )

    assert "Cora Coproducer has been removed from the project" in plain(response)
    assert not Membership.objects.filter(pk=cora.pk).exists()
    assert "Cora Coproducer" not in text_of(response, "main").split("removed")[-1]
    lines = " ".join(activity_lines(facilitator_client.get(url("projects:home", project))))
    assert "Cora Coproducer added a ground rule" in lines
    assert "Fran Facilitator removed a member" in lines


def test_removing_yourself_goes_to_the_leave_page(facilitator_client, project, facilitator):
    fran = Membership.objects.get(project=project, user=facilitator)
    response = facilitator_client.post(
        url("projects:member_remove", project, membership_id=fran.pk)
    )
    assert response["Location"] == url("projects:leave", project)
    assert Membership.objects.filter(pk=fran.pk).exists()


def test_member_views_refuse_other_methods(facilitator_client, project, co_producer):
    cora = Membership.objects.get(project=project, user=co_producer)
    assert facilitator_client.post(url("projects:members", project)).status_code == 405
    assert (
        facilitator_client.get(
            url("projects:member_role", project, membership_id=cora.pk)
        ).status_code
        == 405
    )
    assert (
        facilitator_client.delete(
            url("projects:member_remove", project, membership_id=cora.pk)
        ).status_code
        == 405
    )
    assert facilitator_client.delete(url("projects:leave", project)).status_code == 405


# -- the project home ----------------------------------------------------------


def test_the_home_page_shows_aims_stages_members_rules_and_activity(
    co_producer_client, project, facilitator, co_producer
):
    project_update_description(
        project=project,
        editor=facilitator,
        base_version=1,
        name=project.name,
        purpose="A drop-in people want to come back to.",
        out_of_scope="The building's opening hours.",
        outcomes="",
        decisions="",
        tracking="",
    )
    ground_rule_add(project=project, author=co_producer, text="We listen to each other.")

    response = co_producer_client.get(url("projects:home", project))

    assert response.status_code == 200
    text = plain(response)
    assert "A drop-in people want to come back to." in text
    assert "The building's opening hours." in text
    assert "Not written yet." in text
    for stage in ["Planning", "Process", "Completing, sharing, celebrating", "Review"]:
        assert stage in text
    assert "Fran Facilitator" in text and "Cora Coproducer" in text
    assert "We listen to each other." in text
    lines = activity_lines(response)
    assert any(line.startswith("Cora Coproducer added a ground rule") for line in lines)
    assert any(line.startswith("Fran Facilitator changed the project's aims") for line in lines)
    assert any(line.startswith("Fran Facilitator created the project") for line in lines)


def test_home_marks_what_is_new_since_your_last_visit(
    co_producer_client, facilitator_client, project
):
    co_producer_client.get(url("projects:home", project))
    facilitator_client.post(url("rules:rules", project), {"text": "Tea first."})

    lines = activity_lines(co_producer_client.get(url("projects:home", project)))

    new = [line for line in lines if line.startswith("New ")]
    assert len(new) == 1
    assert new[0].startswith("New Fran Facilitator added a ground rule")
    assert any(line.startswith("Fran Facilitator created the project") for line in lines)

    # Having seen it, it is no longer new.
    lines = activity_lines(co_producer_client.get(url("projects:home", project)))
    assert not [line for line in lines if line.startswith("New ")]


def test_your_own_actions_are_not_marked_new(co_producer_client, project):
    co_producer_client.get(url("projects:home", project))
    co_producer_client.post(url("rules:rules", project), {"text": "Tea first."})
    lines = activity_lines(co_producer_client.get(url("projects:home", project)))
    assert not [line for line in lines if line.startswith("New ")]


def test_home_needs_sign_in_and_membership(client, outsider_client, project):
    path = url("projects:home", project)
    assert_needs_sign_in(client.get(path), path)
    assert outsider_client.get(path).status_code == 404
    assert outsider_client.get(url("projects:home", project_id=project.pk + 999)).status_code == 404


def test_facilitator_links_are_shown_only_to_facilitators(
    co_producer_client, facilitator_client, project
):
    assert "Invite people" not in plain(co_producer_client.get(url("projects:home", project)))
    assert "Invite people" in plain(facilitator_client.get(url("projects:home", project)))


# -- your projects -----------------------------------------------------------


def test_your_projects_needs_sign_in(client):
    assert_needs_sign_in(client.get(url("projects:list")), url("projects:list"))


def test_your_projects_lists_each_with_your_role_and_last_activity(co_producer_client, co_producer):
    other = make_project(co_producer, name="Carers' café")
    response = co_producer_client.get(url("projects:list"))
    text = plain(response)
    assert "Better drop-in" in text
    assert "Carers' café" in text
    assert text.count("Last activity") == 2
    drop_in = text[text.index("Better drop-in") :]
    assert "Your role: Co-producer" in drop_in.split("Last activity")[0]
    cafe = text[text.index("Carers' café") :]
    assert "Your role: Facilitator" in cafe.split("Last activity")[0]
    assert f'href="{url("projects:home", other)}"' in response.content.decode()
    assert "Start a new project" in text


def test_your_projects_shows_only_your_own(outsider_client, project):
    text = plain(outsider_client.get(url("projects:list")))
    assert "Better drop-in" not in text
    assert "You are not in any projects yet" in text
    assert "Start a new project" in text


def test_your_projects_puts_the_most_recent_first_and_archived_last(
    facilitator_client, facilitator, project
):
    older = make_project(facilitator, name="Older group")
    archived = make_project(facilitator, name="Finished group")
    Project.objects.filter(pk=older.pk).update(last_activity_at=timezone.now() - timedelta(days=30))
    Project.objects.filter(pk=project.pk).update(
        last_activity_at=timezone.now() - timedelta(days=1)
    )
    Project.objects.filter(pk=archived.pk).update(archived_at=timezone.now())

    text = plain(facilitator_client.get(url("projects:list")))

    order = [text.index(name) for name in ["Better drop-in", "Older group", "Finished group"]]
    assert order == sorted(order)
    assert "Archived" in text[text.index("Finished group") :]


# -- settings ------------------------------------------------------------------


def test_settings_are_for_facilitators_only(client, outsider_client, co_producer_client, project):
    path = url("projects:settings", project)
    data = {"allow_anonymous": "on", "completed": "on", "archived": "on"}
    assert_needs_sign_in(client.post(path, data), path)
    assert outsider_client.post(path, data).status_code == 404
    refused = co_producer_client.post(path, data)
    assert refused.status_code == 403
    assert "Only the project's facilitators can do this." in plain(refused)
    assert co_producer_client.delete(path).status_code == 405
    project.refresh_from_db()
    assert not project.allow_anonymous
    assert not project.is_completed
    assert not project.is_archived


def test_anonymous_contributions_are_off_until_a_facilitator_allows_them(
    facilitator_client, project
):
    assert not project.allow_anonymous
    page = facilitator_client.get(url("projects:settings", project))
    assert not page.context["form"]["allow_anonymous"].value()

    facilitator_client.post(
        url("projects:settings", project), {"allow_anonymous": "on", "version": 1}
    )

    project.refresh_from_db()
    assert project.allow_anonymous
    assert not project.is_completed
    assert not project.is_archived


def test_a_facilitator_marks_the_project_completed_and_archived(
    facilitator_client, co_producer_client, project
):
    response = facilitator_client.post(
        url("projects:settings", project),
        {"completed": "on", "archived": "on", "version": 1},
        follow=True,
    )
    assert "The project's settings have been saved." in plain(response)
    project.refresh_from_db()
    assert project.is_completed
    assert project.is_archived
    assert "This project is archived." in plain(
        co_producer_client.get(url("projects:home", project))
    )
    assert "Archived" in plain(co_producer_client.get(url("projects:list")))

    # Unticking every box (the browser sends no fields at all) undoes all three.
    facilitator_client.post(url("projects:settings", project), {"version": 2})
    project.refresh_from_db()
    assert not project.is_completed
    assert not project.is_archived
    assert not project.allow_anonymous


def test_completing_keeps_its_date_when_saved_again(facilitator_client, project):
    facilitator_client.post(url("projects:settings", project), {"completed": "on", "version": 1})
    project.refresh_from_db()
    first = project.completed_at
    facilitator_client.post(
        url("projects:settings", project),
        {"completed": "on", "allow_anonymous": "on", "version": 2},
    )
    project.refresh_from_db()
    assert project.completed_at == first
    assert "completed" in plain(facilitator_client.get(url("projects:home", project)))


# -- queries do not grow with the group ---------------------------------------


def grow(project: Project, size: int) -> None:
    """Give the project ``size`` members and ``size`` rules, each agreed by every member."""
    users = [make_user(f"Member {n}", f"member{n}.{project.pk}@example.org") for n in range(size)]
    for user in users:
        add_member(project, user)
    rules = [
        ground_rule_add(project=project, author=users[n], text=f"Rule {n}") for n in range(size)
    ]
    Agreement.objects.bulk_create(Agreement(rule=r, user=u) for r in rules for u in users)


@pytest.mark.parametrize("page", ["home", "members", "rules:rules"])
def test_the_number_of_queries_does_not_grow_with_the_group(facilitator, page):
    """A group of 30 costs no more queries than a group of 3.

    Groups differ a lot in size, and the pages people open most (home, members,
    rules) list every member, every rule and who agreed to each. A query per
    row (an N+1) would make a big group's pages slow on the old phones and slow
    connections the app has to work on, so the count must stay the same.
    """
    small = make_project(facilitator, name="Small group")
    big = make_project(facilitator, name="Big group")
    grow(small, 3)
    grow(big, 30)
    client = sign_in(facilitator)
    # Visit each once first, so "last seen" is set for both and the pages do the same work.
    client.get(url("projects:home", small))
    client.get(url("projects:home", big))

    name = page if ":" in page else f"projects:{page}"
    few = queries_for(client, url(name, small))
    many = queries_for(client, url(name, big))

    assert few == many, f"{page}: {few} queries for 3 members and rules, {many} for 30"
    big_page = plain(client.get(url(name, big)))
    assert "Member 29" in big_page


def test_the_revision_for_polls_costs_one_query_and_hides_projects_from_outsiders(
    rf, project, co_producer, outsider, django_assert_num_queries
):
    from django.http import Http404

    from projects.access import get_revision_for_user
    from projects.activity import record_activity

    request = rf.get("/")
    request.user = co_producer
    with django_assert_num_queries(1):
        before = get_revision_for_user(request, project.pk)
    record_activity(project=project, actor=co_producer, kind="edited")
    assert get_revision_for_user(request, project.pk) == before + 1
    request.user = outsider
    with pytest.raises(Http404):
        get_revision_for_user(request, project.pk)


def test_recent_activity_says_just_now_and_then_how_long_ago(co_producer_client, project):
    from datetime import timedelta

    from django.utils import timezone

    home = reverse("projects:home", args=[project.pk])
    page = co_producer_client.get(home).content.decode()
    assert "just now" in page and "0 minutes" not in page
    Activity.objects.filter(project=project).update(created_at=timezone.now() - timedelta(hours=3))
    page = co_producer_client.get(home).content.decode()
    assert "3\xa0hours ago" in page and "just now" not in page


def test_the_project_navigation_leads_to_the_stages(co_producer_client, project):
    page = co_producer_client.get(reverse("projects:members", args=[project.pk])).content.decode()
    stages = reverse("marks:stages_panel", args=[project.pk])
    assert f'<a href="{stages}">Stages and marks</a>' in page


def test_the_settings_page_leads_to_the_scoring_settings(facilitator_client, project):
    page = facilitator_client.get(reverse("projects:settings", args=[project.pk])).content.decode()
    assert f'href="{reverse("scoring:scoring_settings", args=[project.pk])}"' in page


# -- settings saved by someone else meanwhile -------------------------------------


def test_a_settings_page_opened_before_the_project_was_completed_doesnt_reopen_it(
    facilitator, facilitator_client, project
):
    second = make_user("Gale Facilitator", "gale@example.org")
    add_member(project, second, role=Membership.Role.FACILITATOR)
    stale = (
        facilitator_client.get(url("projects:settings", project)).context["form"]["version"].value()
    )
    sign_in(second).post(url("projects:settings", project), {"completed": "on", "version": stale})
    project.refresh_from_db()
    assert project.is_completed

    # The page opened earlier, with "completed" unticked, is saved with allow_anonymous.
    response = facilitator_client.post(
        url("projects:settings", project), {"allow_anonymous": "on", "version": stale}
    )

    assert response.status_code == 409
    project.refresh_from_db()
    assert project.is_completed
    assert not project.allow_anonymous
    page = plain(response)
    assert "Someone else changed the settings while you had them open" in page
    assert "Your version" in page and "The newer version" in page
    # The person's choices are kept in the form, with the newer version to send again.
    form = response.context["form"]
    assert form["allow_anonymous"].value() is True
    assert form["completed"].value() is False
    assert form["version"].value() == stale + 1
    resent = facilitator_client.post(
        url("projects:settings", project), {"allow_anonymous": "on", "version": stale + 1}
    )
    assert resent.status_code == 302
    project.refresh_from_db()
    assert project.allow_anonymous and not project.is_completed
