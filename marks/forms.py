import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.validators import one_line

from .models import EXPLANATION_LIMIT, NOTE_LIMIT, TITLE_LIMIT
from .services import normalise_text


def _clean(value: str) -> str:
    # Count as a person would: one character per line break, accents composed.
    return unicodedata.normalize("NFC", normalise_text(value or ""))


class MarkForm(forms.Form):
    """A mark's wording. Lengths are checked after line breaks are counted as one character."""

    title = forms.CharField(
        label=_("The mark, in a few words"),
        help_text=_("For example: Share the paperwork fairly. Up to 200 characters."),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    explanation = forms.CharField(
        label=_("What it means"),
        help_text=_("A few plain sentences about what doing this well looks like."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_title(self) -> str:
        title = _clean(self.cleaned_data["title"])
        if not title:
            raise forms.ValidationError(_("Write the mark in a few words."))
        one_line(title)
        if len(title) > TITLE_LIMIT:
            raise forms.ValidationError(
                _("The mark can be %(limit)s characters at most. You have %(count)s.")
                % {"limit": TITLE_LIMIT, "count": len(title)}
            )
        return title

    def clean_explanation(self) -> str:
        explanation = _clean(self.cleaned_data["explanation"])
        if len(explanation) > EXPLANATION_LIMIT:
            raise forms.ValidationError(
                _("What it means can be %(limit)s characters at most. You have %(count)s.")
                % {"limit": EXPLANATION_LIMIT, "count": len(explanation)}
            )
        return explanation


class MarkEditForm(MarkForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class NoteForm(forms.Form):
    """One note. The anonymous choice appears only where the project allows it."""

    text = forms.CharField(
        label=_("Your note"),
        help_text=_("Up to 2,000 characters."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    anonymous = forms.BooleanField(
        label=_("Add this note anonymously"),
        help_text=_(
            "Your name will not be shown or kept with the note, so nobody can trace it back "
            "to you. That also means you can't change or delete it afterwards."
        ),
        required=False,
    )

    def __init__(self, *args, allow_anonymous: bool = False, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not allow_anonymous:
            del self.fields["anonymous"]
        if label:
            self.fields["text"].label = label

    def clean_text(self) -> str:
        text = _clean(self.cleaned_data["text"])
        if not text:
            raise forms.ValidationError(_("Write your note before adding it."))
        if len(text) > NOTE_LIMIT:
            raise forms.ValidationError(
                _(
                    "A note can be 2,000 characters at most. Yours has %(count)s: "
                    "try saying it more briefly, or split it into two notes."
                )
                % {"count": f"{len(text):,}"}
            )
        return text


class NoteEditForm(NoteForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, allow_anonymous=False, **kwargs)
