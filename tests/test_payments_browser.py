"""Payments in real Chromium: the terms, a choice, a claim made by keyboard, the invoice
printed to A4, approving and paying, and another member who can open none of it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import Attendance, Meeting, MeetingOption
from payments.models import Claim

from .browser import check_page, press_tab_until
from .factories import add_member, make_user
from .printing import assert_a4, pdf_of, text_of

pytestmark = pytest.mark.browser

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def came_to(project, user, title: str, days_ago: int) -> Meeting:
    start = timezone.now() - timedelta(days=days_ago)
    meeting = Meeting.objects.create(project=project, title=title)
    option = MeetingOption.objects.create(
        meeting=meeting, starts_at=start, ends_at=start + timedelta(hours=2)
    )
    Meeting.objects.filter(pk=meeting.pk).update(chosen=option, chosen_at=start)
    Attendance.objects.create(meeting=meeting, user=user, status="in_person")
    return meeting


def submit(page, button_name: str) -> None:
    press_tab_until(page, page.get_by_role("button", name=button_name, exact=True))
    page.keyboard.press("Enter")


@pytest.mark.django_db(transaction=True)
def test_a_claim_from_terms_to_paid(
    new_browser, live_server, project, facilitator, co_producer, axe, tmp_path
):
    meetings = [
        came_to(project, co_producer, "Looking at the desk", 10),
        came_to(project, co_producer, "Planning the open day", 5),
    ]
    base = f"/projects/{project.pk}/payments"

    # The facilitator writes the terms and names themself to handle payments.
    fran = new_browser()
    fran.sign_in(facilitator)
    page = fran.page
    page.goto(f"{base}/terms/change/")
    check_page(page, axe)
    page.get_by_label("What the project pays for").fill("Meetings and reading time")
    page.get_by_label("Pay for each meeting").fill("40.00")
    page.get_by_label("Most for one expense").fill("30.00")
    page.get_by_label("Who invoices are addressed to").fill("The Drop-in, 12 Station Road")
    submit(page, "Save the change")
    expect(page.locator("h1")).to_have_text("Payment terms")
    expect(page.locator("main")).to_contain_text("£40.00 for each meeting")
    check_page(page, axe)
    page.goto(f"{base}/handlers/")
    check_page(page, axe)
    page.get_by_label(str(facilitator.display_name)).check()
    submit(page, "Save")
    expect(page.locator(".messages")).to_contain_text("Who handles payments has been saved")

    # The co-producer chooses vouchers and claims two meetings and a bus fare, by keyboard.
    cora = new_browser()
    cora.sign_in(co_producer)
    cpage = cora.page
    cpage.goto(f"/projects/{project.pk}/")
    press_tab_until(cpage, cpage.get_by_role("link", name="Your choice and your claims"))
    cpage.keyboard.press("Enter")
    expect(cpage.locator("h1")).to_have_text("Your payments")
    check_page(cpage, axe)
    # Tab reaches the group of choices; the arrow key moves to "Vouchers" and picks it.
    press_tab_until(cpage, cpage.get_by_label("Paid as agreed"))
    cpage.keyboard.press("ArrowDown")
    expect(cpage.get_by_label("Vouchers")).to_be_checked()
    submit(cpage, "Save my choice")
    expect(cpage.locator(".messages")).to_contain_text("Your choice has been saved")
    submit(cpage, "Claim time and expenses")
    expect(cpage.locator("h1")).to_have_text("Your claim")
    check_page(cpage, axe)
    for meeting in meetings:
        press_tab_until(cpage, cpage.get_by_label("A meeting you came to", exact=True))
        cpage.get_by_label("A meeting you came to", exact=True).select_option(value=str(meeting.pk))
        submit(cpage, "Add the meeting")
        expect(cpage.locator("table")).to_contain_text(meeting.title)
    press_tab_until(cpage, cpage.locator("#id_expense-day"))
    cpage.locator("#id_expense-day").fill(timezone.localdate().isoformat())
    press_tab_until(cpage, cpage.get_by_label("Travel", exact=True))
    cpage.keyboard.press("Space")
    press_tab_until(cpage, cpage.get_by_label("A few words about it"))
    cpage.keyboard.type("Bus to the meeting")
    press_tab_until(cpage, cpage.get_by_label("Amount", exact=True))
    cpage.keyboard.type("4.80")
    ticket = tmp_path / "ticket.png"
    ticket.write_bytes(PNG)
    cpage.locator("#id_expense-receipt").set_input_files(str(ticket))
    submit(cpage, "Add the expense")
    expect(cpage.locator("tfoot")).to_contain_text("£84.80")
    check_page(cpage, axe)
    submit(cpage, "Send the claim")
    expect(cpage.locator(".messages")).to_contain_text("Your claim has been sent")
    claim = Claim.objects.get()
    assert claim.total == 8480 and claim.invoice_number == 1

    # The invoice prints on A4 with their name and the total.
    press_tab_until(cpage, cpage.get_by_role("link", name="Print or save the invoice"))
    cpage.keyboard.press("Enter")
    expect(cpage.locator("h1")).to_have_text("Invoice 1")
    check_page(cpage, axe)
    reader = pdf_of(cpage)
    assert_a4(reader)
    assert len(reader.pages) == 1
    words = text_of(reader)
    assert str(co_producer.display_name) in words and "£84.80" in words

    # The handler approves and marks it paid; the co-producer sees "Paid".
    page.goto(f"{base}/waiting/")
    check_page(page, axe)
    page.get_by_role("link", name=f"Claim 1 from {co_producer.display_name}").click()
    check_page(page, axe)
    submit(page, "Approve the claim")
    expect(page.locator(".messages")).to_contain_text("The claim has been approved")
    page.get_by_label("The day it was paid").fill(timezone.localdate().isoformat())
    submit(page, "Mark as paid")
    expect(page.locator(".messages")).to_contain_text("marked as paid")
    cpage.goto(f"{base}/")
    expect(cpage.locator("main")).to_contain_text("Paid")

    # Another co-producer can open none of it.
    other = make_user("Ola")
    add_member(project, other)
    ola = new_browser()
    ola.sign_in(other)
    line = claim.lines.exclude(receipt="").get()
    for path in (
        f"{base}/claims/{claim.pk}/",
        f"{base}/claims/{claim.pk}/invoice/",
        f"{base}/claims/{claim.pk}/lines/{line.pk}/receipt/",
        f"{base}/waiting/",
    ):
        response = ola.page.goto(path)
        assert response.status in (403, 404), path
