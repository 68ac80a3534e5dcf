from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from .models import DESCRIPTION_FIELDS, TEXT_LIMIT, Membership, Project


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
        fields = ["allow_anonymous", "members_may_set_aside"]


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Membership.Role.choices,
        error_messages={"invalid_choice": _("Choose facilitator or co-producer.")},
    )
