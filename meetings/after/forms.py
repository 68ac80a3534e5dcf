"""The check-out, a support contact, and the meeting's notes."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.shared_words.forms import WordsField

from ..models import (
    CHECK_OUT_WORDS_LIMIT,
    MEETING_NOTES_LIMIT,
    SUPPORT_NAME_LIMIT,
    SUPPORT_OFFER_LIMIT,
    SUPPORT_REACH_LIMIT,
    CheckOut,
)

# A phone number as people write it: digits, spaces, brackets, dashes, a leading +.
PHONE = re.compile(r"^\+?[\d\s()\-.]{6,30}$")


class CheckOutForm(forms.Form):
    feeling = forms.ChoiceField(
        label=_("How are you after today?"),
        choices=CheckOut.Feeling.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("Only you see your answer. You can change or remove it at any time."),
        error_messages={"invalid_choice": _("Choose one of the answers, or none.")},
    )
    words = WordsField(
        label=_("A few words, if you like"),
        limit=CHECK_OUT_WORDS_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": CHECK_OUT_WORDS_LIMIT}),
        help_text=_("Only you see these words. Up to 500 characters."),
        too_long_message=_("Keep it to %(limit)s characters or fewer (you wrote %(count)s)."),
    )
    share_name = forms.BooleanField(
        label=_("Tell the facilitators my name, so someone can get in touch"),
        required=False,
        help_text=_(
            "Only if you chose “I'd like to talk to someone”. Leave it and they see only that "
            "someone asked."
        ),
    )

    def clean(self):
        data = super().clean()
        feeling, words = data.get("feeling", ""), data.get("words", "")
        if not self.errors and not feeling and not words:
            self.add_error(
                "feeling", _("Choose an answer or write a few words, or leave this for now.")
            )
        if data.get("share_name") and feeling != CheckOut.Feeling.TALK:
            self.add_error(
                "share_name",
                _(
                    "Giving your name is only for asking to talk. Choose that answer, or untick this."
                ),
            )
        return data


class SupportContactForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=SUPPORT_NAME_LIMIT,
        help_text=_("A person or a service, for example: Samaritans."),
        error_messages={
            "required": _("Write who people can contact."),
            "max_length": _("Keep the name to 100 characters or fewer."),
        },
    )
    reach = forms.CharField(
        label=_("Phone number or link"),
        max_length=SUPPORT_REACH_LIMIT,
        help_text=_("A phone number, or a web address starting with https://."),
        error_messages={
            "required": _("Write a phone number or a link."),
            "max_length": _("Keep it to 200 characters or fewer."),
        },
    )
    offer = forms.CharField(
        label=_("What they offer"),
        max_length=SUPPORT_OFFER_LIMIT,
        required=False,
        help_text=_("For example: someone to talk to outside the project, any time."),
        error_messages={"max_length": _("Keep it to 200 characters or fewer.")},
    )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Write who people can contact."))
        return name

    def clean_reach(self) -> str:
        reach = self.cleaned_data["reach"].strip()
        if reach.lower().startswith(("https://", "http://")):
            if len(reach) < 12 or " " in reach:
                raise forms.ValidationError(_("That link doesn't look complete."))
            return reach
        if PHONE.match(reach):
            return reach
        raise forms.ValidationError(
            _("Write a phone number (digits and spaces) or a link starting with https://.")
        )

    def clean_offer(self) -> str:
        return " ".join(self.cleaned_data["offer"].split())


class MeetingNotesForm(forms.Form):
    text = WordsField(
        label=_("Notes of the meeting"),
        limit=MEETING_NOTES_LIMIT,
        widget=forms.Textarea(attrs={"rows": 12, "maxlength": MEETING_NOTES_LIMIT}),
        help_text=_("What was said and decided. Anyone in the group can add to these notes."),
        empty_message=_("Write the notes before saving them."),
        too_long_message=_("The notes can be %(limit)s characters at most (they are %(count)s)."),
    )
    # 0 while the meeting has no notes yet: the first save makes them.
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={
            "required": _("This form is out of date. Open it again and make your change.")
        },
    )
