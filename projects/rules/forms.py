"""Forms for adding a ground rule and changing its wording."""

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.shared_words.forms import VersionField, WordsField

RULE_LIMIT = 500


class GroundRuleForm(forms.Form):
    text = WordsField(
        label=_("Ground rule"),
        limit=RULE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": RULE_LIMIT}),
        help_text=_("For example: we listen without interrupting. Up to 500 characters."),
        empty_message=_("Write the ground rule before adding it."),
        too_long_message=_("A ground rule can be %(limit)s characters at most."),
    )


class GroundRuleEditForm(GroundRuleForm):
    version = VersionField()
