"""The check-in answer form: it only checks what was sent."""

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.on_behalf.forms import OnBehalfFormMixin

from .models import CHECKIN_ANSWER_LIMIT
from .services import QUESTIONS


class AnswerForm(OnBehalfFormMixin, forms.Form):
    """One optional answer per question, and the anonymous choice where the project allows it."""

    anonymous = forms.BooleanField(
        label=_("Answer anonymously"),
        help_text=_(
            "Your name is not kept with these answers. You will not see them again "
            "until the check-in closes, and you cannot change them."
        ),
        required=False,
    )

    def __init__(self, *args, allow_anonymous: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        anonymous = self.fields.pop("anonymous")
        for key, text in QUESTIONS:
            self.fields[key] = forms.CharField(
                label=text,
                required=False,
                strip=True,
                max_length=CHECKIN_ANSWER_LIMIT,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={
                    "max_length": _("Keep this answer to 2000 characters or fewer."),
                },
            )
        if allow_anonymous:
            self.fields["anonymous"] = anonymous

    def answers(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(key, "") for key, _text in QUESTIONS}

    def clean(self):
        data = super().clean()
        if not self.errors and not any(data.get(key) for key, _text in QUESTIONS):
            raise forms.ValidationError(_("Answer at least one question before you save."))
        return data
