"""Every change to payments: terms, handlers, choices, claims and their lines.

A claim changes only inside a transaction that holds its row locked, and only from the
status the person saw, so two handlers (or a person and a handler) can't both win.
"""

from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from meetings.models import Meeting
from projects.activity import record_activity
from projects.models import Project
from projects.shared_words.services import words_save

from .models import (
    Choice,
    Claim,
    ClaimLine,
    Handler,
    InvoiceCounter,
    PaymentChoice,
    PaymentTerms,
)
from .money import pence_for_hours


class Refused(Exception):
    """A change that can't be made, with the reason in plain words."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def terms_edit(*, project: Project, editor: User, base_version: int, **fields) -> PaymentTerms:
    terms, _created = PaymentTerms.objects.get_or_create(project=project)
    return words_save(
        item=terms,
        base_version=base_version,
        changes=fields,
        project=project,
        actor=editor,
        kind="payment_terms_changed",
        record=record_activity,
    )


@transaction.atomic
def handlers_set(*, project: Project, user_ids: set[int]) -> None:
    Handler.objects.filter(project=project).exclude(user_id__in=user_ids).delete()
    for user_id in user_ids:
        Handler.objects.get_or_create(project=project, user_id=user_id)


@transaction.atomic
def choice_save(
    *, project: Project, user: User, choice: str, address: str, how_to_pay: str
) -> PaymentChoice:
    saved, _created = PaymentChoice.objects.update_or_create(
        project=project,
        user=user,
        defaults={"choice": choice, "address": address, "how_to_pay": how_to_pay},
    )
    return saved


@transaction.atomic
def claim_start(*, project: Project, user: User) -> Claim:
    """A new claim at today's terms and the person's choice; one draft at a time."""
    choice = PaymentChoice.objects.filter(project=project, user=user).first()
    if choice is None:
        raise Refused(_("Say how you would like to be paid before you start a claim."))
    if choice.choice == Choice.NOTHING:
        raise Refused(
            _("You have chosen to volunteer, so there is nothing to claim. You can change this.")
        )
    draft = (
        Claim.objects.select_for_update()
        .filter(project=project, user=user, status=Claim.Status.DRAFT)
        .first()
    )
    if draft is not None:
        return draft
    terms = PaymentTerms.objects.filter(project=project).first() or PaymentTerms(project=project)
    return Claim.objects.create(
        project=project,
        user=user,
        choice=choice.choice,
        terms_version=terms.version if terms.pk else 0,
        hourly_rate=terms.hourly_rate,
        session_rate=terms.session_rate,
        expense_limit=terms.expense_limit,
        currency=terms.currency,
    )


def _locked(claim: Claim) -> Claim:
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    if not locked.editable:
        raise Refused(
            _("This claim has been %(status)s, so it can no longer be changed.")
            % {"status": locked.get_status_display().lower()}
        )
    return locked


def _check_day(claim: Claim, day: date, hours: Decimal) -> None:
    earlier = claim.lines.filter(day=day, hours__isnull=False).aggregate(h=Sum("hours"))["h"] or 0
    if earlier + hours > 24:
        raise Refused(_("That makes more than 24 hours on one day."), "hours")


def _bump(claim: Claim) -> None:
    claim.version += 1
    claim.total = claim.lines.aggregate(total=Sum("amount"))["total"] or 0
    claim.save(update_fields=["version", "total"])


@transaction.atomic
def line_add_meeting(*, claim: Claim, meeting: Meeting) -> ClaimLine:
    claim = _locked(claim)
    if claim.choice == Choice.EXPENSES:
        raise Refused(_("You chose expenses only, so time is not paid."), "meeting")
    if claim.lines.filter(meeting=meeting).exists():
        raise Refused(_("This meeting is already in the claim."), "meeting")
    starts, ends = meeting.chosen.starts_at, meeting.chosen.ends_at
    hours = (Decimal((ends - starts).total_seconds()) / 3600).quantize(Decimal("0.01"))
    hours = min(hours, Decimal(24))
    # The meeting's day where the project is, as its meeting pages show it.
    day = timezone.localtime(starts, ZoneInfo(claim.project.time_zone)).date()
    _check_day(claim, day, hours)
    amount = claim.session_rate or pence_for_hours(hours, claim.hourly_rate)
    line = claim.lines.create(
        kind=ClaimLine.Kind.MEETING,
        day=day,
        meeting=meeting,
        hours=hours,
        what=meeting.title,
        amount=amount,
    )
    _bump(claim)
    return line


@transaction.atomic
def line_add_time(*, claim: Claim, day: date, hours: Decimal, what: str) -> ClaimLine:
    claim = _locked(claim)
    if claim.choice == Choice.EXPENSES:
        raise Refused(_("You chose expenses only, so time is not paid."), "hours")
    _check_day(claim, day, hours)
    line = claim.lines.create(
        kind=ClaimLine.Kind.TIME,
        day=day,
        hours=hours,
        what=what,
        amount=pence_for_hours(hours, claim.hourly_rate),
    )
    _bump(claim)
    return line


@transaction.atomic
def line_add_expense(
    *,
    claim: Claim,
    day: date,
    what_for: str,
    what: str,
    amount: int,
    receipt=None,
    receipt_type: str = "",
) -> ClaimLine:
    claim = _locked(claim)
    if claim.expense_limit and amount > claim.expense_limit:
        raise Refused(_("That is more than the project pays for one expense."), "amount")
    line = ClaimLine(
        claim=claim,
        kind=ClaimLine.Kind.EXPENSE,
        day=day,
        what_for=what_for,
        what=what,
        amount=amount,
        receipt_type=receipt_type if receipt else "",
    )
    if receipt:
        line.receipt.save(receipt.name, receipt, save=False)
    line.save()
    _bump(claim)
    return line


@transaction.atomic
def line_remove(*, claim: Claim, line_id: int) -> None:
    claim = _locked(claim)
    line = claim.lines.filter(pk=line_id).first()
    if line is None:
        return
    receipt = line.receipt.name
    line.delete()
    _bump(claim)
    if receipt:
        transaction.on_commit(lambda: line.receipt.storage.delete(receipt))


def _next_number(project: Project) -> int:
    InvoiceCounter.objects.get_or_create(project=project)
    counter = InvoiceCounter.objects.select_for_update().get(project=project)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


@transaction.atomic
def claim_send(*, claim: Claim, total_seen: int) -> Claim:
    """Send the claim; the total the person saw must be the one worked out from its lines."""
    claim = _locked(claim)
    total = claim.lines.aggregate(total=Sum("amount"))["total"] or 0
    if not claim.lines.exists():
        raise Refused(_("Add at least one line before sending the claim."))
    if total != total_seen:
        raise Refused(_("The total has changed since you looked. Check it and send it again."))
    if claim.invoice_number is None:
        claim.invoice_number = _next_number(claim.project)
    claim.status = Claim.Status.SENT
    claim.total = total
    claim.sent_at = timezone.now()
    claim.version += 1
    claim.save(update_fields=["invoice_number", "status", "total", "sent_at", "version"])
    return claim


def _move(claim: Claim, *, origin: str, **changes) -> bool:
    """Change the claim only if it is still as the handler saw it; False if someone was first."""
    updated = Claim.objects.filter(pk=claim.pk, status=origin).update(
        version=claim.version + 1, **changes
    )
    claim.refresh_from_db()
    return bool(updated)


def claim_approve(*, claim: Claim, handler: User) -> bool:
    return _move(
        claim,
        origin=Claim.Status.SENT,
        status=Claim.Status.APPROVED,
        approved_at=timezone.now(),
        approved_by=handler,
    )


def claim_ask(*, claim: Claim, handler: User, question: str) -> bool:
    return _move(claim, origin=Claim.Status.SENT, status=Claim.Status.QUESTION, question=question)


def claim_paid(*, claim: Claim, handler: User, paid_on: date) -> bool:
    return _move(
        claim,
        origin=Claim.Status.APPROVED,
        status=Claim.Status.PAID,
        paid_on=paid_on,
        paid_by=handler,
    )
