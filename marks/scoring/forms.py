"""Forms for scoring: they only check what was sent."""

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.on_behalf.forms import OnBehalfFormMixin
from projects.shared_words.forms import VersionField, WordsField

from ..models import AGREED_NOTE_LIMIT, SCORE_MAX, SCORE_MIN, ScoringSettings

RATHER_NOT = "none"
SCORE_CHOICES = [(str(v), str(v)) for v in range(SCORE_MIN, SCORE_MAX + 1)]
SCORE_ERROR = _("Choose a score from 1 to 10, or choose “I’d rather not score this one”.")


class ScoreForm(forms.Form):
    """A fieldset of radio buttons 1 to 10 and the choice not to score."""

    value = forms.ChoiceField(
        label=_("Your score"),
        help_text=_("1 means not at all, 10 means completely. Only you see it until the reveal."),
        choices=[*SCORE_CHOICES, (RATHER_NOT, _("I’d rather not score this one"))],
        widget=forms.RadioSelect,
        error_messages={"required": SCORE_ERROR, "invalid_choice": SCORE_ERROR},
    )

    def clean_value(self) -> int | None:
        value = self.cleaned_data["value"]
        return None if value == RATHER_NOT else int(value)


class ScoreForOtherForm(OnBehalfFormMixin, ScoreForm):
    """A score someone gave another way, added for them while the round is open."""

    def __init__(self, *args, project, adder, choosable, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value"].label = _("Their score")
        self.fields["value"].help_text = _(
            "1 means not at all, 10 means completely. Only they see it until the reveal."
        )
        self.fields["value"].choices = [
            *SCORE_CHOICES,
            (RATHER_NOT, _("They’d rather not score this one")),
        ]
        self.add_on_behalf_fields(
            project,
            adder,
            choosable,
            own=False,
            label=_("Whose score is this?"),
            help_text=_(
                "Only members who said others may add for them are listed. The score is "
                "theirs: it counts like any other, and they can change it until the reveal."
            ),
        )
        # The score's own field goes last, after whose it is and how it came.
        self.order_fields(["for_whom", "given_via", "value"])


class AgreeForm(forms.Form):
    value = forms.IntegerField(
        label=_("The score your group agrees"),
        help_text=_("A whole number from 1 to 10. It doesn’t have to be the middle score."),
        min_value=SCORE_MIN,
        max_value=SCORE_MAX,
        error_messages={
            "required": _("Enter the score your group agrees, from 1 to 10."),
            "invalid": _("Enter the agreed score as a number from 1 to 10, like 6."),
            "min_value": _("The agreed score must be between 1 and 10."),
            "max_value": _("The agreed score must be between 1 and 10."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    note = WordsField(
        label=_("Why the group agreed this score"),
        help_text=_("A sentence or two, so you remember later. Up to 1000 characters."),
        widget=forms.Textarea(attrs={"rows": 3}),
        limit=AGREED_NOTE_LIMIT,
        empty_message=_("Write a short note on why the group agreed this score."),
        too_long_message=_("The note can be %(limit)s characters at most. You have %(count)s."),
    )


class ScoringSettingsForm(forms.ModelForm):
    version = VersionField()

    class Meta:
        model = ScoringSettings
        fields = ["any_member_runs_rounds", "show_names"]
        help_texts = {
            "show_names": _(
                "Leave this off and revealed scores are anonymous. A change counts for rounds "
                "opened from now on: a round already open or revealed keeps what it was "
                "opened with, so nobody's score is named after they gave it."
            ),
        }
