"""Payment and expenses: terms with history, each person's private choice, claims of time
and expenses with receipts, approving and paying, a gap-free invoice number, the CSV."""

import csv
import io
import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from meetings.models import Attendance, Meeting, MeetingOption
from payments import services
from payments.models import Claim, ClaimLine, Handler, PaymentChoice, PaymentTerms
from projects.models import Membership, Project
from sharing.people.services import account_delete, personal_data
from sharing.portability.document import export_project

from .factories import add_member, make_user
from .pages import count_queries, sign_in, url, without_tags

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def terms_data(**changes) -> dict:
    data = {
        "what_is_paid": "Meetings",
        "hourly_rate": "15.00",
        "session_rate": "",
        "expenses_covered": "Bus fares",
        "expense_limit": "30.00",
        "how_to_claim": "Here",
        "benefits_advice": "0800 000 000",
        "invoice_to": "The Drop-in",
        "currency": "GBP",
        "version": "1",
    }
    data.update(changes)
    return data


def past_meeting(project, user, *, came=True, hours=2, days_ago=3) -> Meeting:
    start = timezone.now() - timedelta(days=days_ago)
    meeting = Meeting.objects.create(project=project, title="Looking at the desk")
    option = MeetingOption.objects.create(
        meeting=meeting, starts_at=start, ends_at=start + timedelta(hours=hours)
    )
    meeting.chosen = option
    meeting.chosen_at = start
    meeting.save()
    Attendance.objects.create(
        meeting=meeting, user=user, status="in_person" if came else "not_coming"
    )
    return meeting


@pytest.fixture
def handler(project, facilitator):
    return Handler.objects.create(project=project, user=facilitator).user


@pytest.fixture
def terms(project, facilitator):
    return services.terms_edit(
        project=project,
        editor=facilitator,
        base_version=1,
        hourly_rate=1500,
        session_rate=0,
        expense_limit=3000,
    )


@pytest.fixture
def claim(project, co_producer, terms):
    services.choice_save(
        project=project, user=co_producer, choice="paid", address="1 Lane", how_to_pay="Bank 12"
    )
    return services.claim_start(project=project, user=co_producer)


def expense(client, project, claim, **changes):
    data = {
        "expense-day": timezone.localdate().isoformat(),
        "expense-what_for": "travel",
        "expense-what": "Bus fare",
        "expense-amount": "4.80",
    }
    data.update(changes)
    return client.post(url("claims:add_expense", project, claim_id=claim.pk), data)


# -- terms --------------------------------------------------------------------------


def test_a_facilitator_writes_terms_that_keep_their_history(project, facilitator_client):
    response = facilitator_client.post(url("payment_terms:edit", project), terms_data())
    assert response.status_code == 302
    terms = PaymentTerms.objects.get(project=project)
    assert terms.hourly_rate == 1500 and terms.expense_limit == 3000
    data = terms_data(hourly_rate="16.00", version=str(terms.version))
    facilitator_client.post(url("payment_terms:edit", project), data)
    assert list(terms.revisions.values_list("hourly_rate", flat=True)) == [1600, 1500]
    page = without_tags(
        facilitator_client.get(url("payment_terms:terms", project)).content.decode()
    )
    assert "£16.00 for each hour" in page and "can affect some benefits" in page


def test_a_stale_terms_edit_shows_the_conflict(project, facilitator_client, terms):
    response = facilitator_client.post(url("payment_terms:edit", project), terms_data(version="1"))
    assert response.status_code == 409


def test_terms_refuse_an_amount_that_is_not_money(project, facilitator_client):
    response = facilitator_client.post(
        url("payment_terms:edit", project), terms_data(hourly_rate="1e3")
    )
    assert response.status_code == 400
    assert "Write an amount like 12.50." in response.content.decode()
    assert not PaymentTerms.objects.exists()


def test_a_co_producer_can_not_write_the_terms(project, co_producer_client):
    response = co_producer_client.post(url("payment_terms:edit", project), terms_data())
    assert response.status_code == 403


# -- choice ---------------------------------------------------------------------------


def test_a_choice_is_private_to_the_person_and_handlers(project, co_producer, handler):
    other = make_user("Ola")
    add_member(project, other)
    sign_in(co_producer).post(
        url("claims:mine", project), {"choice": "vouchers", "how_to_pay": "Sort code 11"}
    )
    assert PaymentChoice.objects.get(user=co_producer).choice == "vouchers"
    assert "Sort code 11" not in sign_in(other).get(url("claims:mine", project)).content.decode()


