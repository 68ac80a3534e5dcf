from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.validators import one_line

from .models import TEXT_LIMIT, Membership, Project
from .shared_words.forms import VersionField, WordsField


def _aims_field(name: str, **kwargs) -> WordsField:
    """A field of the aims, labelled and explained as the model is."""
    field = Project._meta.get_field(name)
    return WordsField(label=field.verbose_name, help_text=field.help_text, **kwargs)


def _aims_text(name: str) -> WordsField:
    return _aims_field(
        name,
        limit=TEXT_LIMIT,
        too_long_message=_("This can be 5000 characters at most. Try saying it more briefly."),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": TEXT_LIMIT}),
    )


class ProjectForm(forms.Form):
    """The project's name and aims. Only the name is needed at first."""

    name = _aims_field(
        "name",
        limit=Project._meta.get_field("name").max_length,
        empty_message=_("Enter a name for the project."),
        validators=[one_line],
        too_long_message=_("The name must be 120 characters or fewer."),
        widget=forms.TextInput(attrs={"maxlength": Project._meta.get_field("name").max_length}),
    )
    purpose = _aims_text("purpose")
    out_of_scope = _aims_text("out_of_scope")
    outcomes = _aims_text("outcomes")
    decisions = _aims_text("decisions")
    tracking = _aims_text("tracking")


class ProjectEditForm(ProjectForm):
    version = VersionField()


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
    version = VersionField()

    class Meta:
        model = Project
        fields = ["allow_anonymous", "members_may_set_aside", "quick_exit", "time_zone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A form sent without a zone (an older page, say) keeps the project's own.
        self.fields["time_zone"].required = False
        self.fields["time_zone"].error_messages["invalid_choice"] = _(
            "Choose a time zone from the list."
        )

    def clean_time_zone(self) -> str:
        return self.cleaned_data.get("time_zone") or self.instance.time_zone


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Membership.Role.choices,
        error_messages={"invalid_choice": _("Choose facilitator or co-producer.")},
    )


class RemoveMemberForm(forms.Form):
    stop_links = forms.BooleanField(
        label=_("Also stop the project's open invitation links"),
        required=False,
        help_text=_(
            "The person you remove can't use them to come back either way. Stop them if the "
            "links may have reached people the group didn't mean to invite."
        ),
    )
