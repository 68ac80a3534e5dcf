from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from .timezones import time_zone_choices
from .validators import not_app_words, one_line

# A name is shown to every member: markup in it is never wanted, so refuse it plainly
# rather than let it look broken once escaped.
no_markup = RegexValidator(
    r"[<>]",
    inverse_match=True,
    message=_("Your name cannot include the < or > signs."),
)


class NameField(forms.CharField):
    """The name other members see: required, trimmed, at most 100 characters, one line, no
    markup, and not a word the app shows in place of a name."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("label", _("Your name"))
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("error_messages", {"required": _("Enter your name.")})
        kwargs.setdefault("widget", forms.TextInput(attrs={"autocomplete": "name"}))
        super().__init__(validators=[no_markup, one_line, not_app_words], **kwargs)


class SignupForm(forms.Form):
    """The extra field allauth's sign-up asks for: the name others will see."""

    name = NameField(
        help_text=_("Other members will see this name. It can be a first name or a nickname."),
    )

    field_order = ["name", "email", "password1", "password2"]

    def signup(self, request, user) -> None:
        # The adapter has already saved the name with the new account (see save_user).
        pass


class NameForm(forms.Form):
    name = NameField(help_text=_("Other members will see this name."))
    time_zone = forms.ChoiceField(
        label=_("Your time zone"),
        required=False,
        help_text=_(
            "Meeting times are shown in each project's time zone. If yours is different, "
            "choose it and you will see both."
        ),
        error_messages={"invalid_choice": _("Choose a time zone from the list.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = [
            ("", _("The same as each project's")),
            *time_zone_choices(),
        ]
