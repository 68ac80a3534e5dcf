"""Adding a decision to the log and changing its words."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from decisions.models import MADE_BY_LIMIT, TEXT_LIMIT, Decision
from lake.models import PostIt
from marks.models import Action, Mark
from projects.shared_words.forms import VersionField, WordsField

TOO_LONG = _("Keep this to %(limit)s characters or fewer (it has %(count)s).")


class DecisionWordsForm(forms.Form):
    text = WordsField(
        label=_("What was decided"),
        help_text=_("In plain words, for example: we will meet at the library from May."),
        limit=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        empty_message=_("Write what was decided."),
        too_long_message=TOO_LONG,
    )
    decided_on = forms.DateField(
        label=_("When it was decided"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Give the date it was decided."),
            "invalid": _("Enter a date, for example 2025-05-01."),
        },
    )
    made_by = WordsField(
        label=_("Who made it"),
        help_text=_(
            "Only for a decision made outside the group, for example: the council's board."
        ),
        limit=MADE_BY_LIMIT,
        too_long_message=TOO_LONG,
    )
    say = forms.ChoiceField(
        label=_("How much say the group had"),
        help_text=_("Only for a decision made outside the group."),
        choices=Decision.Say.choices,
        widget=forms.RadioSelect,
        initial=Decision.Say.TOLD,
        required=False,
    )

    def __init__(self, *args, how: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.how = how

    def clean_decided_on(self):
        decided_on = self.cleaned_data["decided_on"]
        if decided_on > timezone.localdate():
            raise forms.ValidationError(
                _("The log is for decisions already made: give a date up to today.")
            )
        return decided_on

    def clean(self):
        data = super().clean()
        how = data.get("how", self.how)
        if how == Decision.How.OUTSIDE and not data.get("made_by"):
            self.add_error("made_by", _("Say who made the decision."))
        if not data.get("say"):
            data["say"] = Decision.Say.TOLD if how == Decision.How.OUTSIDE else Decision.Say.DECIDED
        return data


class DecisionAddForm(DecisionWordsForm):
    how = forms.ChoiceField(
        label=_("How it was made"),
        choices=[
            (Decision.How.MEETING, Decision.How.MEETING.label),
            (Decision.How.OUTSIDE, Decision.How.OUTSIDE.label),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Say how the decision was made.")},
    )
    mark = forms.ModelChoiceField(
        label=_("About a mark"), queryset=Mark.objects.none(), required=False
    )
    postit = forms.ModelChoiceField(
        label=_("About a post-it"), queryset=PostIt.objects.none(), required=False
    )
    action = forms.ModelChoiceField(
        label=_("About an action"), queryset=Action.objects.none(), required=False
    )

    field_order = ["text", "how", "decided_on", "made_by", "say"]

    def __init__(self, *args, project, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("decided_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["mark"].queryset = Mark.objects.filter(project=project, hidden=False).order_by(
            "stage", "position"
        )
        self.fields["postit"].queryset = PostIt.objects.filter(
            project=project, deleted_at=None
        ).order_by("-pk")
        self.fields["action"].queryset = Action.objects.filter(project=project).order_by("pk")
        self.fields["postit"].label_from_instance = lambda p: p.text[:80]
        self.fields["action"].label_from_instance = lambda a: a.text[:80]


class DecisionEditForm(DecisionWordsForm):
    version = VersionField()

    def __init__(self, *args, how: str, **kwargs):
        super().__init__(*args, how=how, **kwargs)
        if how != Decision.How.OUTSIDE:
            del self.fields["made_by"]
            del self.fields["say"]
