from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User

from ..models import Membership


class BreakForm(forms.Form):
    until = forms.DateField(
        label=_("When you think you'll be back (optional)"),
        required=False,
        help_text=_("For example, 3/6/2027. The group sees it; you can come back sooner or later."),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date, for example 3/6/2027.")},
    )
    emails = forms.ChoiceField(
        label=_("Emails from the project while you are away"),
        choices=Membership.BreakEmails.choices,
        initial=Membership.BreakEmails.NOTHING,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose which emails you want while you are away.")},
    )
    cover = forms.ModelChoiceField(
        label=_("Who looks after the project while you are away"),
        queryset=User.objects.none(),
        empty_label=_("Choose a facilitator"),
        help_text=_("Another facilitator, who runs meetings and invitations meanwhile."),
        error_messages={
            "required": _("Choose who looks after the project while you are away."),
            "invalid_choice": _("Choose one of the other facilitators."),
        },
    )

    def __init__(self, *args, cover_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if cover_choices is None:
            del self.fields["cover"]
        else:
            self.fields["cover"].queryset = cover_choices

    def clean_until(self):
        until = self.cleaned_data.get("until")
        if until is not None and until < timezone.localdate():
            raise forms.ValidationError(_("The date you'll be back can't be in the past."))
        return until