def test_a_volunteer_has_nothing_to_claim(project, co_producer, co_producer_client):
    services.choice_save(
        project=project, user=co_producer, choice="nothing", address="", how_to_pay=""
    )
    response = co_producer_client.post(url("claims:start", project), follow=True)
    assert "You have chosen to volunteer" in response.content.decode()
    assert not Claim.objects.exists()


# -- claims -------------------------------------------------------------------------


def test_a_claim_offers_the_meetings_the_person_came_to(project, co_producer, claim):
    came = past_meeting(project, co_producer)
    missed = past_meeting(project, co_producer, came=False)
    client = sign_in(co_producer)
    page = client.get(url("claims:claim", project, claim_id=claim.pk)).content.decode()
    assert f'value="{came.pk}"' in page and f'value="{missed.pk}"' not in page
    response = client.post(
        url("claims:add_meeting", project, claim_id=claim.pk), {"meeting": missed.pk}
    )
    assert response.status_code == 400
    assert "only for meetings the record says you came to" in response.content.decode()
    client.post(url("claims:add_meeting", project, claim_id=claim.pk), {"meeting": came.pk})
    line = claim.lines.get()
    # Two hours at £15 an hour.
    assert line.amount == 3000 and line.hours == Decimal("2.00")


def test_time_is_paid_at_the_rate_recorded_with_the_claim(project, co_producer, claim, facilitator):
    services.terms_edit(project=project, editor=facilitator, base_version=2, hourly_rate=9900)
    client = sign_in(co_producer)
    client.post(
        url("claims:add_time", project, claim_id=claim.pk),
        {"time-day": timezone.localdate().isoformat(), "time-hours": "1.5", "time-what": "Reading"},
    )
    claim.refresh_from_db()
    assert claim.total == 2250


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"time-hours": "25"}, "A day has 24 hours at most."),
        ({"time-hours": "-1"}, "Enter at least a quarter of an hour"),
        ({"time-day": "2999-01-01"}, "The date can&#x27;t be in the future."),
        ({"time-hours": "lots"}, "Enter the hours as a number"),
    ],
)
def test_bad_time_is_refused_and_nothing_saved(project, co_producer, claim, data, message):
    full = {"time-day": timezone.localdate().isoformat(), "time-hours": "2", "time-what": "Work"}
    response = sign_in(co_producer).post(
        url("claims:add_time", project, claim_id=claim.pk), {**full, **data}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ClaimLine.objects.exists()


def test_more_than_24_hours_on_one_day_is_refused(project, co_producer, claim):
    client = sign_in(co_producer)
    day = timezone.localdate().isoformat()
    for hours in ("20", "5"):
        response = client.post(
            url("claims:add_time", project, claim_id=claim.pk),
            {"time-day": day, "time-hours": hours, "time-what": "Work"},
        )
    assert response.status_code == 400
    assert "more than 24 hours on one day" in response.content.decode()
    assert claim.lines.count() == 1


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-4", "less than nothing"),
        ("0", "more than nothing"),
        ("30.01", "more than the project pays for one expense"),
        ("4.801", "Write an amount like 12.50."),
    ],
)
def test_bad_amounts_are_refused(project, co_producer, claim, amount, message):
    response = expense(sign_in(co_producer), project, claim, **{"expense-amount": amount})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ClaimLine.objects.exists()


def test_a_receipt_is_checked_by_its_content(project, co_producer, claim):
    fake = SimpleUploadedFile("ticket.png", b"<html>not a photo</html>", "image/png")
    response = expense(sign_in(co_producer), project, claim, **{"expense-receipt": fake})
    assert response.status_code == 400
    assert "must be a photo" in response.content.decode()
    assert not ClaimLine.objects.exists()


def test_a_receipt_over_the_size_limit_is_refused(project, co_producer, claim, settings):
    settings.RECEIPT_MAX_BYTES = 20
    big = SimpleUploadedFile("ticket.png", PNG, "image/png")
    response = expense(sign_in(co_producer), project, claim, **{"expense-receipt": big})
    assert response.status_code == 400
    assert "too large" in response.content.decode()


