"""Demo content for payments: the terms, a payment handler, one paid claim and one waiting.

Listed in ``sharing.demo.PARTS``, after meetings, whose past meeting the claims are for.
"""

from datetime import timedelta

from django.utils import timezone

from projects.models import Project

from . import services
from .models import ClaimLine, Handler
from .selectors import attended_meetings


def extend(project: Project, users: dict) -> None:
    sam, amina, jo = (users[n] for n in ("Sam", "Amina", "Jo"))
    services.terms_edit(
        project=project,
        editor=sam,
        base_version=1,
        what_is_paid="Meetings of the group, and reading papers before a meeting.",
        hourly_rate=1500,
        session_rate=4000,
        expenses_covered="Bus and train fares, care or childcare while you are with us, phone data for online meetings, and lunch.",
        expense_limit=3000,
        how_to_claim="Add your time and expenses here after each meeting. Amina checks claims within a week and we pay by the end of the month.",
        benefits_advice="Citizens Advice: https://www.citizensadvice.org.uk/benefits/",
        invoice_to="Station Road Drop-in\n12 Station Road",
        currency="GBP",
    )
    Handler.objects.create(project=project, user=amina)
    today = timezone.localdate()

    # Jo was paid in vouchers for the last meeting and her phone data.
    services.choice_save(
        project=project, user=jo, choice="vouchers", address="", how_to_pay="Shopping vouchers"
    )
    paid = services.claim_start(project=project, user=jo)
    for meeting in attended_meetings(project, jo):
        services.line_add_meeting(claim=paid, meeting=meeting)
    services.line_add_expense(
        claim=paid,
        day=today - timedelta(days=30),
        what_for=ClaimLine.WhatFor.DATA,
        what="Phone data for the online meeting",
        amount=500,
    )
    paid.refresh_from_db()
    paid = services.claim_send(claim=paid, total_seen=paid.total)
    services.claim_approve(claim=paid, handler=amina)
    services.claim_paid(claim=paid, handler=amina, paid_on=today - timedelta(days=20))

    # Sam's claim for the same meeting and a bus fare is waiting for Amina.
    services.choice_save(
        project=project,
        user=sam,
        choice="paid",
        address="4 Mill Lane",
        how_to_pay="Bank transfer: details given to Amina",
    )
    waiting = services.claim_start(project=project, user=sam)
    for meeting in attended_meetings(project, sam):
        services.line_add_meeting(claim=waiting, meeting=meeting)
    services.line_add_expense(
        claim=waiting,
        day=today - timedelta(days=30),
        what_for=ClaimLine.WhatFor.TRAVEL,
        what="Bus to the drop-in and back",
        amount=480,
    )
    waiting.refresh_from_db()
    services.claim_send(claim=waiting, total_seen=waiting.total)
