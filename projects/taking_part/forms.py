"""The form where a member says what helps them take part."""

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.models import TAKING_PART_TEXT_LIMIT, TakingPart
from projects.shared_words.forms import WordsField

YES, NO = "yes", "no"


class TakingPartForm(forms.Form):
    needs = forms.MultipleChoiceField(
        label=_("What helps you take part?"),
        help_text=_("Tick any that help you. You don't have to tick anything."),
        choices=[(name, TakingPart.label(name)) for name in TakingPart.NEEDS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Choose from the list of things that help.")},
    )
    other_needs = WordsField(
        label=_("Anything else that helps you"),
        help_text=_("For example: a seat near the door, or a reminder the day before."),
        limit=TAKING_PART_TEXT_LIMIT,
        too_long_message=_(
            "This can be %(limit)s characters at most; it has %(count)s. "
            "Try saying it more briefly."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    ways = forms.MultipleChoiceField(
        label=_("How do you like to share your ideas?"),
        help_text=_("Tick as many as you like."),
        choices=[(name, TakingPart.label(name)) for name in TakingPart.WAYS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Choose from the list of ways to share ideas.")},
    )
    words_on_behalf = forms.ChoiceField(
        label=_("If you give your thoughts to someone another way, may they add them for you?"),
        help_text=_(
            "For example, when you tell a facilitator on the phone, they could add your words "
            "to the project under your name. Anyone adding words for someone will see your "
            "answer."
        ),
        choices=[(YES, _("Yes")), (NO, _("No"))],
        widget=forms.RadioSelect,
        initial=NO,
        error_messages={
            "required": _("Say whether others may add your words for you."),
            "invalid_choice": _("Say whether others may add your words for you."),
        },
    )
    visibility = forms.ChoiceField(
        label=_("Who can see this?"),
        help_text=_(
            "Nobody else sees it unless you choose. You can change this, or remove it, at any time."
        ),
        choices=TakingPart.Visibility.choices,
        widget=forms.RadioSelect,
        initial=TakingPart.Visibility.FACILITATORS,
        error_messages={
            "required": _("Choose who can see this."),
            "invalid_choice": _("Choose who can see this."),
        },
    )

    def __init__(self, data=None, *, instance: TakingPart | None = None):
        initial = None
        if instance is not None:
            initial = {
                "needs": [name for name in TakingPart.NEEDS if getattr(instance, name)],
                "other_needs": instance.other_needs,
                "ways": [name for name in TakingPart.WAYS if getattr(instance, name)],
                "words_on_behalf": YES if instance.words_on_behalf else NO,
                "visibility": instance.visibility,
            }
        super().__init__(data, initial=initial)

    def choices(self) -> dict:
        """The cleaned answers, as the save service takes them."""
        data = self.cleaned_data
        return {
            "needs": set(data["needs"]),
            "other_needs": data["other_needs"],
            "ways": set(data["ways"]),
            "words_on_behalf": data["words_on_behalf"] == YES,
            "visibility": data["visibility"],
        }
