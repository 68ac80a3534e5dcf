"""The proposal form and the response forms: they only check what was sent."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from decisions.models import (
    OPTION_LIMIT,
    OPTIONS_MAX,
    REASON_LIMIT,
    TEXT_LIMIT,
    TITLE_LIMIT,
    Answer,
    Way,
)
from lake.models import PostIt
from marks.models import Action, Mark
from projects.on_behalf.forms import OnBehalfFormMixin
from projects.shared_words.forms import WordsField


class ProposalForm(forms.Form):
    title = WordsField(
        label=_("What we would decide"),
        help_text=_("One sentence, for example: we meet on Thursday evenings from now on."),
        limit=TITLE_LIMIT,
        empty_message=_("Write what the group would decide."),
        too_long_message=_("Keep this to %(limit)s characters or fewer (it has %(count)s)."),
    )
    reason = WordsField(
        label=_("Why"),
        required=False,
        limit=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        too_long_message=_("Keep this to %(limit)s characters or fewer (it has %(count)s)."),
    )
    way = forms.ChoiceField(
        label=_("How the group responds"),
        choices=Way.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the group responds.")},
    )
    options = WordsField(
        label=_("The options, one on each line"),
        help_text=_("Only for a choice: at least two, at most ten."),
        required=False,
        limit=OPTIONS_MAX * (OPTION_LIMIT + 1),
        widget=forms.Textarea(attrs={"rows": 4}),
        too_long_message=_("The options are too long: %(count)s characters."),
    )
    closes_at = forms.DateTimeField(
        label=_("Closes at"),
        help_text=_(
            "Leave it empty to close it yourself. After this time nobody can respond, and "
            "everyone sees the responses together."
        ),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        error_messages={"invalid": _("Enter a date and time, for example 2030-06-01 18:00.")},
    )
    anonymous = forms.BooleanField(
        label=_("Let people respond anonymously"),
        help_text=_("Nobody, not even a facilitator, can then see who responded what."),
        required=False,
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

    def __init__(self, *args, project, open_days: int, default_way: str, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("way", default_way)
        closes = timezone.localtime() + timedelta(days=open_days)
        kwargs["initial"].setdefault("closes_at", closes.replace(second=0, microsecond=0))
        super().__init__(*args, **kwargs)
        if not project.allow_anonymous:
            del self.fields["anonymous"]
        self.fields["mark"].queryset = Mark.objects.filter(project=project, hidden=False).order_by(
            "stage", "position"
        )
        self.fields["postit"].queryset = PostIt.objects.filter(
            project=project, deleted_at=None
        ).order_by("-pk")
        self.fields["action"].queryset = Action.objects.filter(project=project).order_by("pk")
        self.fields["postit"].label_from_instance = lambda p: p.text[:80]
        self.fields["action"].label_from_instance = lambda a: a.text[:80]

    def clean_closes_at(self):
        closes_at = self.cleaned_data.get("closes_at")
        if closes_at is not None and closes_at <= timezone.now():
            raise forms.ValidationError(_("Choose a closing time in the future."))
        return closes_at

    def clean(self):
        data = super().clean()
        way = data.get("way")
        lines = [line.strip() for line in (data.get("options") or "").split("\n")]
        options = [line for line in lines if line]
        if way in (Way.CHOICE, Way.RANKED):
            if len(options) < 2:
                self.add_error(
                    "options", _("A choice needs at least two options, one on each line.")
                )
            elif len(options) > OPTIONS_MAX:
                self.add_error("options", _("Give ten options at most."))
            elif any(len(o) > OPTION_LIMIT for o in options):
                self.add_error("options", _("Keep each option to 200 characters or fewer."))
            elif len(set(options)) != len(options):
                self.add_error("options", _("Each option should be different."))
        data["option_list"] = options if way != Way.CONSENT else []
        return data


REASON_TOO_LONG = _("Keep your reason to %(limit)s characters or fewer (it has %(count)s).")


class ConsentForm(OnBehalfFormMixin, forms.Form):
    answer = forms.ChoiceField(
        label=_("Your response"),
        choices=Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose your response.")},
    )
    reason = WordsField(
        label=_("Your reason"),
        help_text=_("Needed if you have concerns or object, so the group can talk about it."),
        required=False,
        limit=REASON_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        too_long_message=REASON_TOO_LONG,
    )

    def __init__(self, *args, options=None, **kwargs):
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("answer") in (Answer.CONCERNS, Answer.OBJECT) and not data.get("reason"):
            self.add_error("reason", _("Say why, so the group can talk about it."))
        return data

    def response(self) -> dict:
        return {"answer": self.cleaned_data["answer"], "reason": self.cleaned_data["reason"]}


class ChoiceForm(OnBehalfFormMixin, forms.Form):
    option = forms.ChoiceField(
        label=_("Your choice"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose one option."),
            "invalid_choice": _("Choose one of the options."),
        },
    )
    reason = WordsField(
        label=_("Your reason"),
        required=False,
        limit=REASON_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        too_long_message=REASON_TOO_LONG,
    )

    def __init__(self, *args, options, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = {str(o.pk): o for o in options}
        self.fields["option"].choices = [(str(o.pk), o.label) for o in options]

    def response(self) -> dict:
        return {
            "option": self.options[self.cleaned_data["option"]],
            "reason": self.cleaned_data["reason"],
        }


class RankedForm(OnBehalfFormMixin, forms.Form):
    """One select box per place, so a keyboard puts the options in order without dragging."""

    def __init__(self, *args, options, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = {str(o.pk): o for o in options}
        choices = [("", _("Choose an option"))] + [(str(o.pk), o.label) for o in options]
        for place in range(1, len(options) + 1):
            self.fields[f"rank_{place}"] = forms.ChoiceField(
                label=_("Choice number %(place)s") % {"place": place},
                choices=choices,
                error_messages={"required": _("Choose an option for this place.")},
            )
        self.fields["reason"] = WordsField(
            label=_("Your reason"),
            required=False,
            limit=REASON_LIMIT,
            widget=forms.Textarea(attrs={"rows": 3}),
            too_long_message=REASON_TOO_LONG,
        )

    def clean(self):
        data = super().clean()
        picked = [data.get(f"rank_{p}") for p in range(1, len(self.options) + 1)]
        if all(picked) and len(set(picked)) != len(picked):
            raise forms.ValidationError(_("Put each option in one place only."))
        return data

    def response(self) -> dict:
        ranking = [
            self.options[self.cleaned_data[f"rank_{p}"]] for p in range(1, len(self.options) + 1)
        ]
        return {"ranking": ranking, "reason": self.cleaned_data["reason"]}


RESPONSE_FORMS = {Way.CONSENT: ConsentForm, Way.CHOICE: ChoiceForm, Way.RANKED: RankedForm}


class ReplyForm(forms.Form):
    reply = WordsField(
        label=_("Your response to the objections"),
        limit=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        empty_message=_("Write your response to the objections."),
        too_long_message=_("Keep this to %(limit)s characters or fewer (it has %(count)s)."),
    )