def test_a_receipt_is_served_only_to_the_person_and_handlers(project, co_producer, claim, handler):
    photo = SimpleUploadedFile("ticket.exe.png", PNG, "text/html")
    expense(sign_in(co_producer), project, claim, **{"expense-receipt": photo})
    line = claim.lines.get()
    assert line.receipt_type == "image/png" and "ticket" not in line.receipt.name
    path = url("claims:receipt", project, claim_id=claim.pk, line_id=line.pk)
    for user in (co_producer, handler):
        response = sign_in(user).get(path)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Disposition"] == f'inline; filename="receipt-{line.pk}.png"'
        assert b"".join(response.streaming_content) == PNG
    other = make_user("Ola")
    add_member(project, other)
    assert sign_in(other).get(path).status_code == 404
    assert sign_in(other).get(url("claims:claim", project, claim_id=claim.pk)).status_code == 404
    assert (
        sign_in(other).get(url("invoices:invoice", project, claim_id=claim.pk)).status_code == 404
    )


def test_a_tampered_total_is_refused(project, co_producer, claim):
    client = sign_in(co_producer)
    expense(client, project, claim)
    response = client.post(url("claims:send", project, claim_id=claim.pk), {"total": "99999"})
    assert response.status_code == 400
    assert "The total has changed" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == "draft" and claim.invoice_number is None


def test_invoice_numbers_go_up_without_gaps(project, co_producer, terms):
    other = make_user("Ola")
    add_member(project, other)
    numbers = []
    for user in (co_producer, other, co_producer):
        services.choice_save(project=project, user=user, choice="paid", address="", how_to_pay="")
        claim = services.claim_start(project=project, user=user)
        services.line_add_expense(
            claim=claim, day=timezone.localdate(), what_for="food", what="Lunch", amount=500
        )
        # A failed send takes no number.
        with pytest.raises(services.Refused):
            services.claim_send(claim=claim, total_seen=1)
        numbers.append(services.claim_send(claim=claim, total_seen=500).invoice_number)
    assert numbers == [1, 2, 3]


def test_the_database_refuses_a_repeated_invoice_number(project, co_producer, claim):
    services.line_add_expense(
        claim=claim, day=timezone.localdate(), what_for="food", what="Lunch", amount=500
    )
    services.claim_send(claim=claim, total_seen=500)
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.create(
            project=project,
            user=co_producer,
            choice="paid",
            status="sent",
            invoice_number=1,
            sent_at=timezone.now(),
        )


# -- approving and paying -----------------------------------------------------------


@pytest.fixture
def sent(project, co_producer, claim):
    services.line_add_expense(
        claim=claim,
        day=timezone.localdate(),
        what_for="travel",
        what="=HYPERLINK(1)",
        amount=480,
    )
    return services.claim_send(claim=claim, total_seen=480)


def test_a_handler_approves_and_pays_and_the_person_sees_it(project, co_producer, handler, sent):
    client = sign_in(handler)
    assert client.post(url("handling:approve", project, claim_id=sent.pk)).status_code == 302
    response = client.post(url("handling:paid", project, claim_id=sent.pk), {"paid_on": "2999-1-1"})
    assert response.status_code == 400
    today = timezone.localdate()
    client.post(url("handling:paid", project, claim_id=sent.pk), {"paid_on": today.isoformat()})
    page = without_tags(sign_in(co_producer).get(url("claims:mine", project)).content.decode())
    assert "Approved" in page and f"Paid {today.day} {today:%B}" in page


def test_two_handlers_approving_at_once_one_wins(project, handler, sent, facilitator):
    stale = Claim.objects.get(pk=sent.pk)
    assert services.claim_approve(claim=sent, handler=handler)
    assert not services.claim_approve(claim=stale, handler=handler)
    response = sign_in(handler).post(
        url("handling:approve", project, claim_id=sent.pk), follow=True
    )
    assert "Someone else changed this claim first" in response.content.decode()


def test_an_approved_claim_can_not_be_changed(project, co_producer, handler, sent):
    services.claim_approve(claim=sent, handler=handler)
    response = expense(sign_in(co_producer), project, sent)
    assert response.status_code == 400
    assert "can no longer be changed" in response.content.decode()
    assert sent.lines.count() == 1


