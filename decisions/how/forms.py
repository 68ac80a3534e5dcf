from django import forms
from django.utils.translation import gettext_lazy as _

from decisions.models import TEXT_LIMIT, HowWeDecide
from projects.shared_words.forms import WordsField

TOO_LONG = _("Keep this to %(limit)s characters or fewer (it has %(count)s).")


class HowWeDecideForm(forms.Form):
    way = forms.ChoiceField(
        label=_("Our usual way of deciding"),
        choices=HowWeDecide.Way.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the group's usual way of deciding.")},
    )
    other_way = WordsField(
        label=_("Our own way, in our words"),
        help_text=_("Only if you chose another way."),
        limit=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        too_long_message=TOO_LONG,
    )
    vote_when = WordsField(
        label=_("When a facilitator may call for a vote"),
        help_text=_(
            "For example: when we have talked about it at two meetings and still can't agree."
        ),
        limit=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        too_long_message=TOO_LONG,
    )
    open_days = forms.IntegerField(
        label=_("How many days a proposal stays open, unless its writer chooses"),
        min_value=1,
        max_value=90,
        error_messages={
            "required": _("Say how many days a proposal stays open."),
            "min_value": _("A proposal stays open for at least 1 day."),
            "max_value": _("A proposal stays open for 90 days at most."),
            "invalid": _("Write a whole number of days, for example 7."),
        },
    )
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("way") == HowWeDecide.Way.OTHER and not data.get("other_way"):
            self.add_error("other_way", _("Write the group's own way of deciding."))
        return data
