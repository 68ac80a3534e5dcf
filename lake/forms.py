import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from marks.services import normalise_text

from .models import PLACES, TEXT_LIMIT, Colour, place_choices


class PostItForm(forms.Form):
    """A new post-it. The anonymous choice appears only where the project allows it."""

    text = forms.CharField(
        label=_("Your idea"),
        help_text=_("Up to 500 characters."),
        error_messages={"required": _("Write your idea before adding it.")},
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    colour = forms.ChoiceField(
        label=_("Colour"),
        choices=Colour.choices,
        initial=Colour.YELLOW,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the colours shown.")},
    )
    place = forms.ChoiceField(
        label=_("Where on the lake"),
        error_messages={
            "invalid_choice": _("Choose an island or the water from the list."),
            "required": _("Choose an island or the water from the list."),
        },
    )
    anonymous = forms.BooleanField(
        label=_("Add this post-it anonymously"),
        help_text=_(
            "Your name will not be shown or kept with it, so nobody can trace it back to you. "
            "That also means you can't change its words afterwards."
        ),
        required=False,
    )

    def __init__(self, *args, allow_anonymous: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = place_choices()
        if not allow_anonymous:
            del self.fields["anonymous"]

    def clean_text(self) -> str:
        text = unicodedata.normalize("NFC", normalise_text(self.cleaned_data["text"] or ""))
        if not text:
            raise forms.ValidationError(_("Write your idea before adding it."))
        if len(text) > TEXT_LIMIT:
            raise forms.ValidationError(
                _(
                    "A post-it can be 500 characters at most. Yours has %(count)s: "
                    "try saying it more briefly, or split it into two post-its."
                )
                % {"count": f"{len(text):,}"}
            )
        return text


class PostItEditForm(PostItForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, allow_anonymous=False, **kwargs)
        del self.fields["place"]
        self.fields["text"].label = _("Your post-it")


class MoveForm(forms.Form):
    place = forms.ChoiceField(
        error_messages={
            "invalid_choice": _("That place is not on the lake. Choose an island or the water."),
            "required": _("Choose where on the lake to move the post-it."),
        },
    )
    # Where among the post-its already there, counted from 0; the end when left out.
    position = forms.IntegerField(required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = [(key, key) for key in PLACES]
