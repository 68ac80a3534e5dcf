"""The agenda's forms: they only check what was sent."""

from django import forms
from django.utils.translation import gettext_lazy as _

from decisions.models import Proposal
from marks.models import Mark
from projects.models import Project

from ..models import AGENDA_MAX_MINUTES, AGENDA_TEXT_LIMIT, AgendaItem

# Gentle icebreakers a group can pick from; each is optional for everyone in the room.
ICEBREAKERS = [
    _("Three words: say three words about how your week has been. Pass if you like."),
    _("Something small that made you smile lately. Pass if you like."),
    _("A place you would go for a day out, if you could go anywhere. Pass if you like."),
    _("A cup of tea or coffee: how do you take yours? Pass if you like."),
]

# What the words are for, by kind; the words are needed for these kinds.
WORDS_NEEDED = {
    AgendaItem.Kind.CHECKIN: _("Write the check-in question."),
    AgendaItem.Kind.OTHER: _("Say in a few words what this item is."),
}


class SuggestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What kind of item"),
        choices=AgendaItem.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what kind of item this is."),
            "invalid_choice": _("Choose one of the kinds of item."),
        },
    )
    text = forms.CharField(
        label=_("In plain words"),
        required=False,
        max_length=AGENDA_TEXT_LIMIT,
        help_text=_(
            "For a check-in, the question. For an icebreaker, its words, or leave it empty "
            "and choose one below. For anything else, what it is."
        ),
        error_messages={"max_length": _("Keep this to 300 characters or fewer.")},
    )
    icebreaker = forms.TypedChoiceField(
        label=_("Or choose an icebreaker"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
        help_text=_("Every icebreaker is optional: anyone can pass."),
        error_messages={"invalid_choice": _("Choose one of the icebreakers shown.")},
    )
    mark = forms.ModelChoiceField(
        label=_("The mark to talk about and score"),
        required=False,
        queryset=Mark.objects.none(),
        empty_label=_("Choose a mark"),
        error_messages={"invalid_choice": _("Choose one of this project's marks.")},
    )
    proposal = forms.ModelChoiceField(
        label=_("The proposal to decide"),
        required=False,
        queryset=Proposal.objects.none(),
        empty_label=_("Choose a proposal"),
        error_messages={"invalid_choice": _("Choose one of this project's open proposals.")},
    )
    minutes = forms.IntegerField(
        label=_("How many minutes"),
        required=False,
        min_value=1,
        max_value=AGENDA_MAX_MINUTES,
        help_text=_("A number from 1 to 240, or leave it empty."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "input--short"}),
        error_messages={
            "invalid": _("Enter the minutes as a number from 1 to 240, or leave it empty."),
            "min_value": _("Enter the minutes as a number from 1 to 240, or leave it empty."),
            "max_value": _("An item can take 240 minutes (four hours) at most."),
        },
    )

    def __init__(self, *args, project: Project, **kwargs):
        # Its own ids: the meeting page has other forms with a "text" field.
        kwargs.setdefault("auto_id", "agenda_%s")
        super().__init__(*args, **kwargs)
        self.fields["mark"].queryset = Mark.objects.filter(project=project)
        self.fields["proposal"].queryset = Proposal.objects.filter(project=project, closed_at=None)
        self.fields["icebreaker"].choices = [(n, words) for n, words in enumerate(ICEBREAKERS)]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        text = (data.get("text") or "").strip()
        data["text"] = text
        if kind == AgendaItem.Kind.MARK and not data.get("mark") and "mark" not in self.errors:
            self.add_error("mark", _("Choose the mark to talk about."))
        if (
            kind == AgendaItem.Kind.PROPOSAL
            and not data.get("proposal")
            and "proposal" not in self.errors
        ):
            self.add_error("proposal", _("Choose the proposal to decide."))
        if kind == AgendaItem.Kind.ICEBREAKER and not text and "text" not in self.errors:
            if data.get("icebreaker") is None:
                self.add_error("icebreaker", _("Choose an icebreaker, or write your own above."))
            else:
                data["text"] = str(ICEBREAKERS[data["icebreaker"]])
        if kind in WORDS_NEEDED and not text and "text" not in self.errors:
            self.add_error("text", WORDS_NEEDED[kind])
        # Only what the kind uses is kept.
        if kind != AgendaItem.Kind.MARK:
            data["mark"] = None
        if kind != AgendaItem.Kind.PROPOSAL:
            data["proposal"] = None
        return data


class OrderForm(forms.Form):
    """Move an item up, down, or to a numbered place, from the order the page showed."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    action = forms.ChoiceField(choices=[("up", "up"), ("down", "down"), ("to", "to")])
    to = forms.IntegerField(
        label=_("Move to number"),
        required=False,
        min_value=1,
        error_messages={
            "invalid": _("Enter the number of the place, for example 1 for first."),
            "min_value": _("Enter the number of the place, for example 1 for first."),
        },
    )

    def clean(self):
        data = super().clean()
        if data.get("action") == "to" and data.get("to") is None and "to" not in self.errors:
            self.add_error("to", _("Enter the number of the place, for example 1 for first."))
        return data


class RemoveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
