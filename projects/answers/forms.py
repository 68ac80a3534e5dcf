from django import forms
from django.utils.translation import gettext_lazy as _

from ..shared_words.forms import WordsField
from .models import ANSWER_REASON_LIMIT, Reply


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("The group's answer"),
        choices=Reply.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose “We're taking this forward” or “Not this time”."),
            "invalid_choice": _("Choose “We're taking this forward” or “Not this time”."),
        },
    )
    reason = WordsField(
        label=_("Why, in plain words"),
        limit=ANSWER_REASON_LIMIT,
        too_long_message=_("The reason can be %(limit)s characters at most. You have %(count)s."),
        help_text=_(
            "Needed for “Not this time”. The person who wrote it and the whole group read it, "
            "so it shows they were listened to."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    make_action = forms.BooleanField(
        label=_("Also add an action to the action plan"),
        required=False,
    )
    action_text = WordsField(
        label=_("What the action is"),
        limit=1000,
        too_long_message=_("An action can be %(limit)s characters at most. You have %(count)s."),
        help_text=_("Only used when you add an action."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(
        min_value=0,
        widget=forms.HiddenInput,
        error_messages={
            "required": _("This form is out of date. Open it again and make your change.")
        },
    )

    def __init__(self, *args, kind, item, mark=None, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "answer": item.answer,
                "reason": item.answer_reason,
                "version": item.answer_version,
                "action_text": kind.text(item)[: kind.action_limit],
            },
        )
        super().__init__(*args, prefix="answer", **kwargs)
        if kind.make_action is None or item.answer_action_id is not None:
            # One action per idea: once made, it lives in the action plan.
            del self.fields["make_action"]
            del self.fields["action_text"]
        else:
            self.fields["action_text"].limit = kind.action_limit
            if mark is not None:
                self.fields["make_action"].help_text = _(
                    "Only with “We're taking this forward”. The action is about the mark “%(title)s”."
                ) % {"title": mark.title}
            else:
                self.fields["make_action"].help_text = _(
                    "Only with “We're taking this forward”. The action is about the whole project."
                )

    def clean(self):
        data = super().clean()
        if data.get("answer") == Reply.NOT_NOW and not data.get("reason"):
            self.add_error(
                "reason",
                _("Say why not this time, in plain words: the person who wrote it will read this."),
            )
        if data.get("make_action"):
            if data.get("answer") != Reply.FORWARD:
                self.add_error(
                    "make_action",
                    _("An action can only come with “We're taking this forward”."),
                )
            elif not data.get("action_text"):
                self.add_error("action_text", _("Say what the action is."))
        return data
