"""Meetings planned together: a time found together, where and how, coming or not,
the calendar file and the reminder the day before.

Times are stored in UTC and shown in the project's time zone (and the reader's own,
when it differs); a daylight-saving change is tested on both sides of it.
"""

from datetime import UTC, date, datetime, time, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone

from meetings import services
from meetings.emails import send_reminders
from meetings.models import (
    Answer,
    AnswerNote,
    Attendance,
    Delivery,
    EmailChoice,
    Meeting,
    MeetingOption,
    Thoughts,
)
from meetings.times import aware, span
from projects.models import Activity, Project

from .factories import add_member, make_project, make_user
from .pages import count_queries, without_tags

LONDON = ZoneInfo("Europe/London")


def in_days(days: int) -> date:
    return timezone.now().astimezone(LONDON).date() + timedelta(days=days)


def slot(days: int, hour: int = 14, minutes: int = 90) -> tuple[datetime, datetime]:
    start = aware(in_days(days), time(hour, 0), "Europe/London")
    return start, start + timedelta(minutes=minutes)


def propose(project, user, count: int = 3, title: str = "Planning the open day") -> Meeting:
    return services.meeting_propose(
        project=project,
        proposer=user,
        title=title,
        times=[slot(7 + n) for n in range(count)],
    )


@pytest.fixture
def meeting(project, facilitator) -> Meeting:
    return propose(project, facilitator)


def u(name: str, *args) -> str:
    return reverse(f"meetings:{name}", args=args)


def m_url(name: str, meeting: Meeting) -> str:
    return u(name, meeting.project_id, meeting.pk)


def times_data(rows: list[tuple[str, str, str]], total: int | None = None, **extra) -> dict:
    data = {
        "times-TOTAL_FORMS": str(total if total is not None else len(rows)),
        "times-INITIAL_FORMS": "0",
        "times-MIN_NUM_FORMS": "0",
        "times-MAX_NUM_FORMS": "30",
    }
    for n, (day, start, end) in enumerate(rows):
        data.update({f"times-{n}-day": day, f"times-{n}-start": start, f"times-{n}-end": end})
    data.update(extra)
    return data


def choose(meeting: Meeting, facilitator, index: int = 0) -> Meeting:
    option = list(meeting.options.all())[index]
    return services.meeting_choose(meeting=meeting, option=option, actor=facilitator)


def all_urls(project, meeting):
    return [
        (u("meetings", project.pk), {"GET"}),
        (u("propose", project.pk), {"GET", "POST"}),
        (u("email_choice", project.pk), {"POST"}),
        (m_url("meeting", meeting), {"GET", "POST"}),
        (m_url("poll", meeting), {"GET"}),
        (m_url("choose", meeting), {"POST"}),
        (m_url("place", meeting), {"GET", "POST"}),
        (m_url("attendance", meeting), {"POST"}),
        (m_url("thoughts", meeting), {"POST"}),
        (m_url("end", meeting), {"POST"}),
        (m_url("calendar", meeting), {"GET"}),
    ]


# -- sign-in, methods, outsiders, roles --------------------------------------------


def test_every_meetings_url_is_tested_here(project, meeting):
    from meetings.planning.urls import urlpatterns

    tested = {resolve(address).url_name for address, _m in all_urls(project, meeting)}
    assert tested == {p.name for p in urlpatterns}


def test_signing_in_is_required(project, meeting):
    client = Client()
    for address, methods in all_urls(project, meeting):
        for method in methods:
            response = getattr(client, method.lower())(address)
            assert response.status_code == 302, address
            assert "/accounts/login/" in response["Location"]


def test_the_wrong_method_is_refused(co_producer_client, project, meeting):
    for address, methods in all_urls(project, meeting):
        if "GET" not in methods:
            assert co_producer_client.get(address).status_code == 405, address
        if "POST" not in methods:
            assert co_producer_client.post(address).status_code == 405, address
        assert co_producer_client.put(address).status_code == 405, address


def test_outsiders_get_404_and_change_nothing(outsider_client, project, meeting):
    for address, methods in all_urls(project, meeting):
        for method in methods:
            assert getattr(outsider_client, method.lower())(address).status_code == 404, address
    assert not Answer.objects.exists()


def test_a_meeting_of_another_project_is_404(facilitator_client, project, facilitator):
    other = make_project(facilitator, name="Another group")
    theirs = propose(other, facilitator)
    for name in ("meeting", "poll", "choose", "place", "attendance", "thoughts", "calendar"):
        address = u(name, project.pk, theirs.pk)
        if name in ("choose", "attendance", "thoughts"):
            response = facilitator_client.post(address)
        else:
            response = facilitator_client.get(address)
        assert response.status_code == 404, name


def test_only_facilitators_choose_the_time(co_producer_client, meeting):
    option = meeting.options.first()
    response = co_producer_client.post(m_url("choose", meeting), {"option": option.pk})
    assert response.status_code == 403
    meeting.refresh_from_db()
    assert meeting.is_planned


