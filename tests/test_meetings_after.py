"""After a meeting: the gentle check-out, the support contacts, the notes and the record,
and the change notice when where and how changes.

A check-out is private: a facilitator learns only how many asked to talk, and who, only
when that person chose to say. The words never reach any page, email or file but the
person's own.
"""

import re
from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from marks.models import ScoringRound
from meetings import services
from meetings.after import services as after_services
from meetings.emails import send_check_out, send_meeting_changed
from meetings.models import (
    Attendance,
    CheckOut,
    Delivery,
    Meeting,
    MeetingNotes,
    SupportContact,
)
from meetings.times import aware
from projects.models import Activity

from .factories import add_member, make_postit, make_user, marks_of
from .pages import count_queries, plain, sign_in, without_tags

SECRET = "my cat died this morning and I held it together"


def _meeting(project, proposer, title="Looking at the welcome desk") -> Meeting:
    day = (timezone.now() + timedelta(days=3)).date()
    start = aware(day, time(14, 0), project.time_zone)
    meeting = services.meeting_propose(
        project=project,
        proposer=proposer,
        title=title,
        times=[
            (start, start + timedelta(hours=2)),
            (start + timedelta(days=1), start + timedelta(days=1, hours=2)),
        ],
    )
    return services.meeting_choose(meeting=meeting, option=meeting.options.first(), actor=proposer)


@pytest.fixture
def meeting(project, facilitator, co_producer) -> Meeting:
    meeting = _meeting(project, facilitator)
    services.attendance_set(meeting=meeting, member=facilitator, status="in_person")
    services.attendance_set(meeting=meeting, member=co_producer, status="online")
    return meeting


@pytest.fixture
def ended(meeting, facilitator) -> Meeting:
    return services.meeting_end(meeting=meeting, actor=facilitator)


def m_url(name: str, meeting: Meeting) -> str:
    if name == "meeting":
        return reverse("meetings:meeting", args=[meeting.project_id, meeting.pk])
    return reverse(f"after:{name}", args=[meeting.project_id, meeting.pk])


def check_out_data(feeling="", words="", share_name=False) -> dict:
    data = {"checkout-feeling": feeling, "checkout-words": words}
    if share_name:
        data["checkout-share_name"] = "on"
    return data


# -- the check-out -------------------------------------------------------------------


def test_someone_who_came_sees_the_check_out_once_the_meeting_has_ended(
    co_producer_client, meeting, facilitator
):
    page = plain(co_producer_client.get(m_url("meeting", meeting)))
    assert "How are you after today?" not in page
    services.meeting_end(meeting=meeting, actor=facilitator)
    response = co_producer_client.get(m_url("meeting", meeting))
    assert 'id="check-out-form"' in response.content.decode()
    assert "I'd like to talk to someone" in plain(response)


def test_a_member_who_did_not_come_is_not_asked(project, ended, facilitator):
    away = make_user("Ash Away")
    add_member(project, away)
    services.attendance_set(meeting=ended, member=away, status="not_coming")
    client = sign_in(away)
    html = client.get(m_url("meeting", ended)).content.decode()
    assert 'id="check-out-form"' not in html
    response = client.post(m_url("check_out", ended), check_out_data("fine"))
    assert response.status_code == 400
    assert "for people who came" in plain(response)
    assert not CheckOut.objects.exists()


def test_a_person_answers_changes_and_removes_their_check_out(
    co_producer_client, ended, co_producer
):
    response = co_producer_client.post(
        m_url("check_out", ended), check_out_data("tired", "Long day")
    )
    assert response.status_code == 302
    mine = CheckOut.objects.get(user=co_producer)
    assert (mine.feeling, mine.words) == ("tired", "Long day")
    # Sent again (another tab, a second press): the same row, changed.
    co_producer_client.post(m_url("check_out", ended), check_out_data("fine"))
    assert CheckOut.objects.count() == 1
    assert CheckOut.objects.get(user=co_producer).feeling == "fine"
    page = co_producer_client.get(m_url("meeting", ended)).content.decode()
    assert 'id="remove-check-out"' in page
    response = co_producer_client.post(m_url("check_out_remove", ended))
    assert response.status_code == 302
    assert not CheckOut.objects.exists()


