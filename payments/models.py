"""What a project pays, who handles it, each person's choice, and claims with their lines.

Money is whole pence in integer columns, never floats.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting
from projects.models import Project
from projects.shared_words.models import EditedWording, SharedWords

TEXT_LIMIT = 2000
WHAT_LIMIT = 200
NOTE_LIMIT = 500
CURRENCIES = {"GBP": "£", "EUR": "€", "USD": "$"}


class TermsFields(models.Model):
    """The fields of the payment terms, shared by the terms and each earlier wording."""

    what_is_paid = models.TextField(
        _("What the project pays for"),
        blank=True,
        help_text=_("For example: meetings, reading before a meeting, other work."),
    )
    hourly_rate = models.PositiveIntegerField(_("Pay for each hour"), default=0)
    session_rate = models.PositiveIntegerField(_("Pay for each meeting"), default=0)
    expenses_covered = models.TextField(
        _("Which expenses are paid back"),
        blank=True,
        help_text=_("For example: bus and train fares, care or childcare, phone data, food."),
    )
    expense_limit = models.PositiveIntegerField(_("Most for one expense"), default=0)
    how_to_claim = models.TextField(
        _("How to claim, who says yes and how soon people are paid"), blank=True
    )
    benefits_advice = models.TextField(
        _("Where to get advice about benefits"),
        blank=True,
        help_text=_("A web address or a phone number."),
    )
    invoice_to = models.TextField(
        _("Who invoices are addressed to"),
        blank=True,
        help_text=_("The organisation's name and address."),
    )
    currency = models.CharField(
        _("Currency"),
        max_length=3,
        default="GBP",
        choices=[("GBP", _("Pounds (£)")), ("EUR", _("Euros (€)")), ("USD", _("Dollars ($)"))],
    )

    WORDING = (
        "what_is_paid",
        "hourly_rate",
        "session_rate",
        "expenses_covered",
        "expense_limit",
        "how_to_claim",
        "benefits_advice",
        "invoice_to",
        "currency",
    )

    class Meta:
        abstract = True


class PaymentTerms(TermsFields, SharedWords):
    """The project's payment terms, written by facilitators, read by every member."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="payment_terms")
    wording_fields = TermsFields.WORDING

    class Meta:
        verbose_name_plural = "payment terms"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(currency__in=list(CURRENCIES)), name="payment_terms_currency"
            ),
        ]


class PaymentTermsRevision(TermsFields, EditedWording):
    terms = models.ForeignKey(PaymentTerms, on_delete=models.CASCADE, related_name="revisions")

    class Meta(EditedWording.Meta):
        constraints = [
            models.UniqueConstraint(fields=["terms", "version"], name="payment_terms_revision"),
        ]


class Handler(models.Model):
    """A member a facilitator named to handle payments for the project."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="payment_handlers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="payment_handler_unique"),
        ]


class Choice(models.TextChoices):
    PAID = "paid", _("Paid as agreed")
    VOUCHERS = "vouchers", _("Vouchers")
    EXPENSES = "expenses", _("Expenses only")
    NOTHING = "nothing", _("Nothing: I am volunteering")


class PaymentChoice(models.Model):
    """One person's own choice, seen only by them and the payment handlers."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="payment_choices"
    )
    choice = models.CharField(
        _("How would you like to be paid?"), max_length=10, choices=Choice.choices
    )
    address = models.TextField(_("Your address, for invoices"), blank=True)
    how_to_pay = models.TextField(
        _("How you would like to be paid"),
        blank=True,
        help_text=_(
            "For example: bank details. Only you and the people who handle payments see this."
        ),
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="payment_choice_unique"),
            models.CheckConstraint(
                condition=models.Q(choice__in=Choice.values), name="payment_choice_valid"
            ),
        ]


class InvoiceCounter(models.Model):
    """The last invoice number a project gave; locked while the next one is taken."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="+")
    last = models.PositiveIntegerField(default=0)


class Claim(models.Model):
    """A person's claim for time and expenses, at the rates of the terms it was made under."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Not sent yet")
        SENT = "sent", _("Sent")
        QUESTION = "question", _("A question for you")
        APPROVED = "approved", _("Approved")
        PAID = "paid", _("Paid")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="claims")
    # Kept when an account is deleted: the row then reads "A former member".
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="payment_claims"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    choice = models.CharField(max_length=10, choices=Choice.choices)
    # The terms it was made under.
    terms_version = models.PositiveIntegerField(default=0)
    hourly_rate = models.PositiveIntegerField(default=0)
    session_rate = models.PositiveIntegerField(default=0)
    expense_limit = models.PositiveIntegerField(default=0)
    currency = models.CharField(max_length=3, default="GBP")
    total = models.PositiveIntegerField(default=0)
    invoice_number = models.PositiveIntegerField(null=True, blank=True)
    question = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    paid_on = models.DateField(null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Goes up with every change, so a page drawn before one is noticed.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "invoice_number"], name="payment_invoice_number_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "sent", "question", "approved", "paid"]),
                name="payment_claim_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft")
                | models.Q(invoice_number__isnull=False, sent_at__isnull=False),
                name="payment_claim_sent_has_number",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="paid") | models.Q(paid_on__isnull=False),
                name="payment_claim_paid_has_date",
            ),
        ]

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.QUESTION)


def receipt_path(line: "ClaimLine", filename: str) -> str:
    """A name nobody can guess, keeping only the kind of file from the person's own name."""
    suffix = PurePath(filename).suffix.lower()[:5]
    return f"receipts/{uuid.uuid4().hex}{suffix}"


class ClaimLine(models.Model):
    """One line of a claim: a meeting, other work, or an expense; its amount worked out here."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("A meeting")
        TIME = "time", _("Other work")
        EXPENSE = "expense", _("An expense")

    class WhatFor(models.TextChoices):
        TRAVEL = "travel", _("Travel")
        CARE = "care", _("Care or childcare")
        DATA = "data", _("Internet or phone data")
        FOOD = "food", _("Food")
        OTHER = "other", _("Something else")

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    day = models.DateField()
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hours = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    what_for = models.CharField(max_length=10, choices=WhatFor.choices, blank=True)
    what = models.CharField(max_length=WHAT_LIMIT)
    amount = models.PositiveIntegerField()
    receipt = models.FileField(upload_to=receipt_path, blank=True)
    receipt_type = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["day", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["meeting", "time", "expense"]),
                name="payment_line_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(hours__isnull=True) | models.Q(hours__gt=0, hours__lte=24),
                name="payment_line_hours_in_a_day",
            ),
            models.CheckConstraint(condition=~models.Q(what=""), name="payment_line_what"),
        ]
