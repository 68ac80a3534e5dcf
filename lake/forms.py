from django import forms
from django.utils.translation import gettext_lazy as _

from projects.on_behalf.forms import OnBehalfFormMixin
from projects.shared_words.forms import VersionField, WordsField

from .models import PLACES, TEXT_LIMIT, Colour, place_choices


class PostItForm(OnBehalfFormMixin, forms.Form):
    """A new post-it. The anonymous choice appears only where the project allows it."""

    text = WordsField(
        label=_("Your idea"),
        help_text=_("Up to 500 characters."),
        widget=forms.Textarea(attrs={"rows": 3}),
        limit=TEXT_LIMIT,
        empty_message=_("Write your idea before adding it."),
        too_long_message=_(
            "A post-it can be %(limit)s characters at most. Yours has %(count)s: "
            "try saying it more briefly, or split it into two post-its."
        ),
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


class PostItEditForm(PostItForm):
    version = VersionField()

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