def test_an_empty_check_out_or_a_name_without_asking_to_talk_is_refused(co_producer_client, ended):
    response = co_producer_client.post(m_url("check_out", ended), check_out_data())
    assert response.status_code == 400
    assert "Choose an answer or write a few words" in plain(response)
    response = co_producer_client.post(
        m_url("check_out", ended), check_out_data("fine", share_name=True)
    )
    assert response.status_code == 400
    assert "only for asking to talk" in plain(response)
    response = co_producer_client.post(m_url("check_out", ended), check_out_data("fine", "x" * 501))
    assert response.status_code == 400
    assert "500 characters or fewer" in plain(response)
    response = co_producer_client.post(m_url("check_out", ended), check_out_data("sad-ish"))
    assert response.status_code == 400
    assert not CheckOut.objects.exists()


def _answer(user, meeting, **kwargs):
    return after_services.check_out_save(meeting=meeting, member=user, **kwargs)


def test_a_facilitator_sees_only_how_many_asked_to_talk_and_the_names_given(
    project, ended, facilitator, co_producer, facilitator_client
):
    bea = make_user("Bea Brave")
    add_member(project, bea)
    Attendance.objects.create(meeting=ended, user=bea, status="in_person")
    _answer(co_producer, ended, feeling="talk", words=SECRET, share_name=False)
    _answer(bea, ended, feeling="talk", words="", share_name=True)
    response = facilitator_client.get(m_url("meeting", ended))
    text = without_tags(response.content.decode())
    assert "2 people asked to talk to someone." in text
    assert "They chose to give their name: Bea Brave" in text
    # Cora asked without giving her name: her name is on the page only in "Who came".
    names = response.content.decode().split('id="talk-summary"')[1].split("</section>")[0]
    assert "Cora" not in names
    assert SECRET not in text


def test_nobody_else_ever_reads_a_check_out(
    project, ended, facilitator, co_producer, facilitator_client, co_producer_client
):
    """The words and the choice appear on no page for anyone but their person: not the
    meeting page, the home, the activity, the report or the project file."""
    _answer(facilitator, ended, feeling="upset", words=SECRET, share_name=False)
    pages = [
        m_url("meeting", ended),
        reverse("projects:home", args=[project.pk]),
        reverse("meetings:meetings", args=[project.pk]),
        reverse("report:report", args=[project.pk]),
        reverse("after:contacts", args=[project.pk]),
    ]
    for path in pages:
        response = co_producer_client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert SECRET not in without_tags(html) and SECRET not in html, path
        # Cora's own form starts empty: nothing of Fran's answer is chosen in it.
        assert not re.search(r'name="checkout-feeling"[^>]*checked', html), path
    export = co_producer_client.get(reverse("portability:export", args=[project.pk]))
    assert SECRET not in export.content.decode()
    assert not Activity.objects.filter(detail__contains=SECRET).exists()
    # Its person sees their own answer.
    own = facilitator_client.get(m_url("check_out", ended))
    assert SECRET in own.content.decode()


def test_the_check_out_writes_no_activity_line(co_producer_client, ended):
    before = Activity.objects.count()
    co_producer_client.post(m_url("check_out", ended), check_out_data("talk", share_name=True))
    assert Activity.objects.count() == before


def test_the_project_home_offers_the_check_out_until_it_is_answered(
    co_producer_client, ended, co_producer, project
):
    home = reverse("projects:home", args=[project.pk])
    assert 'id="home-check-out"' in co_producer_client.get(home).content.decode()
    _answer(co_producer, ended, feeling="fine", words="", share_name=False)
    assert 'id="home-check-out"' not in co_producer_client.get(home).content.decode()


def test_the_check_out_email_goes_once_to_those_who_came_and_chose_email(
    project, meeting, facilitator, co_producer, mailoutbox, django_capture_on_commit_callbacks
):
    away = make_user("Ash Away", "ash@example.org")
    add_member(project, away)
    services.attendance_set(meeting=meeting, member=away, status="not_coming")
    for person in (co_producer, away):
        services.email_choice_set(project=project, user=person, email=True)
    SupportContact.objects.create(project=project, name="Listening line", reach="0800 123 456")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_end(meeting=meeting, actor=facilitator)
    assert [m.to for m in mailoutbox] == [["cora@example.org"]]
    message = mailoutbox[0]
    assert "Better drop-in" in message.subject and "how are you" in message.subject
    assert "Listening line: 0800 123 456" in message.body
    assert m_url("check_out", meeting) in message.body
    assert send_check_out.call(meeting_id=meeting.pk) == 0
    assert len(mailoutbox) == 1
    assert Delivery.objects.filter(kind="check_out").count() == 1


