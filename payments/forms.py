"""Forms for payments: money is read as whole pence, receipts are checked by their content."""

from datetime import date
from decimal import Decimal

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.shared_words.forms import VersionField, WordsField

from .models import NOTE_LIMIT, TEXT_LIMIT, WHAT_LIMIT, Choice, ClaimLine, TermsFields
from .money import as_amount, to_pence

# The first bytes of each kind of file a receipt may be.
RECEIPT_KINDS = [
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"%PDF-", "application/pdf"),
]


def receipt_type(head: bytes) -> str | None:
    for magic, kind in RECEIPT_KINDS:
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


class MoneyField(forms.CharField):
    """An amount as people type it ("12.50"), cleaned to whole pence."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 12)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return as_amount(value) if isinstance(value, int) else value

    def clean(self, value):
        text = super().clean(value)
        if text in ("", None):
            return 0
        pence = to_pence(text)
        if pence is None:
            raise forms.ValidationError(_("Write an amount like 12.50."), code="invalid")
        if pence < 0:
            raise forms.ValidationError(_("An amount can't be less than nothing."), code="min")
        if pence > 1_000_000_00:
            raise forms.ValidationError(_("That amount is too large."), code="max")
        return pence


def _text(label, help_text="", limit=TEXT_LIMIT):
    return WordsField(
        label=label,
        limit=limit,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 3}),
        too_long_message=_("This can be %(limit)s characters at most."),
    )


def _field(name):
    return TermsFields._meta.get_field(name)


class TermsForm(forms.Form):
    what_is_paid = _text(_field("what_is_paid").verbose_name, _field("what_is_paid").help_text)
    hourly_rate = MoneyField(
        label=_field("hourly_rate").verbose_name,
        required=False,
        help_text=_("An amount like 15.00. Leave empty if time is not paid by the hour."),
    )
    session_rate = MoneyField(
        label=_field("session_rate").verbose_name,
        required=False,
        help_text=_("An amount like 40.00. Leave empty to pay meetings by the hour."),
    )
    expenses_covered = _text(
        _field("expenses_covered").verbose_name, _field("expenses_covered").help_text
    )
    expense_limit = MoneyField(
        label=_field("expense_limit").verbose_name,
        required=False,
        help_text=_("An amount like 30.00. Leave empty for no limit."),
    )
    how_to_claim = _text(_field("how_to_claim").verbose_name)
    benefits_advice = _text(
        _field("benefits_advice").verbose_name, _field("benefits_advice").help_text, 500
    )
    invoice_to = _text(_field("invoice_to").verbose_name, _field("invoice_to").help_text, 500)
    currency = forms.ChoiceField(label=_("Currency"), choices=_field("currency").choices)
    version = VersionField()


class ChoiceForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("How would you like to be paid?"),
        choices=Choice.choices,
        widget=forms.RadioSelect,
        help_text=_("You can change this at any time. It counts from your next claim."),
        error_messages={"required": _("Choose how you would like to be paid.")},
    )
    address = _text(_("Your address, for invoices"), limit=500)
    how_to_pay = _text(
        _("How you would like to be paid"),
        _("For example: bank details. Only you and the people who handle payments see this."),
        500,
    )


def _past_day(value: date) -> date:
    if value > timezone.localdate():
        raise forms.ValidationError(_("The date can't be in the future."), code="future")
    return value


class DayField(forms.DateField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Date"))
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}))
        kwargs.setdefault(
            "error_messages",
            {"required": _("Enter the date."), "invalid": _("Enter a real date.")},
        )
        super().__init__(validators=[_past_day], **kwargs)


class MeetingLineForm(forms.Form):
    meeting = forms.TypedChoiceField(
        label=_("A meeting you came to"),
        coerce=int,
        error_messages={
            "required": _("Choose a meeting."),
            "invalid_choice": _("You can claim only for meetings the record says you came to."),
        },
    )

    def __init__(self, *args, meetings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.meetings = {m.pk: m for m in meetings}
        self.fields["meeting"].choices = [("", _("Choose a meeting"))] + [
            (m.pk, f"{m.title} ({timezone.localtime(m.chosen.starts_at):%d/%m/%Y})")
            for m in meetings
        ]


class TimeLineForm(forms.Form):
    day = DayField()
    hours = forms.DecimalField(
        label=_("Hours"),
        min_value=Decimal("0.25"),
        max_value=Decimal(24),
        max_digits=4,
        decimal_places=2,
        help_text=_("For example 1.5 for an hour and a half."),
        error_messages={
            "required": _("Enter the hours."),
            "invalid": _("Enter the hours as a number, like 1.5."),
            "min_value": _("Enter at least a quarter of an hour (0.25)."),
            "max_value": _("A day has 24 hours at most."),
        },
    )
    what = WordsField(
        label=_("What the work was"),
        limit=WHAT_LIMIT,
        empty_message=_("Say what the work was."),
        too_long_message=_("This can be %(limit)s characters at most."),
    )


class ExpenseLineForm(forms.Form):
    day = DayField()
    what_for = forms.ChoiceField(
        label=_("What for"),
        choices=ClaimLine.WhatFor.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what the expense was for.")},
    )
    what = WordsField(
        label=_("A few words about it"),
        limit=WHAT_LIMIT,
        help_text=_("For example: bus to the meeting and back."),
        empty_message=_("Say what the expense was."),
        too_long_message=_("This can be %(limit)s characters at most."),
    )
    amount = MoneyField(
        label=_("Amount"),
        help_text=_("For example 4.80."),
        error_messages={"required": _("Enter the amount.")},
    )
    receipt = forms.FileField(
        label=_("A photo or PDF of the receipt"),
        required=False,
        help_text=_("A JPEG, PNG, WebP or GIF photo, or a PDF."),
    )

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount <= 0:
            raise forms.ValidationError(_("Enter an amount more than nothing."), code="min")
        return amount

    def clean_receipt(self):
        receipt = self.cleaned_data.get("receipt")
        if not receipt:
            return None
        limit = settings.RECEIPT_MAX_BYTES
        if receipt.size > limit:
            raise forms.ValidationError(
                _("The receipt is too large: it can be %(size)s MB at most.")
                % {"size": f"{limit / 1024 / 1024:g}"},
                code="too_large",
            )
        head = receipt.read(16)
        receipt.seek(0)
        kind = receipt_type(head)
        if kind is None:
            raise forms.ValidationError(
                _("The receipt must be a photo (JPEG, PNG, WebP or GIF) or a PDF."),
                code="kind",
            )
        self.receipt_type = kind
        return receipt


class SendForm(forms.Form):
    total = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class QuestionForm(forms.Form):
    question = WordsField(
        label=_("Your question"),
        limit=NOTE_LIMIT,
        empty_message=_("Write the question."),
        too_long_message=_("This can be %(limit)s characters at most."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PaidForm(forms.Form):
    paid_on = DayField(label=_("The day it was paid"))


class HandlersForm(forms.Form):
    handlers = forms.TypedMultipleChoiceField(
        label=_("Who handles payments"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They, and each person themselves, see that person's claims and choices."),
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handlers"].choices = [(m.user_id, m.user.display_name) for m in members]


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))
