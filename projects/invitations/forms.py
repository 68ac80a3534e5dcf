"""Forms for making an invitation link and for inviting someone by email."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
