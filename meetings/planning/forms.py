"""The forms of planning a meeting: they only check what was sent."""

from datetime import date, datetime

from django import forms
from django.core.validators import MaxLengthValidator, URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.timezones import zone

from ..models import (
    ANSWER_NOTE_LIMIT,
    DETAIL_LIMIT,
    MAX_OPTIONS,
    MIN_OPTIONS,
    NOTE_LIMIT,
    THOUGHTS_LIMIT,
    TITLE_LIMIT,
    Answer,
    Attendance,
    Fact,
    Meeting,
)
from ..services import PLACE_FIELDS
from ..times import aware, exists


class ProposeForm(forms.Form):
    title = forms.CharField(
        label=_("What the meeting is for"),
        max_length=TITLE_LIMIT,
        help_text=_("A few words, for example: “Planning the summer open day”."),
        error_messages={
            "required": _("Say in a few words what the meeting is for."),
            "max_length": _("Keep this to 120 characters or fewer."),
        },
    )
    note = forms.CharField(
        label=_("A note for the group"),
        required=False,
        max_length=NOTE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Keep the note to 1000 characters or fewer.")},
    )


class TimeForm(forms.Form):
    """One possible time: a day, a start and an end, in the project's time zone."""

    day = forms.DateField(
        label=_("Date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a real date, for example 2026-03-17.")},
    )
    start = forms.TimeField(
        label=_("Starts at"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Enter a time, for example 14:00.")},
    )
    end = forms.TimeField(
        label=_("Ends at"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Enter a time, for example 15:30.")},
    )

    def __init__(self, *args, zone_name: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone_name = zone_name

    def is_blank(self) -> bool:
        return not any(self.cleaned_data.get(name) for name in ("day", "start", "end"))

    def clean(self):
        data = super().clean()
        if self.errors or self.is_blank():
            return data
        day, start, end = data.get("day"), data.get("start"), data.get("end")
        if not day:
            self.add_error("day", _("Enter the date of this time."))
        if not start:
            self.add_error("start", _("Enter when this time starts."))
        if not end:
            self.add_error("end", _("Enter when this time ends."))
        if self.errors:
            return data
        starts_at = aware(day, start, self.zone_name)
        ends_at = aware(day, end, self.zone_name)
        today = timezone.now().astimezone(zone(self.zone_name)).date()
        if end <= start:
            self.add_error("end", _("The end must be after the start."))
        elif day < today:
            self.add_error("day", _("This date has passed. Choose today or a later date."))
        elif starts_at <= timezone.now():
            self.add_error("start", _("This time has passed. Choose a later start."))
        elif not exists(starts_at) or not exists(ends_at):
            self.add_error(
                "start",
                _(
                    "The clocks change at this time on this day, so it doesn't exist. Choose another."
                ),
            )
        else:
            data["starts_at"], data["ends_at"] = starts_at, ends_at
        return data


class BaseTimeFormSet(forms.BaseFormSet):
    default_error_messages = {"too_many_forms": _("Offer 30 possible times at most.")}

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        filled = [form for form in self.forms if not form.is_blank()]
        if len(filled) < MIN_OPTIONS:
            raise forms.ValidationError(_("Offer at least 2 possible times."))
        if len(filled) > MAX_OPTIONS:
            raise forms.ValidationError(_("Offer 30 possible times at most."))
        spans = [(f.cleaned_data["starts_at"], f.cleaned_data["ends_at"]) for f in filled]
        if len(set(spans)) != len(spans):
            raise forms.ValidationError(_("The same time is offered twice. Remove one."))

    def times(self) -> list[tuple[datetime, datetime]]:
        return [
            (form.cleaned_data["starts_at"], form.cleaned_data["ends_at"])
            for form in self.forms
            if not form.is_blank()
        ]


# A browser shows a few empty rows; "Add more times" adds more, up to the limit.
TimeFormSet = forms.formset_factory(
    TimeForm,
    formset=BaseTimeFormSet,
    extra=3,
    max_num=MAX_OPTIONS,
    validate_max=True,
    absolute_max=MAX_OPTIONS + 20,
)


class AnswerForm(forms.Form):
    """A group of three choices for each possible time, and an optional short note."""

    note = forms.CharField(
        label=_("A note with your answers"),
        required=False,
        max_length=ANSWER_NOTE_LIMIT,
        help_text=_("Optional. For example: “I need to leave by 3 for school pick-up.”"),
        error_messages={"max_length": _("Keep the note to 200 characters or fewer.")},
    )

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        note = self.fields.pop("note")
        for row in rows:
            self.fields[f"time_{row.option.pk}"] = forms.ChoiceField(
                label=row.label,
                required=False,
                choices=Answer.Value.choices,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Choose Yes, If I must or No.")},
            )
        self.fields["note"] = note
        self.option_ids = [row.option.pk for row in rows]

    def answers(self) -> dict[int, str]:
        return {
            option_id: self.cleaned_data[f"time_{option_id}"]
            for option_id in self.option_ids
            if self.cleaned_data.get(f"time_{option_id}")
        }

    def clean(self):
        data = super().clean()
        if not self.errors and not self.answers() and not data.get("note"):
            raise forms.ValidationError(_("Answer at least one of the times before you save."))
        return data


class ChooseForm(forms.Form):
    option = forms.TypedChoiceField(
        label=_("The time the group will meet"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose one of the times."),
            "invalid_choice": _("Choose one of the times offered."),
        },
    )

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["option"].choices = [
            (
                row.option.pk,
                _("%(time)s: %(yes)d yes, %(maybe)d if they must, %(no)d no")
                % {"time": row.label, "yes": row.yes, "maybe": row.if_need_be, "no": row.no},
            )
            for row in rows
        ]


FACT_CHOICES = [("", _("Not known yet")), *Fact.choices]
WEB_ADDRESS = URLValidator(
    schemes=["http", "https"],
    message=_("Enter a web address starting with https:// or http://."),
)


class PlaceForm(forms.ModelForm):
    """Where and how: all optional, in plain words."""

    class Meta:
        model = Meeting
        fields = PLACE_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "address",
                "directions",
                "food_and_drink",
                "arrival_contact",
                "phone_join",
                "what_to_expect",
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in (
            "step_free",
            "accessible_toilet",
            "hearing_loop",
            "quiet_room",
            "cameras_optional",
        ):
            field = self.fields[name]
            self.fields[name] = forms.ChoiceField(
                label=field.label,
                required=False,
                choices=FACT_CHOICES,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Choose yes, no or not known yet.")},
            )
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and not isinstance(field, forms.URLField):
                field.validators.append(
                    MaxLengthValidator(
                        DETAIL_LIMIT, message=_("Keep this to 1000 characters or fewer.")
                    )
                )
        link = self.fields["link"]
        link.validators = [WEB_ADDRESS]
        link.error_messages["invalid"] = WEB_ADDRESS.message
        link.error_messages["max_length"] = _("Keep the web address to 500 characters or fewer.")

    def clean_link(self) -> str:
        link = (self.cleaned_data.get("link") or "").strip()
        if link and not link.lower().startswith(("http://", "https://")):
            raise forms.ValidationError(WEB_ADDRESS.message)
        return link


class AttendanceForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Are you coming?"),
        choices=Attendance.Status.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose whether you are coming."),
            "invalid_choice": _("Choose in person, online or not this time."),
        },
    )


class ThoughtsForm(forms.Form):
    text = forms.CharField(
        label=_("Your thoughts for the meeting"),
        max_length=THOUGHTS_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The group reads them at the meeting. Up to 2000 characters."),
        error_messages={
            "required": _("Write your thoughts before you send them."),
            "max_length": _("Keep your thoughts to 2000 characters or fewer."),
        },
    )
    anonymous = forms.BooleanField(
        label=_("Leave them without my name"),
        required=False,
        help_text=_("Your name is not kept with them, so you can't change them later."),
    )

    def __init__(self, *args, allow_anonymous: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not allow_anonymous:
            del self.fields["anonymous"]


class EmailChoiceForm(forms.Form):
    email = forms.BooleanField(
        label=_("Email me about this project's meetings"),
        required=False,
        help_text=_(
            "When a meeting's time is chosen, and a reminder the day before it. "
            "You can change this at any time."
        ),
    )


def today_in(zone_name: str) -> date:
    return timezone.now().astimezone(zone(zone_name)).date()
