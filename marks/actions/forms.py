"""Forms for the benchmark's date comparison and the action plan: they only check what was sent."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from projects.models import Project
from projects.shared_words.forms import VersionField, WordsField

from ..models import ACTION_TEXT_LIMIT, Action, Mark

DATE_HINT = _("If you type the date, write the year, month and day, for example 2026-03-27.")
NOT_A_DATE = _("Enter a real date, for example 2026-03-27.")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class CompareForm(forms.Form):
    """Two days to compare the group's agreed scores on."""

    first = forms.DateField(
        label=_("Then"),
        help_text=DATE_HINT,
        widget=DateInput,
        error_messages={"required": _("Enter the first date."), "invalid": NOT_A_DATE},
    )
    second = forms.DateField(
        label=_("Now"),
        help_text=DATE_HINT,
        widget=DateInput,
        error_messages={"required": _("Enter the second date."), "invalid": NOT_A_DATE},
    )

    def clean(self):
        data = super().clean()
        first, second = data.get("first"), data.get("second")
        if first and second and second < first:
            self.add_error("second", _("Choose a date that is the same as or after the first one."))
        return data


class ActionForm(forms.Form):
    """An action the group records: what, what kind, who, by when, and how far it has got."""

    text = WordsField(
        label=_("What will the group do?"),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": ACTION_TEXT_LIMIT}),
        limit=ACTION_TEXT_LIMIT,
        empty_message=_("Write what the action is."),
        too_long_message=_("Keep the action to 1000 characters or fewer."),
    )
    kind = forms.ChoiceField(
        label=_("Is this something you are…"),
        choices=Action.Kind.choices,
        initial=Action.Kind.FORWARD,
        widget=forms.RadioSelect,
        error_messages={
            "required": _(
                "Choose whether you are taking this forward, dropping it or doing it differently."
            ),
            "invalid_choice": _(
                "Choose whether you are taking this forward, dropping it or doing it differently."
            ),
        },
    )
    everyone = forms.BooleanField(label=_("Everyone in the group"), required=False)
    # Checked against the project's members in clean_owners, so an outsider gets a clear message.
    owners = forms.MultipleChoiceField(
        label=_("Or choose who"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    due = forms.DateField(
        label=_("By when"),
        required=False,
        help_text=DATE_HINT,
        widget=DateInput,
        error_messages={"invalid": NOT_A_DATE},
    )
    status = forms.ChoiceField(
        label=_("How far has it got?"),
        choices=Action.Status.choices,
        initial=Action.Status.TODO,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how far the action has got."),
            "invalid_choice": _("Choose how far the action has got."),
        },
    )
    mark = forms.ChoiceField(label=_("Which mark is it about?"), required=False)

    def __init__(self, *args, project: Project, members: list[User], marks: list[Mark], **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.members = {str(u.pk): u for u in members}
        self.marks = {str(m.pk): m for m in marks}
        self.fields["owners"].choices = [(str(u.pk), u.name) for u in members]
        self.fields["mark"].choices = [("", _("The whole project, not one mark"))] + [
            (str(m.pk), m.title) for m in marks
        ]
        # The owners and mark lists are checked in clean_owners and clean_mark, with clearer words.
        for name in ("owners", "mark"):
            self.fields[name].valid_value = lambda value: True

    def clean_owners(self) -> list[User]:
        chosen = self.cleaned_data["owners"]
        # One message for anyone not in the list, never their name: naming them would let
        # anyone read any account's name by sending its id.
        if any(pk not in self.members for pk in chosen):
            raise forms.ValidationError(_("Choose people who are members of this project."))
        return [self.members[pk] for pk in chosen]

    def clean_mark(self) -> Mark | None:
        value = self.cleaned_data["mark"]
        if not value:
            return None
        if value not in self.marks:
            raise forms.ValidationError(_("Choose one of this project's marks."))
        return self.marks[value]


class ActionEditForm(ActionForm):
    version = VersionField()


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=Action.Status.choices,
        error_messages={
            "required": _("Choose how far the action has got."),
            "invalid_choice": _("Choose how far the action has got."),
        },
    )
    version = VersionField()
