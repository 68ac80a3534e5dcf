from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.validators import one_line
from projects.on_behalf.forms import OnBehalfFormMixin
from projects.shared_words.forms import VersionField, WordsField

from .models import EXPLANATION_LIMIT, NOTE_LIMIT, TITLE_LIMIT


class MarkForm(forms.Form):
    """A mark's wording. Lengths are checked after line breaks are counted as one character."""

    title = WordsField(
        label=_("The mark, in a few words"),
        help_text=_("For example: Share the paperwork fairly. Up to 200 characters."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        limit=TITLE_LIMIT,
        empty_message=_("Write the mark in a few words."),
        validators=[one_line],
        too_long_message=_("The mark can be %(limit)s characters at most. You have %(count)s."),
    )
    explanation = WordsField(
        label=_("What it means"),
        help_text=_("A few plain sentences about what doing this well looks like."),
        widget=forms.Textarea(attrs={"rows": 4}),
        limit=EXPLANATION_LIMIT,
        too_long_message=_(
            "What it means can be %(limit)s characters at most. You have %(count)s."
        ),
    )


class MarkEditForm(MarkForm):
    version = VersionField()


class NoteForm(OnBehalfFormMixin, forms.Form):
    """One note. The anonymous choice appears only where the project allows it."""

    text = WordsField(
        label=_("Your note"),
        help_text=_("Up to 2,000 characters."),
        widget=forms.Textarea(attrs={"rows": 3}),
        limit=NOTE_LIMIT,
        empty_message=_("Write your note before adding it."),
        too_long_message=_(
            "A note can be %(limit)s characters at most. Yours has %(count)s: "
            "try saying it more briefly, or split it into two notes."
        ),
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


class NoteEditForm(NoteForm):
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, allow_anonymous=False, **kwargs)