# -- the change notice ---------------------------------------------------------------


def test_a_change_of_where_and_how_is_told_once_per_change(
    project, meeting, facilitator, co_producer, mailoutbox, django_capture_on_commit_callbacks
):
    services.email_choice_set(project=project, user=co_producer, email=True)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_set_place(
            meeting=meeting, actor=facilitator, in_person=True, address="12 Station Road"
        )
    meeting.refresh_from_db()
    assert [m.to for m in mailoutbox] == [["cora@example.org"]]
    first = mailoutbox[0]
    assert "Better drop-in" in first.subject and "has changed" in first.subject
    assert "Address" in first.body and "In a place" in first.body
    assert f"SEQUENCE:{meeting.sequence}" in first.attachments[0][1]
    # The same change again: nothing more.
    assert (
        send_meeting_changed.call(
            meeting_id=meeting.pk, sequence=meeting.sequence, changed=["address"]
        )
        == 0
    )
    # A second change is a second notice; saving with nothing changed sends none.
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_set_place(meeting=meeting, actor=facilitator, address="14 Station Road")
        services.meeting_set_place(meeting=meeting, actor=facilitator, address="14 Station Road")
    assert len(mailoutbox) == 2
    assert Delivery.objects.filter(kind="changed").count() == 2


def test_no_change_notice_while_the_time_is_being_found(
    project, facilitator, co_producer, mailoutbox, django_capture_on_commit_callbacks
):
    services.email_choice_set(project=project, user=co_producer, email=True)
    day = (timezone.now() + timedelta(days=3)).date()
    start = aware(day, time(10, 0), project.time_zone)
    planned = services.meeting_propose(
        project=project,
        proposer=facilitator,
        title="Open",
        times=[
            (start, start + timedelta(hours=1)),
            (start + timedelta(hours=2), start + timedelta(hours=3)),
        ],
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_set_place(meeting=planned, actor=facilitator, online=True)
    assert mailoutbox == []


# -- support contacts ----------------------------------------------------------------


def test_a_facilitator_adds_and_removes_support_contacts_everyone_sees_them(
    project, facilitator_client, co_producer_client, ended
):
    path = reverse("after:contacts", args=[project.pk])
    response = facilitator_client.post(
        path,
        {
            "name": "Samaritans",
            "reach": "116 123",
            "offer": "someone to talk to outside the project",
        },
    )
    assert response.status_code == 302
    facilitator_client.post(path, {"name": "Wellbeing page", "reach": "https://example.org/help"})
    assert SupportContact.objects.count() == 2
    for page in (path, reverse("meetings:meetings", args=[project.pk]), m_url("meeting", ended)):
        text = plain(co_producer_client.get(page))
        assert "Samaritans" in text and "116 123" in text, page
        assert "https://example.org/help" in text, page
    assert co_producer_client.post(path, {"name": "X", "reach": "116 123"}).status_code == 403
    contact = SupportContact.objects.get(name="Samaritans")
    remove = reverse("after:contact_remove", args=[project.pk, contact.pk])
    assert co_producer_client.post(remove).status_code == 403
    assert facilitator_client.post(remove).status_code == 302
    assert not SupportContact.objects.filter(name="Samaritans").exists()


def test_a_support_contact_needs_a_name_and_a_phone_number_or_web_link(project, facilitator_client):
    path = reverse("after:contacts", args=[project.pk])
    response = facilitator_client.post(path, {"name": " ", "reach": "call me maybe"})
    assert response.status_code == 400
    text = plain(response)
    assert "Write who people can contact." in text
    assert "Write a phone number" in text
    response = facilitator_client.post(path, {"name": "Bad", "reach": "javascript:alert(1)"})
    assert response.status_code == 400
    assert not SupportContact.objects.exists()


def test_the_support_list_has_a_limit(project, facilitator_client):
    for n in range(12):
        SupportContact.objects.create(project=project, name=f"C{n}", reach="0800 000 000")
    path = reverse("after:contacts", args=[project.pk])
    response = facilitator_client.post(path, {"name": "One more", "reach": "0800 111 111"})
    assert response.status_code == 400
    assert "The list is full" in plain(response)
    assert SupportContact.objects.count() == 12


# -- the notes and the record --------------------------------------------------------


def test_any_member_adds_notes_and_changes_them_with_history(
    co_producer_client, facilitator_client, ended, co_producer, facilitator
):
    path = m_url("notes_edit", ended)
    assert co_producer_client.get(path).status_code == 200
    response = co_producer_client.post(path, {"text": "We agreed a new sign.", "version": "0"})
    assert response.status_code == 302
    notes = MeetingNotes.objects.get(meeting=ended)
    assert notes.version == 1
    response = facilitator_client.post(
        path, {"text": "We agreed a new sign by the door.", "version": "1"}
    )
    assert response.status_code == 302
    notes.refresh_from_db()
    assert (notes.version, notes.text) == (2, "We agreed a new sign by the door.")
    history = plain(co_producer_client.get(m_url("notes_history", ended)))
    assert "We agreed a new sign." in history and "Fran Facilitator" in history
    assert "Cora Coproducer" in history
    page = plain(co_producer_client.get(m_url("meeting", ended)))
    assert "We agreed a new sign by the door." in page
    kinds = list(
        Activity.objects.filter(kind__startswith="meeting_notes").values_list("kind", flat=True)
    )
    assert sorted(kinds) == ["meeting_notes_added", "meeting_notes_edited"]


def test_a_stale_edit_of_the_notes_keeps_both_wordings(
    co_producer_client, facilitator_client, ended
):
    path = m_url("notes_edit", ended)
    co_producer_client.post(path, {"text": "First words.", "version": "0"})
    facilitator_client.post(path, {"text": "Fran's words.", "version": "1"})
    response = co_producer_client.post(path, {"text": "Cora's words.", "version": "1"})
    assert response.status_code == 409
    text = plain(response)
    assert "Cora's words." in text and "Fran's words." in text
    assert MeetingNotes.objects.get(meeting=ended).text == "Fran's words."


def test_two_first_notes_at_once_do_not_lose_the_second(
    co_producer_client, facilitator_client, ended
):
    path = m_url("notes_edit", ended)
    co_producer_client.post(path, {"text": "Cora first.", "version": "0"})
    response = facilitator_client.post(path, {"text": "Fran also first.", "version": "0"})
    assert response.status_code == 409
    text = plain(response)
    assert "Fran also first." in text and "Cora first." in text
    assert MeetingNotes.objects.count() == 1


def test_notes_that_are_empty_or_too_long_are_refused(co_producer_client, ended):
    path = m_url("notes_edit", ended)
    assert co_producer_client.post(path, {"text": "  ", "version": "0"}).status_code == 400
    response = co_producer_client.post(path, {"text": "x" * 10001, "version": "0"})
    assert response.status_code == 400
    assert "10,000 characters at most" in plain(response)
    assert not MeetingNotes.objects.exists()


def test_the_notes_mark_glossary_terms_and_hint_at_words_to_avoid(
    co_producer_client, ended, project
):
    from words.models import AvoidWord, Term

    Term.objects.create(project=project, term="drop-in", meaning="Our open session.")
    AvoidWord.objects.create(project=project, word="service users", instead="people")
    path = m_url("notes_edit", ended)
    co_producer_client.post(path, {"text": "The drop-in sign is hard to read.", "version": "0"})
    html = co_producer_client.get(m_url("meeting", ended)).content.decode()
    notes = html.split('id="meeting-notes-text"')[1].split("</div>")[0]
    assert '<a class="term"' in notes
    # Sent back with an error, the box says which word the group would rather not use.
    response = co_producer_client.post(
        path, {"text": "service users " + "x" * 10000, "version": "1"}
    )
    assert response.status_code == 400
    assert "we'd rather say “people”" in plain(response)


def test_notes_need_a_meeting_with_a_time(co_producer_client, project, facilitator):
    day = (timezone.now() + timedelta(days=3)).date()
    start = aware(day, time(10, 0), project.time_zone)
    planned = services.meeting_propose(
        project=project,
        proposer=facilitator,
        title="Open",
        times=[
            (start, start + timedelta(hours=1)),
            (start + timedelta(hours=2), start + timedelta(hours=3)),
        ],
    )
    assert co_producer_client.get(m_url("notes_edit", planned)).status_code == 404


def test_the_record_shows_who_came_and_what_was_scored_and_added_that_day(
    co_producer_client, meeting, project, facilitator, co_producer
):
    scored = marks_of(project)[0]
    untouched = marks_of(project)[1]
    postit = make_postit(project, co_producer, "A bigger sign")
    services.meeting_end(meeting=meeting, actor=facilitator)
    meeting.refresh_from_db()
    ScoringRound.objects.create(
        mark=scored,
        status="closed",
        revealed_at=meeting.ended_at,
        closed_at=meeting.ended_at,
        agreed_value=3,
    )
    # Moved to the meeting's day, as if written during it.
    from lake.models import PostIt

    PostIt.objects.filter(pk=postit.pk).update(
        created_at=meeting.chosen.starts_at + timedelta(minutes=5)
    )
    old = make_postit(project, co_producer, "Last year's idea")
    PostIt.objects.filter(pk=old.pk).update(
        created_at=meeting.chosen.starts_at - timedelta(days=30)
    )
    response = co_producer_client.get(m_url("meeting", meeting))
    html = response.content.decode()
    came = without_tags(html.split('id="who-came"')[1].split("</section>")[0])
    assert "Fran Facilitator" in came and "Cora Coproducer" in came
    day = without_tags(html.split('id="that-day"')[1].split("</section>")[0])
    assert scored.title in day and untouched.title not in day
    assert "A bigger sign" in day and "Last year's idea" not in day


def test_the_meeting_page_after_it_ended_costs_the_same_at_two_sizes(
    project, ended, facilitator, co_producer, facilitator_client
):
    """The record, the talk summary and the contacts are read in a fixed number of queries."""

    def grow(n: int) -> None:
        for i in range(n):
            person = make_user(f"Person {n}-{i}")
            add_member(project, person)
            Attendance.objects.create(meeting=ended, user=person, status="in_person")
            CheckOut.objects.create(
                meeting=ended, user=person, feeling="talk", share_name=bool(i % 2)
            )
            SupportContact.objects.create(
                project=project, name=f"Line {n}-{i}", reach="0800 000 000"
            )
            make_postit(project, person, f"Idea {n}-{i}")

    path = m_url("meeting", ended)
    grow(2)
    with count_queries() as small:
        assert facilitator_client.get(path).status_code == 200
    grow(6)
    with count_queries() as big:
        assert facilitator_client.get(path).status_code == 200
    assert len(big) == len(small)


# -- the whole-project lists ---------------------------------------------------------


def test_a_persons_data_holds_their_own_check_outs_and_notes_and_deleting_lets_go(
    co_producer_client, ended, co_producer, facilitator
):
    from sharing.people.services import account_delete, personal_data

    _answer(co_producer, ended, feeling="talk", words=SECRET, share_name=True)
    co_producer_client.post(m_url("notes_edit", ended), {"text": "Cora's notes.", "version": "0"})
    data = personal_data(co_producer)["meetings"]
    assert data["meeting_check_outs"][0]["words"] == SECRET
    assert data["meeting_check_outs"][0]["gave_my_name_to_talk"] is True
    assert data["meeting_notes_wordings"][0]["text"] == "Cora's notes."
    # Someone else's download holds nothing of it.
    assert SECRET not in str(personal_data(facilitator))
    account_delete(user=co_producer, remove=False, choices={})
    assert not CheckOut.objects.exists()
    notes = MeetingNotes.objects.get(meeting=ended)
    assert notes.text == "Cora's notes."
    assert str(notes.revisions.get().edited_by.display_name) == "A former member"


def test_removing_words_takes_notes_only_the_person_wrote(co_producer_client, ended, co_producer):
    from sharing.people.services import account_delete

    co_producer_client.post(m_url("notes_edit", ended), {"text": "Only Cora.", "version": "0"})
    other = _meeting(ended.project, ended.proposed_by, title="Another")
    shared = after_services.meeting_notes_save(
        meeting=other,
        item=MeetingNotes(meeting=other, version=0),
        editor=co_producer,
        base_version=0,
        text="Cora began.",
    )
    after_services.meeting_notes_save(
        meeting=other, item=shared, editor=ended.proposed_by, base_version=1, text="Fran added."
    )
    account_delete(user=co_producer, remove=True, choices={})
    # Notes only she wrote go; the group's notes stay, her wording unnamed.
    assert list(MeetingNotes.objects.values_list("text", flat=True)) == ["Fran added."]
    assert MeetingNotes.objects.get().revisions.get(version=1).edited_by is None


def test_the_project_file_carries_notes_history_and_contacts_but_no_check_outs(
    project, ended, facilitator, co_producer, co_producer_client
):
    import json

    from sharing.portability.document import export_project, import_project

    _answer(co_producer, ended, feeling="upset", words=SECRET, share_name=False)
    SupportContact.objects.create(
        project=project, name="Samaritans", reach="116 123", offer="Any time"
    )
    path = m_url("notes_edit", ended)
    co_producer_client.post(path, {"text": "First.", "version": "0"})
    co_producer_client.post(path, {"text": "Second.", "version": "1"})
    document = export_project(project)
    text = json.dumps(document)
    assert SECRET not in text and '"upset"' not in text
    section = document["meetings"]
    assert "not in this file" in section["check_outs"]
    assert [h["text"] for h in section["meeting_notes"][0]["history"]] == ["First.", "Second."]
    imported = import_project(json.loads(text), facilitator)
    meeting = Meeting.objects.get(project=imported)
    assert meeting.has_ended
    assert meeting.notes.text == "Second." and meeting.notes.version == 2
    assert list(meeting.notes.revisions.order_by("version").values_list("text", flat=True)) == [
        "First.",
        "Second.",
    ]
    assert SupportContact.objects.get(project=imported).offer == "Any time"
    assert not CheckOut.objects.filter(meeting=meeting).exists()
    again = export_project(imported)
    assert again["meetings"]["meeting_notes"][0]["history"][1]["text"] == "Second."


def test_a_file_from_before_notes_and_contacts_still_imports(project, ended, facilitator):
    from sharing.portability.document import export_project, import_project

    document = export_project(project)
    for key in ("meetings_ended", "meeting_notes", "support_contacts", "check_outs"):
        del document["meetings"][key]
    imported = import_project(document, facilitator)
    assert Meeting.objects.filter(project=imported).count() == 1
    assert not SupportContact.objects.filter(project=imported).exists()


def test_the_report_shows_each_ended_meeting_with_how_many_came_and_its_notes(
    project, ended, co_producer, co_producer_client
):
    _answer(co_producer, ended, feeling="talk", words=SECRET, share_name=True)
    co_producer_client.post(
        m_url("notes_edit", ended), {"text": "We chose a sign.", "version": "0"}
    )
    text = plain(co_producer_client.get(reverse("report:report", args=[project.pk])))
    assert "Looking at the welcome desk" in text
    assert "1 came in person, 1 joined online." in text
    assert "We chose a sign." in text
    assert SECRET not in text and "asked to talk" not in text


def test_the_certificate_counts_meetings_attended(project, ended, co_producer, meeting):
    from sharing.certificates.views import contributions

    lines = [text for _n, text in contributions(project=project, user=co_producer)]
    assert "Came to 1 meeting" in lines


def test_the_demo_has_a_past_meeting_with_notes_check_outs_and_support_contacts(db):
    from sharing.demo import demo_create

    project = demo_create()
    past = Meeting.objects.get(project=project, ended_at__isnull=False)
    assert past.notes.revisions.count() == 2
    assert past.attendances.filter(status__in=["in_person", "online"]).count() == 3
    assert CheckOut.objects.filter(meeting=past).count() == 2
    assert SupportContact.objects.filter(project=project).count() == 2


def test_the_home_and_the_check_out_page_cost_the_same_at_two_sizes(
    project, facilitator, co_producer, co_producer_client
):
    """The home's check-out panel is one query, and the check-out page a fixed few, however
    many meetings ended and how many contacts are listed."""

    def grow(n: int) -> Meeting:
        last = None
        for i in range(n):
            last = _meeting(project, facilitator, title=f"Meeting {n}-{i}")
            services.attendance_set(meeting=last, member=co_producer, status="online")
            services.meeting_end(meeting=last, actor=facilitator)
            SupportContact.objects.create(
                project=project, name=f"Line {n}-{i}", reach="0800 000 000"
            )
        return last

    home = reverse("projects:home", args=[project.pk])
    last = grow(1)
    with count_queries() as small_home:
        assert 'id="home-check-out"' in co_producer_client.get(home).content.decode()
    with count_queries() as small_page:
        assert co_producer_client.get(m_url("check_out", last)).status_code == 200
    last = grow(5)
    with count_queries() as big_home:
        assert 'id="home-check-out"' in co_producer_client.get(home).content.decode()
    with count_queries() as big_page:
        assert co_producer_client.get(m_url("check_out", last)).status_code == 200
    assert len(big_home) == len(small_home)
    assert len(big_page) == len(small_page)
