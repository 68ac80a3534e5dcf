from datetime import timedelta

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import DESCRIPTION_FIELDS, Membership, Project

TEXT_LIMIT = 5000
RULE_LIMIT = 500


def _strip(value: str) -> str:
    return value.strip() if isinstance(value, str) else value


class ProjectForm(forms.ModelForm):
    """The project's name and aims. Only the name is needed at first."""

    class Meta:
        model = Project
        fields = DESCRIPTION_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 4, "maxlength": TEXT_LIMIT})
            for name in DESCRIPTION_FIELDS[1:]
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = _("Enter a name for the project.")
        self.fields["name"].error_messages["max_length"] = _(
            "The name must be 120 characters or fewer."
        )
        for name in DESCRIPTION_FIELDS[1:]:
            self.fields[name].validators.append(
                MaxLengthValidator(
                    TEXT_LIMIT,
                    message=_("This can be 5000 characters at most. Try saying it more briefly."),
                )
            )

    def clean_name(self) -> str:
        name = _strip(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError(_("Enter a name for the project."))
        return name


class ProjectEditForm(ProjectForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class SettingsForm(forms.ModelForm):
    completed = forms.BooleanField(
        label=_("This project is completed"),
        required=False,
        help_text=_("The group has finished its work. You can change this later."),
    )
    archived = forms.BooleanField(
        label=_("Archive this project"),
        required=False,
        help_text=_("Archived projects move to the bottom of everyone's list of projects."),
    )

    class Meta:
        model = Project
        fields = ["allow_anonymous"]


def whole_number_input() -> forms.TextInput:
    """A plain text box that brings up the number keypad on phones.

    Browsers' number boxes change the value when someone scrolls over them and read out
    poorly with some screen readers, so a whole number is typed into a text box instead.
    """
    return forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"})


class InvitationForm(forms.Form):
    days = forms.IntegerField(
        widget=whole_number_input(),
        label=_("How many days the link works for"),
        min_value=1,
        max_value=90,
        initial=14,
        help_text=_("Between 1 and 90 days. Most groups choose 14."),
        error_messages={
            "required": _("Enter how many days the link should work for."),
            "invalid": _("Enter the number of days as a whole number, like 14."),
            "min_value": _("The link must work for at least 1 day."),
            "max_value": _("The link can work for 90 days at most."),
        },
    )
    max_uses = forms.IntegerField(
        widget=whole_number_input(),
        label=_("How many people can use it"),
        min_value=1,
        max_value=500,
        required=False,
        help_text=_("Leave this empty to let anyone with the link join."),
        error_messages={
            "invalid": _("Enter the number of people as a whole number, like 10."),
            "min_value": _("At least 1 person must be able to use it."),
            "max_value": _("Enter 500 people or fewer, or leave it empty."),
        },
    )

    def expires_at(self):
        return timezone.now() + timedelta(days=self.cleaned_data["days"])


class EmailInvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Their email address"),
        max_length=254,
        help_text=_("We will send them a short message with a link to join."),
        error_messages={
            "required": _("Enter the email address of the person to invite."),
            "invalid": _("Enter an email address in the right form, like name@example.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class GroundRuleForm(forms.Form):
    text = forms.CharField(
        label=_("Ground rule"),
        max_length=RULE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": RULE_LIMIT}),
        help_text=_("For example: we listen without interrupting. Up to 500 characters."),
        error_messages={
            "required": _("Write the ground rule before adding it."),
            "max_length": _("A ground rule can be 500 characters at most."),
        },
    )

    def clean_text(self) -> str:
        text = _strip(self.cleaned_data["text"])
        if not text:
            raise forms.ValidationError(_("Write the ground rule before adding it."))
        return text


class GroundRuleEditForm(GroundRuleForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Membership.Role.choices,
        error_messages={"invalid_choice": _("Choose facilitator or co-producer.")},
    )