def test_a_question_lets_the_person_change_and_send_again(project, co_producer, handler, sent):
    sign_in(handler).post(
        url("handling:ask", project, claim_id=sent.pk), {"question": "Which bus?"}
    )
    client = sign_in(co_producer)
    page = client.get(url("claims:claim", project, claim_id=sent.pk)).content.decode()
    assert "Which bus?" in page
    expense(client, project, sent, **{"expense-amount": "1.00"})
    client.post(url("claims:send", project, claim_id=sent.pk), {"total": "580"})
    sent.refresh_from_db()
    assert sent.status == "sent" and sent.invoice_number == 1 and sent.total == 580


def test_only_handlers_see_the_waiting_claims_and_the_csv(project, co_producer_client):
    assert co_producer_client.get(url("handling:waiting", project)).status_code == 403
    assert co_producer_client.get(url("invoices:csv", project)).status_code == 403


def test_the_csv_has_a_row_per_line_with_numbers_and_no_formulas(project, handler, sent):
    day = timezone.localdate().isoformat()
    response = sign_in(handler).get(url("invoices:csv", project), {"start": day, "end": day})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2
    assert rows[1][7] == "'=HYPERLINK(1)" and rows[1][9] == "4.80" and rows[1][0] == "1"


def test_the_invoice_shows_name_lines_total_and_can_leave_details_off(
    project, co_producer, sent, terms
):
    client = sign_in(co_producer)
    path = url("invoices:invoice", project, claim_id=sent.pk)
    page = without_tags(client.get(path).content.decode())
    assert co_producer.display_name in page and "£4.80" in page and "Bank 12" in page
    assert "Invoice 1" in page
    assert "Bank 12" not in client.get(path, {"details": "off"}).content.decode()


def test_a_draft_has_no_invoice(project, co_producer, claim):
    assert (
        sign_in(co_producer).get(url("invoices:invoice", project, claim_id=claim.pk)).status_code
        == 404
    )


# -- whole-project lists ------------------------------------------------------------


def test_payments_are_left_out_of_the_project_file_which_says_so(project, sent):
    document = export_project(project)
    text = json.dumps(document)
    assert "HYPERLINK" not in text and "Bank 12" not in text
    assert any("Payments" in line for line in document["left_out"])


def test_the_persons_own_data_has_their_claims(co_producer, sent):
    data = personal_data(co_producer)["payments"]
    assert data["payment_claims"][0]["total_pence"] == 480
    assert data["payment_choices"][0]["how_to_pay"] == "Bank 12"


def test_deleting_an_account_keeps_only_amounts_dates_and_numbers(project, co_producer, sent):
    services.choice_save(
        project=project, user=co_producer, choice="paid", address="1 Lane", how_to_pay="Bank 12"
    )
    account_delete(user=co_producer, remove=False, choices={})
    claim = Claim.objects.get(pk=sent.pk)
    assert claim.total == 480 and claim.invoice_number == 1 and claim.sent_at
    assert claim.user.display_name == "A former member"
    assert claim.lines.get().what == "—"
    assert not PaymentChoice.objects.exists()


def test_the_home_panel_links_the_terms_and_counts_waiting_claims(project, handler, sent):
    page = without_tags(sign_in(handler).get(url("projects:home", project)).content.decode())
    assert "What the project pays, and how to claim" in page
    assert "1 claim waiting for you" in page


def test_for_you_now_tells_only_handlers_of_claims_waiting(project, handler, sent, co_producer):
    home = sign_in(handler).get(url("projects:home", project)).content.decode()
    start = home.index("For you now")
    assert "1 claim is waiting for your approval" in without_tags(home[start : start + 3000])
    own = without_tags(sign_in(co_producer).get(url("projects:home", project)).content.decode())
    assert "waiting for your approval" not in own


def test_a_new_member_is_asked_first_to_read_the_terms_until_they_choose(
    project, facilitator, terms
):
    newcomer = make_user("Nia New", "nia@example.org")
    add_member(project, newcomer)
    welcome = "Before your first meeting, please read what the project pays for"
    assert welcome in without_tags(
        sign_in(newcomer).get(url("projects:home", project)).content.decode()
    )
    # Someone who has been a member for weeks isn't asked again.
    Membership.objects.filter(project=project, user=facilitator).update(
        joined_at=timezone.now() - timedelta(days=30)
    )
    assert welcome not in without_tags(
        sign_in(facilitator).get(url("projects:home", project)).content.decode()
    )
    services.choice_save(
        project=project, user=newcomer, choice="vouchers", address="", how_to_pay=""
    )
    assert welcome not in without_tags(
        sign_in(newcomer).get(url("projects:home", project)).content.decode()
    )


