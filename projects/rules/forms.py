"""Forms for adding a ground rule and changing its wording."""

from django import forms
from django.utils.translation import gettext_lazy as _

RULE_LIMIT = 500


class GroundRuleForm(forms.Form):
    text = forms.CharField(
        label=_("Ground rule"),
        max_length=RULE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": RULE_LIMIT}),
        help_text=_("For example: we listen without interrupting. Up to 500 characters."),
        error_messages={
            "required": _("Write the ground rule before adding it."),
            "max_length": _("A ground rule can be 500 characters at most."),
        },
    )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write the ground rule before adding it."))
        return text


class GroundRuleEditForm(GroundRuleForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
