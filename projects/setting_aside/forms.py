from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import SET_ASIDE_REASON_LIMIT as REASON_LIMIT
from ..models import GroundRule
from ..shared_words.forms import WordsField


class RuleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: GroundRule) -> str:
        return obj.text


class SetAsideForm(forms.Form):
    rule = RuleChoiceField(
        label=_("Which of your ground rules do these words break?"),
        queryset=GroundRule.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Choose the ground rule these words break."),
            "invalid_choice": _("Choose one of your group's ground rules."),
        },
    )
    reason = WordsField(
        label=_("Why, in a few plain words"),
        limit=REASON_LIMIT,
        too_long_message=_("The reason can be %(limit)s characters at most. You have %(count)s."),
        help_text=_(
            "Optional. The facilitators see it, and so does the writer if the words have their "
            "name. The group sees your name and the ground rule."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, prefix="aside", **kwargs)
        self.fields["rule"].queryset = GroundRule.objects.filter(project=project)


class LookForm(forms.Form):
    note = WordsField(
        label=_("What worries you about these words"),
        limit=REASON_LIMIT,
        too_long_message=_("This can be %(limit)s characters at most. You have %(count)s."),
        help_text=_("Optional. Only the facilitators see it."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    anonymous = forms.BooleanField(
        label=_("Ask without my name"),
        required=False,
        help_text=_("The facilitators see the request but not who asked."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="look", **kwargs)


class ChangeWordsForm(forms.Form):
    text = WordsField(
        label=_("Your words"),
        limit=2000,
        empty_message=_("Write your words, or accept that they stay set aside."),
        too_long_message=_("Your words can be %(limit)s characters at most. You have %(count)s."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, limit: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].limit = limit