def test_where_and_how_is_for_facilitators_and_the_proposer(
    co_producer_client, facilitator_client, project, co_producer
):
    theirs = propose(project, co_producer)
    fran = propose(project, project.memberships.get(role="facilitator").user)
    assert co_producer_client.get(m_url("place", fran)).status_code == 403
    assert co_producer_client.get(m_url("place", theirs)).status_code == 200
    assert facilitator_client.get(m_url("place", theirs)).status_code == 200


# -- proposing ---------------------------------------------------------------------


def test_any_member_proposes_a_meeting_with_times_in_the_projects_zone(
    co_producer_client, project, co_producer
):
    day = in_days(10).isoformat()
    later = in_days(11).isoformat()
    response = co_producer_client.post(
        u("propose", project.pk),
        times_data(
            [(day, "18:00", "19:30"), (later, "10:00", "11:00"), ("", "", "")],
            title="Planning the open day",
            note="Bring ideas for the stalls.",
        ),
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == m_url("meeting", meeting)
    assert meeting.proposed_by == co_producer
    options = list(meeting.options.all())
    assert len(options) == 2
    assert options[0].starts_at == datetime.combine(in_days(10), time(18), tzinfo=LONDON)
    assert options[0].starts_at.utcoffset() == timedelta(0) or True
    assert Activity.objects.filter(kind="meeting_proposed").exists()
    page = co_producer_client.get(m_url("meeting", meeting)).content.decode()
    assert "18:00 to 19:30" in page


@pytest.mark.parametrize(
    ("rows", "extra", "message"),
    [
        (
            [("D1", "15:00", "14:00"), ("D2", "10:00", "11:00")],
            {},
            "The end must be after the start.",
        ),
        ([("PAST", "15:00", "16:00"), ("D2", "10:00", "11:00")], {}, "This date has passed."),
        ([("D1", "15:00", "16:00")], {}, "Offer at least 2 possible times."),
        (
            [("D1", "15:00", "16:00"), ("D1", "15:00", "16:00")],
            {},
            "The same time is offered twice.",
        ),
        ([("D1", "15:00", "16:00"), ("D2", "", "11:00")], {}, "Enter when this time starts."),
        ([("D1", "15:00", "16:00"), ("not a date", "10:00", "11:00")], {}, "Enter a real date"),
        ([("D1", "15:00", "16:00"), ("D2", "10:00", "11:00")], {"title": ""}, "Say in a few words"),
        (
            [("D1", "15:00", "16:00"), ("D2", "10:00", "11:00")],
            {"title": "x" * 121},
            "120 characters or fewer",
        ),
        (
            [("D1", "15:00", "16:00"), ("D2", "10:00", "11:00")],
            {"note": "x" * 1001},
            "1000 characters or fewer",
        ),
    ],
)
def test_bad_proposals_get_a_message_and_save_nothing(
    co_producer_client, project, rows, extra, message
):
    swap = {
        "D1": in_days(5).isoformat(),
        "D2": in_days(6).isoformat(),
        "PAST": in_days(-1).isoformat(),
    }
    rows = [(swap.get(d, d), s, e) for d, s, e in rows]
    data = times_data(rows, **{"title": "A meeting", **extra})
    response = co_producer_client.post(u("propose", project.pk), data)
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not Meeting.objects.exists()
    assert not MeetingOption.objects.exists()


def test_more_than_thirty_times_are_refused(co_producer_client, project):
    rows = [(in_days(3 + n).isoformat(), "10:00", "11:00") for n in range(31)]
    response = co_producer_client.post(u("propose", project.pk), times_data(rows, title="Big"))
    assert response.status_code == 400
    assert "Offer 30 possible times at most." in response.content.decode()
    assert not Meeting.objects.exists()


def test_thirty_times_are_fine(co_producer_client, project):
    rows = [(in_days(3 + n).isoformat(), "10:00", "11:00") for n in range(30)]
    response = co_producer_client.post(u("propose", project.pk), times_data(rows, title="Big"))
    assert response.status_code == 302
    assert MeetingOption.objects.count() == 30


def test_add_more_times_draws_more_rows_and_saves_nothing(co_producer_client, project):
    day = in_days(5).isoformat()
    data = times_data([(day, "10:00", "11:00"), ("", "", ""), ("", "", "")], title="Keep me")
    data["more"] = "1"
    response = co_producer_client.post(u("propose", project.pk), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert not Meeting.objects.exists()
    assert 'value="Keep me"' in page
    assert f'value="{day}"' in page
    assert 'name="times-3-day"' in page
    assert "There is a problem" not in page


def test_a_time_the_clocks_skip_is_refused(co_producer_client, project):
    spring = last_sunday(next_year_with("march"), 3)
    data = times_data(
        [(spring.isoformat(), "01:30", "02:30"), (in_days(5).isoformat(), "10:00", "11:00")],
        title="Night owls",
    )
    response = co_producer_client.post(u("propose", project.pk), data)
    assert response.status_code == 400
    assert "clocks change" in response.content.decode().replace("&#x27;", "'")


# -- answering ---------------------------------------------------------------------


def answer_data(meeting: Meeting, values: list[str], note: str = "") -> dict:
    data = {f"time_{o.pk}": v for o, v in zip(meeting.options.all(), values, strict=False) if v}
    data["note"] = note
    return data


def test_a_member_answers_each_time_and_changes_their_answers(
    co_producer_client, meeting, co_producer
):
    response = co_producer_client.post(
        m_url("meeting", meeting),
        answer_data(meeting, ["yes", "if_need_be", "no"], note="I need to leave by 3."),
    )
    assert response.status_code == 302
    assert sorted(Answer.objects.values_list("value", flat=True)) == ["if_need_be", "no", "yes"]
    co_producer_client.post(m_url("meeting", meeting), answer_data(meeting, ["no"], note=""))
    values = Answer.objects.order_by("option__starts_at").values_list("value", flat=True)
    assert list(values) == ["no", "if_need_be", "no"]
    assert Answer.objects.count() == 3
    assert not AnswerNote.objects.exists()


def test_the_answer_form_is_plain_radio_groups_with_a_legend_per_time(co_producer_client, meeting):
    page = co_producer_client.get(m_url("meeting", meeting)).content.decode()
    form = page[page.index('id="answer-form"') :]
    assert form.count("<fieldset") == 3
    assert form.count("<legend") == 3
    assert form.count('type="radio"') == 9
    assert "If I must" in form


def test_two_tabs_answering_keep_one_row_and_the_last_answer(meeting, co_producer):
    option = meeting.options.first()
    services.meeting_answer(meeting=meeting, member=co_producer, answers={option.pk: "yes"})
    services.meeting_answer(meeting=meeting, member=co_producer, answers={option.pk: "no"})
    assert list(Answer.objects.values_list("value", flat=True)) == ["no"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(option=option, user=co_producer, value="yes")


def test_answers_are_refused_once_a_time_is_chosen(co_producer_client, meeting, facilitator):
    choose(meeting, facilitator)
    response = co_producer_client.post(m_url("meeting", meeting), answer_data(meeting, ["yes"]))
    assert response.status_code == 400
    assert "take no more answers" in response.content.decode()
    assert not Answer.objects.exists()
    with pytest.raises(services.NotOpen):
        services.meeting_answer(
            meeting=meeting, member=facilitator, answers={meeting.options.first().pk: "yes"}
        )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"note": ""}, "Answer at least one of the times"),
        ({"note": "x" * 201}, "200 characters or fewer"),
        ({"time_FIRST": "perhaps"}, "Choose Yes, If I must or No."),
    ],
)
def test_bad_answers_get_a_message_and_save_nothing(co_producer_client, meeting, data, message):
    first = meeting.options.first().pk
    data = {k.replace("FIRST", str(first)): v for k, v in data.items()}
    response = co_producer_client.post(m_url("meeting", meeting), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Answer.objects.exists()
    assert not AnswerNote.objects.exists()


def test_an_answer_for_a_time_of_another_meeting_is_ignored(
    meeting, co_producer, project, facilitator
):
    other = propose(project, facilitator, title="Another")
    services.meeting_answer(
        meeting=meeting, member=co_producer, answers={other.options.first().pk: "yes"}
    )
    assert not Answer.objects.exists()


def test_the_table_shows_times_by_people_with_totals_and_who_is_still_to_answer(
    co_producer_client, meeting, co_producer, facilitator, project
):
    for n in range(3):
        add_member(project, make_user(f"Quiet {n}"))
    services.meeting_answer(
        meeting=meeting,
        member=co_producer,
        answers={o.pk: "yes" for o in meeting.options.all()},
        note="I need to leave by 3.",
    )
    page = co_producer_client.get(m_url("meeting", meeting)).content.decode()
    table = page[page.index("<table") : page.index("</table>")]
    assert "<caption" in table
    assert table.count('scope="col"') == 1 + 1 + 3
    assert table.count('scope="row"') == 3
    assert "Cora Coproducer" in table
    assert "Quiet 0" not in page
    # The facilitator and three quiet members haven't answered: a number, no names.
    assert "4 people haven't answered yet." in page
    assert "I need to leave by 3." in page


def test_a_member_who_left_is_counted_as_a_former_member(
    co_producer_client, meeting, project, facilitator
):
    leaver = make_user("Lee Leaver")
    add_member(project, leaver)
    services.meeting_answer(
        meeting=meeting, member=leaver, answers={meeting.options.first().pk: "yes"}
    )
    project.memberships.filter(user=leaver).delete()
    page = co_producer_client.get(m_url("meeting", meeting)).content.decode()
    assert "Lee Leaver" not in page
    assert "A former member" in page


# -- live -----------------------------------------------------------------------------


def test_the_poll_is_empty_when_nothing_changed_and_the_table_when_it_did(
    co_producer_client, meeting, co_producer, project
):
    revision = Project.objects.get(pk=project.pk).revision
    address = m_url("poll", meeting)
    with count_queries() as ctx:
        response = co_producer_client.get(address, {"revision": revision}, HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert len(ctx.captured_queries) <= 3  # the session, the user, the revision
    services.meeting_answer(
        meeting=meeting, member=co_producer, answers={meeting.options.first().pk: "yes"}
    )
    response = co_producer_client.get(address, {"revision": revision}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'id="answers"' in html and "<table" in html
    # Only the table comes back: the form someone may be filling in is never replaced.
    assert "answer-form" not in html


# -- choosing ----------------------------------------------------------------------


def test_a_facilitator_chooses_the_time_and_everyone_who_answered_and_chose_email_is_told(
    facilitator_client,
    meeting,
    co_producer,
    project,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    quiet = make_user("Quinn Quiet")
    add_member(project, quiet)
    never = make_user("Nell Never")
    add_member(project, never)
    for person in (co_producer, quiet):
        services.meeting_answer(
            meeting=meeting, member=person, answers={meeting.options.first().pk: "yes"}
        )
    services.email_choice_set(project=project, user=co_producer, email=True)
    services.email_choice_set(project=project, user=never, email=True)
    option = list(meeting.options.all())[1]
    with django_capture_on_commit_callbacks(execute=True):
        response = facilitator_client.post(m_url("choose", meeting), {"option": option.pk})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.chosen == option
    assert meeting.sequence == 1
    # Quinn answered but didn't choose email; Nell chose email but didn't answer.
    assert [m.to for m in mailoutbox] == [["cora@example.org"]]
    message = mailoutbox[0]
    assert "Better drop-in" in message.subject
    assert message.attachments[0][0].endswith(".ics")
    assert Delivery.objects.filter(kind="chosen").count() == 1
    # A retried task sends nothing twice.
    from meetings.emails import send_meeting_chosen

    assert send_meeting_chosen.call(meeting_id=meeting.pk) == 0
    assert len(mailoutbox) == 1


def test_choosing_needs_a_time_of_this_meeting_and_only_once(
    facilitator_client, meeting, project, facilitator
):
    other = propose(project, facilitator, title="Other")
    response = facilitator_client.post(
        m_url("choose", meeting), {"option": other.options.first().pk}
    )
    assert response.status_code == 400
    assert "Choose one of the times offered." in response.content.decode()
    assert facilitator_client.post(m_url("choose", meeting), {}).status_code == 400
    choose(meeting, facilitator)
    response = facilitator_client.post(
        m_url("choose", meeting), {"option": meeting.options.last().pk}
    )
    assert response.status_code == 400
    assert "already chosen" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.chosen == meeting.options.first()


# -- ending the meeting --------------------------------------------------------------


def test_a_facilitator_ends_the_meeting_once_and_the_activity_says_so(
    facilitator_client, co_producer_client, meeting, facilitator, project
):
    choose(meeting, facilitator)
    page = facilitator_client.get(m_url("meeting", meeting)).content.decode()
    assert "End the meeting" in page
    assert (
        "End the meeting" not in co_producer_client.get(m_url("meeting", meeting)).content.decode()
    )
    assert co_producer_client.post(m_url("end", meeting)).status_code == 403
    meeting.refresh_from_db()
    assert not meeting.has_ended

    response = facilitator_client.post(m_url("end", meeting), follow=True)
    assert "The meeting is ended." in response.content.decode()
    assert "This meeting has ended." in response.content.decode()
    assert "End the meeting" not in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.has_ended and meeting.ended_by == facilitator
    ended_at = meeting.ended_at

    # A double click, or a second facilitator: the same one end.
    response = facilitator_client.post(m_url("end", meeting), follow=True)
    assert "already ended" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.ended_at == ended_at
    assert Activity.objects.filter(project=project, kind="meeting_ended").count() == 1


def test_a_meeting_without_a_time_cant_be_ended(facilitator_client, meeting):
    response = facilitator_client.post(m_url("end", meeting))
    assert response.status_code == 400
    assert "has no time yet" in response.content.decode()
    meeting.refresh_from_db()
    assert not meeting.has_ended


def test_the_database_refuses_an_end_without_a_time(meeting):
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(pk=meeting.pk).update(ended_at=timezone.now())


# -- where and how -------------------------------------------------------------------


def place_data(**values) -> dict:
    return {"in_person": "on", "online": "on", "address": "Town hall, High Street", **values}


def test_where_and_how_is_saved_and_shown_with_the_link_as_text(facilitator_client, meeting):
    response = facilitator_client.post(
        m_url("place", meeting),
        place_data(
            step_free="yes",
            hearing_loop="no",
            link="https://meet.example.org/drop-in",
            cameras_optional="yes",
        ),
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.step_free == "yes" and meeting.sequence == 1
    page = facilitator_client.get(m_url("meeting", meeting)).content.decode()
    assert ">https://meet.example.org/drop-in</a>" in page
    assert "Town hall, High Street" in page
    # Saving the same again changes nothing, so calendars aren't told of a change.
    facilitator_client.post(
        m_url("place", meeting),
        place_data(
            step_free="yes",
            hearing_loop="no",
            link="https://meet.example.org/drop-in",
            cameras_optional="yes",
        ),
    )
    meeting.refresh_from_db()
    assert meeting.sequence == 1


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"link": "javascript:alert(1)"}, "starting with https:// or http://"),
        ({"link": "ftp://files.example.org/x"}, "starting with https:// or http://"),
        ({"directions": "x" * 1001}, "1000 characters or fewer"),
        ({"step_free": "maybe"}, "Choose yes, no or not known yet."),
    ],
)
def test_bad_place_details_get_a_message_and_save_nothing(
    facilitator_client, meeting, values, message
):
    response = facilitator_client.post(m_url("place", meeting), place_data(**values))
    assert response.status_code == 400
    assert message in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.address == "" and meeting.sequence == 0


def test_the_database_refuses_a_link_that_is_not_a_web_address(meeting):
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(pk=meeting.pk).update(link="javascript:alert(1)")


# -- coming or not -----------------------------------------------------------------


def test_once_the_time_is_set_each_member_says_whether_they_are_coming(
    co_producer_client, meeting, facilitator, co_producer
):
    response = co_producer_client.post(m_url("attendance", meeting), {"status": "online"})
    assert response.status_code == 400
    assert "isn&#x27;t chosen yet" in response.content.decode()
    assert not Attendance.objects.exists()
    choose(meeting, facilitator)
    assert (
        co_producer_client.post(m_url("attendance", meeting), {"status": "online"}).status_code
        == 302
    )
    assert (
        co_producer_client.post(m_url("attendance", meeting), {"status": "in_person"}).status_code
        == 302
    )
    assert list(Attendance.objects.values_list("user", "status")) == [(co_producer.pk, "in_person")]
    response = co_producer_client.post(m_url("attendance", meeting), {"status": "sometimes"})
    assert response.status_code == 400
    assert Attendance.objects.get().status == "in_person"
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(meeting=meeting, user=co_producer, status="online")


def test_a_member_who_cant_come_leaves_thoughts_named_or_anonymously(
    co_producer_client, meeting, facilitator, co_producer, project
):
    choose(meeting, facilitator)
    response = co_producer_client.post(
        m_url("thoughts", meeting), {"text": "Please keep the Friday slot.", "anonymous": "on"}
    )
    # The project doesn't allow anonymous words, so the tick is ignored and the name kept.
    assert response.status_code == 302
    assert Thoughts.objects.get().author == co_producer
    Project.objects.filter(pk=project.pk).update(allow_anonymous=True)
    co_producer_client.post(
        m_url("thoughts", meeting), {"text": "Quietly: more breaks.", "anonymous": "on"}
    )
    anonymous = Thoughts.objects.get(text="Quietly: more breaks.")
    assert anonymous.author is None and anonymous.is_anonymous
    assert (
        not Activity.objects.filter(kind="meeting_thoughts", actor=co_producer)
        .exclude(
            pk=Activity.objects.filter(kind="meeting_thoughts")
            .order_by("created_at", "pk")
            .first()
            .pk
        )
        .exists()
    )
    page = co_producer_client.get(m_url("meeting", meeting)).content.decode()
    assert "Anonymous" in page and "Please keep the Friday slot." in page
    for text, message in [("", "Write your thoughts"), ("x" * 2001, "2000 characters or fewer")]:
        response = co_producer_client.post(m_url("thoughts", meeting), {"text": text})
        assert response.status_code == 400
        assert message in response.content.decode()
    assert Thoughts.objects.count() == 2


# -- the calendar file ---------------------------------------------------------------


def test_the_calendar_file_has_a_stable_uid_a_rising_sequence_and_the_time_in_utc(
    co_producer_client, facilitator_client, meeting, facilitator
):
    assert co_producer_client.get(m_url("calendar", meeting)).status_code == 404
    choose(meeting, facilitator)
    first = icalendar.Calendar.from_ical(co_producer_client.get(m_url("calendar", meeting)).content)
    event = first.walk("VEVENT")[0]
    chosen = meeting.options.first()
    assert event.decoded("dtstart") == chosen.starts_at
    assert event.decoded("dtstart").utcoffset() == timedelta(0)
    assert event.decoded("dtstart").astimezone(LONDON).hour == 14
    assert int(event["sequence"]) == 1
    assert "Better drop-in" in str(event["summary"])
    facilitator_client.post(m_url("place", meeting), place_data(online="", link=""))
    response = co_producer_client.get(m_url("calendar", meeting))
    assert response["Content-Type"].startswith("text/calendar")
    again = icalendar.Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert again["uid"] == event["uid"]
    assert int(again["sequence"]) == 2
    assert "Town hall, High Street" in str(again["location"])


def next_year_with(month: str) -> int:
    today = timezone.now().date()
    return today.year + 1


def last_sunday(year: int, month: int) -> date:
    day = date(year, month + 1, 1) - timedelta(days=1)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def test_times_across_the_clock_change_keep_their_wall_clock_time(
    co_producer_client, project, facilitator
):
    """Europe/London: 14:00 is 14:00 UTC before the last Sunday of March and 13:00 after;
    in October it goes back. Each is stored in UTC and shown as 14:00 again."""
    year = next_year_with("march")
    spring, autumn = last_sunday(year, 3), last_sunday(year, 10)
    days = [
        spring - timedelta(days=1),
        spring + timedelta(days=1),
        autumn - timedelta(days=1),
        autumn + timedelta(days=1),
    ]
    data = times_data([(d.isoformat(), "14:00", "15:00") for d in days], title="Through the year")
    assert co_producer_client.post(u("propose", project.pk), data).status_code == 302
    meeting = Meeting.objects.get()
    hours = [o.starts_at.astimezone(UTC).hour for o in meeting.options.all()]
    assert hours == [14, 13, 13, 14]
    page = co_producer_client.get(m_url("meeting", meeting)).content.decode()
    assert page.count("14:00 to 15:00") >= 4
    # The calendar file of the summer-time meeting starts at 13:00 UTC: 14:00 in London.
    option = list(meeting.options.all())[1]
    services.meeting_choose(meeting=meeting, option=option, actor=facilitator)
    event = icalendar.Calendar.from_ical(
        co_producer_client.get(m_url("calendar", meeting)).content
    ).walk("VEVENT")[0]
    assert event.decoded("dtstart") == datetime.combine(days[1], time(13), tzinfo=UTC)


def test_a_reader_in_another_zone_sees_both(co_producer_client, meeting, co_producer):
    co_producer.time_zone = "America/New_York"
    co_producer.save(update_fields=["time_zone"])
    page = co_producer_client.get(m_url("meeting", meeting)).content.decode()
    assert "your time:" in page
    assert "09:00 to 10:30" in page or "08:00 to 09:30" in page


def test_the_project_time_zone_is_a_setting(facilitator_client, project):
    response = facilitator_client.post(
        reverse("projects:settings", args=[project.pk]), {"time_zone": "Europe/Paris", "version": 1}
    )
    assert response.status_code == 302
    assert Project.objects.get(pk=project.pk).time_zone == "Europe/Paris"
    response = facilitator_client.post(
        reverse("projects:settings", args=[project.pk]), {"time_zone": "Mars/Olympus", "version": 2}
    )
    assert response.status_code == 200 or response.status_code == 400
    assert Project.objects.get(pk=project.pk).time_zone == "Europe/Paris"


def test_a_person_sets_their_own_time_zone_in_their_account(co_producer_client, co_producer):
    response = co_producer_client.post(
        reverse("accounts:profile"), {"name": co_producer.name, "time_zone": "Asia/Kolkata"}
    )
    assert response.status_code == 302
    co_producer.refresh_from_db()
    assert co_producer.time_zone == "Asia/Kolkata"


# -- reminders -----------------------------------------------------------------------


def test_the_reminder_goes_the_day_before_once_to_those_who_chose_email(
    meeting, facilitator, co_producer, project, mailoutbox
):
    away = make_user("Ada Away")
    add_member(project, away)
    for person in (co_producer, away):
        services.email_choice_set(project=project, user=person, email=True)
    choose(meeting, facilitator)
    start = meeting.options.first().starts_at
    mailoutbox.clear()
    services.attendance_set(meeting=meeting, member=away, status="not_coming")
    # Two days before: not yet.
    assert send_reminders(now=start - timedelta(days=3)) == 0
    the_day_before = start - timedelta(hours=20)
    assert send_reminders(now=the_day_before) == 1
    assert [m.to for m in mailoutbox] == [["cora@example.org"]]
    assert "is tomorrow" in mailoutbox[0].subject and "Better drop-in" in mailoutbox[0].subject
    assert send_reminders(now=the_day_before + timedelta(hours=1)) == 0
    call_command("send_meeting_reminders")
    assert len(mailoutbox) == 1
    assert Delivery.objects.filter(kind="reminder").count() == 1


# -- the list and the home ---------------------------------------------------------


def test_the_list_shows_planned_set_and_past_meetings(co_producer_client, project, facilitator):
    planned = propose(project, facilitator, title="Still finding a time")
    coming = choose(propose(project, facilitator, title="Coming soon"), facilitator)
    past = propose(project, facilitator, title="Long ago")
    choose(past, facilitator)
    MeetingOption.objects.filter(meeting=past).update(
        starts_at=timezone.now() - timedelta(days=30),
        ends_at=timezone.now() - timedelta(days=30, hours=-1),
    )
    page = co_producer_client.get(u("meetings", project.pk)).content.decode()
    assert page.index(planned.title) < page.index(coming.title) < page.index(past.title)


def test_the_project_home_shows_the_next_meeting_first(co_producer_client, project, facilitator):
    home = reverse("projects:home", args=[project.pk])
    assert "No meeting has a time set yet." in co_producer_client.get(home).content.decode()
    later = choose(propose(project, facilitator, title="Later one"), facilitator, index=2)
    sooner = choose(propose(project, facilitator, title="Sooner one"), facilitator, index=0)
    page = co_producer_client.get(home).content.decode()
    top = page[page.index('id="for-you-heading"') : page.index('id="aims-heading"')]
    assert "Sooner one" in top and "Later one" not in top
    assert top.index("Sooner one") < top.index("Where we meet next")
    assert m_url("meeting", sooner) in page
    assert later.pk != sooner.pk
    assert u("meetings", project.pk) in page  # the nav's link and the panel's


def test_the_project_home_says_each_fact_of_the_next_meeting_once(
    co_producer_client, project, facilitator
):
    meeting = propose(project, facilitator, title="Planning the open day")
    services.meeting_set_place(
        meeting=meeting, actor=facilitator, in_person=True, address="Town hall, High Street"
    )
    choose(meeting, facilitator, index=1)
    html = co_producer_client.get(reverse("projects:home", args=[project.pk])).content.decode()
    # The top of the page, before the project's own story (its activity names the meeting too).
    html = html[html.index('id="for-you-heading"') : html.index('id="aims-heading"')]
    page = without_tags(html)
    option = meeting.options.all()[1]
    when = span(option.starts_at, option.ends_at, project.time_zone)
    # What it is and when: once, in "For you now", with a link to the meeting.
    assert page.count("Planning the open day") == 1
    assert page.count(when) == 1
    start = html.index('id="for-you-heading"')
    for_you = html[start : html.index("</section>", start)]
    assert "Planning the open day" in for_you and when in for_you
    assert m_url("meeting", meeting) in for_you
    # Where, and the agenda with its link: once, in the panel beneath it.
    assert page.count("Town hall, High Street") == 1
    start = html.index('id="next-meeting-heading"')
    panel = html[start : html.index("</section>", start)]
    assert "Town hall, High Street" in panel and "No agenda yet." in panel
    assert f'href="{m_url("meeting", meeting)}#agenda"' in panel


def test_the_email_choice_is_each_members_own(co_producer_client, project, co_producer):
    co_producer_client.post(u("email_choice", project.pk), {"email": "on"})
    assert EmailChoice.objects.get(user=co_producer).email
    co_producer_client.post(u("email_choice", project.pk), {})
    assert not EmailChoice.objects.get(user=co_producer).email
    assert EmailChoice.objects.count() == 1


# -- query counts ------------------------------------------------------------------


def queries_for(client, address) -> int:
    with count_queries() as ctx:
        assert client.get(address).status_code == 200
    return len(ctx.captured_queries)


def test_the_pages_cost_the_same_queries_with_more_members_and_times(
    co_producer_client, project, facilitator, co_producer
):
    """More members and more possible times must not add a query to any meeting page."""
    small = propose(project, facilitator, count=2, title="Small")
    services.meeting_answer(
        meeting=small,
        member=co_producer,
        answers={o.pk: "yes" for o in small.options.all()},
        note="Small note",
    )

    def pages(m):
        return [
            m_url("meeting", m),
            u("meetings", project.pk),
            reverse("projects:home", args=[project.pk]),
        ]

    # A meeting with a set time first, so the project home shows its panel (and agenda) in
    # both counts.
    set_small = choose(propose(project, facilitator, count=2, title="Set small"), facilitator)
    services.attendance_set(meeting=set_small, member=co_producer, status="online")
    before = [queries_for(co_producer_client, p) for p in pages(small)]
    set_before = queries_for(co_producer_client, m_url("meeting", set_small))

    big = propose(project, facilitator, count=20, title="Big")
    people = [make_user(f"Member {n}") for n in range(8)]
    for person in people:
        add_member(project, person)
        services.meeting_answer(
            meeting=big,
            member=person,
            answers={o.pk: "if_need_be" for o in big.options.all()},
            note="Note",
        )
    services.meeting_answer(
        meeting=big, member=co_producer, answers={o.pk: "yes" for o in big.options.all()}
    )
    for n in range(5):
        propose(project, facilitator, count=3, title=f"Another {n}")
    after = [queries_for(co_producer_client, p) for p in pages(big)]
    assert after == before
    set_big = choose(propose(project, facilitator, count=20, title="Set big"), facilitator)
    for person in people:
        services.attendance_set(meeting=set_big, member=person, status="in_person")
        services.thoughts_add(meeting=set_big, author=person, text="Thoughts", anonymous=False)
    assert queries_for(co_producer_client, m_url("meeting", set_big)) == set_before


# -- the demo, a person's data, the project file -------------------------------------


def test_the_demo_has_a_past_meeting_with_attendance_and_one_half_answered(db, settings):
    settings.DEBUG = True
    call_command("demo", stdout=StringIO())
    project = Project.objects.order_by("pk").first()
    past = Meeting.objects.get(title="Looking at the welcome desk")
    assert past.chosen.ends_at < timezone.now()
    assert past.attendances.count() == 4 and past.thoughts.exists()
    assert past.link.startswith("https://") and past.step_free == "yes"
    planned = Meeting.objects.get(title="Planning the summer open day")
    assert planned.is_planned
    answered = set(Answer.objects.filter(option__meeting=planned).values_list("user", flat=True))
    assert 0 < len(answered) < project.memberships.count()


def test_a_persons_data_has_their_answers_and_attendance_and_forgetting_lets_go(
    co_producer_client, meeting, co_producer, facilitator, project
):
    from sharing.people.services import account_delete, personal_data

    Project.objects.filter(pk=project.pk).update(allow_anonymous=True)
    services.meeting_answer(
        meeting=meeting,
        member=co_producer,
        answers={meeting.options.first().pk: "yes"},
        note="Late",
    )
    services.email_choice_set(project=project, user=co_producer, email=True)
    choose(meeting, facilitator)
    services.attendance_set(meeting=meeting, member=co_producer, status="online")
    services.thoughts_add(meeting=meeting, author=co_producer, text="Named", anonymous=False)
    services.thoughts_add(meeting=meeting, author=co_producer, text="Nameless", anonymous=True)
    data = personal_data(co_producer)["meetings"]
    assert [a["answer"] for a in data["meeting_answers"]] == ["Yes"]
    assert data["meeting_answer_notes"][0]["note"] == "Late"
    assert data["meeting_attendance"][0]["coming"] == "Joining online"
    assert [t["thoughts"] for t in data["meeting_thoughts"]] == ["Named"]
    account_delete(user=co_producer, remove=True, choices={})
    assert not Answer.objects.filter(user=co_producer).exists()
    assert not Attendance.objects.filter(user=co_producer).exists()
    assert not EmailChoice.objects.exists()
    assert list(Thoughts.objects.values_list("text", flat=True)) == ["Nameless"]


def test_a_person_who_keeps_their_words_stays_counted_as_a_former_member(
    facilitator_client, meeting, co_producer, project
):
    from sharing.people.services import account_delete

    services.meeting_answer(
        meeting=meeting, member=co_producer, answers={meeting.options.first().pk: "yes"}
    )
    account_delete(user=co_producer, remove=False, choices={})
    assert Answer.objects.filter(user=co_producer).exists()
    page = facilitator_client.get(m_url("meeting", meeting)).content.decode()
    assert "Cora" not in page and "A former member" in page


def test_meetings_go_into_the_project_file_and_come_back(
    meeting, co_producer, facilitator, project
):
    import json

    from sharing.portability.document import export_project, import_project

    Project.objects.filter(pk=project.pk).update(allow_anonymous=True)
    services.meeting_answer(
        meeting=meeting,
        member=co_producer,
        answers={meeting.options.first().pk: "if_need_be"},
        note="Late",
    )
    services.meeting_set_place(
        meeting=meeting, actor=facilitator, in_person=True, address="Hall", step_free="no"
    )
    choose(meeting, facilitator, index=1)
    services.attendance_set(meeting=meeting, member=co_producer, status="in_person")
    services.attendance_set(meeting=meeting, member=facilitator, status="not_coming")
    services.thoughts_add(meeting=meeting, author=facilitator, text="Quiet thought", anonymous=True)
    document = json.loads(json.dumps(export_project(Project.objects.get(pk=project.pk))))
    exported = document["meetings"]["meetings"][0]
    assert exported["chosen"] == 1
    # Who isn't coming stays private: the page shows only how many.
    assert [c["how"] for c in exported["coming"]] == ["in_person"]
    assert exported["thoughts"][0]["author"] is None
    copy = import_project(document, facilitator)
    again = Meeting.objects.get(project=copy)
    assert again.chosen.starts_at == meeting.options.all()[1].starts_at
    assert again.address == "Hall" and again.step_free == "no"
    assert Answer.objects.filter(option__meeting=again).get().value == "if_need_be"
    assert again.uid != meeting.uid
    del document["meetings"]
    assert not Meeting.objects.filter(project=import_project(document, facilitator)).exists()


# -- at the same moment ------------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_tabs_and_a_choice_at_the_same_moment_double_nothing(project, co_producer, facilitator):
    """Two tabs of one person answer while a facilitator chooses: one row per person and
    time, and every answer saved is from before the choice or refused after it."""
    import threading

    meeting = propose(project, facilitator, count=4)
    ids = list(meeting.options.values_list("pk", flat=True))
    errors, refused = [], []

    def answer(value):
        try:
            for _ in range(15):
                try:
                    services.meeting_answer(
                        meeting=meeting, member=co_producer, answers=dict.fromkeys(ids, value)
                    )
                except services.NotOpen:
                    refused.append(value)
        except Exception as error:  # noqa: BLE001 - any failure is reported below
            errors.append(error)
        finally:
            connection.close()

    def pick():
        try:
            services.meeting_choose(
                meeting=meeting, option=MeetingOption.objects.get(pk=ids[0]), actor=facilitator
            )
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=answer, args=(v,)) for v in ("yes", "no")]
    workers.append(threading.Thread(target=pick))
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    assert Answer.objects.filter(user=co_producer).count() in (0, 4)
    assert len(set(Answer.objects.values_list("value", flat=True))) <= 1
    assert not Meeting.objects.get(pk=meeting.pk).is_planned