def test_a_meeting_line_has_the_meetings_day_where_the_project_is(project, co_producer, claim):
    # 23:30 in UTC on 30 June is 00:30 on 1 July in London (summer time).
    project.time_zone = "Europe/London"
    project.save(update_fields=["time_zone"])
    meeting = past_meeting(project, co_producer, days_ago=400)
    start = timezone.datetime(2025, 6, 30, 23, 30, tzinfo=timezone.UTC)
    MeetingOption.objects.filter(pk=meeting.chosen_id).update(
        starts_at=start, ends_at=start + timedelta(hours=1)
    )
    meeting.refresh_from_db()
    line = services.line_add_meeting(claim=claim, meeting=meeting)
    assert line.day.isoformat() == "2025-07-01"


# -- query counts -------------------------------------------------------------------


def _grow(project, user, claims: int, lines: int) -> Claim:
    services.choice_save(project=project, user=user, choice="paid", address="", how_to_pay="")
    claim = None
    for _ in range(claims):
        claim = services.claim_start(project=project, user=user)
        for _ in range(lines):
            services.line_add_expense(
                claim=claim, day=timezone.localdate(), what_for="food", what="Tea", amount=100
            )
        services.claim_send(claim=claim, total_seen=100 * lines)
    return claim


@pytest.mark.parametrize("name", ["claims:mine", "handling:waiting", "claims:claim"])
def test_payment_pages_do_not_make_more_queries_with_more_claims(
    project, co_producer, handler, terms, name
):
    """The lists and the claim page cost the same with 1 claim of 1 line or 4 of 5."""
    client = sign_in(handler if name == "handling:waiting" else co_producer)
    counts = []
    for claims, lines in ((1, 1), (4, 5)):
        claim = _grow(project, co_producer, claims, lines)
        kwargs = {"claim_id": claim.pk} if name == "claims:claim" else {}
        with count_queries() as ctx:
            assert client.get(url(name, project, **kwargs)).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]


def test_the_deletion_page_says_sent_claims_are_kept(co_producer, sent):
    page = without_tags(sign_in(co_producer).get(url("people:delete")).content.decode())
    assert "Your sent claims stay" in page


def test_the_demo_has_terms_a_handler_a_paid_claim_and_one_waiting(db, settings):
    settings.DEBUG = True
    call_command("demo", stdout=io.StringIO())
    project = Project.objects.order_by("pk").first()
    assert PaymentTerms.objects.get(project=project).session_rate == 4000
    assert Handler.objects.filter(project=project).count() == 1
    statuses = sorted(Claim.objects.filter(project=project).values_list("status", flat=True))
    assert statuses == ["paid", "sent"]


# -- at the same moment ------------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_claims_sent_and_approved_at_the_same_moment_keep_numbers_and_one_winner(
    project, facilitator, co_producer
):
    """Six claims sent at once take numbers 1 to 6 once each; two handlers approving one
    claim at once: exactly one of them wins."""
    import threading

    people = [make_user(f"Person {i}") for i in range(6)]
    claims = []
    for person in people:
        add_member(project, person)
        services.choice_save(project=project, user=person, choice="paid", address="", how_to_pay="")
        claim = services.claim_start(project=project, user=person)
        services.line_add_expense(
            claim=claim, day=timezone.localdate(), what_for="food", what="Tea", amount=100
        )
        claims.append(claim)
    errors, won = [], []

    def run(work):
        try:
            work()
        except Exception as error:  # noqa: BLE001 - any failure is reported below
            errors.append(error)
        finally:
            connection.close()

    def send(claim):
        return lambda: services.claim_send(claim=claim, total_seen=100)

    workers = [threading.Thread(target=run, args=(send(c),)) for c in claims]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    numbers = sorted(Claim.objects.values_list("invoice_number", flat=True))
    assert numbers == [1, 2, 3, 4, 5, 6]

    # Each handler holds their own copy of the claim, as two open pages would.
    copies = [Claim.objects.get(pk=claims[0].pk) for _ in range(2)]

    def approve(copy):
        return lambda: won.append(services.claim_approve(claim=copy, handler=facilitator))

    approvers = [threading.Thread(target=run, args=(approve(c),)) for c in copies]
    for worker in approvers:
        worker.start()
    for worker in approvers:
        worker.join()
    assert errors == []
    assert sorted(won) == [False, True]
