from django import forms
from django.utils.translation import gettext_lazy as _

from projects.models import Membership
from projects.shared_words.forms import VersionField


class CertificateLineForm(forms.ModelForm):
    """A facilitator's optional personal line on a member's certificate."""

    version = VersionField()

    class Meta:
        model = Membership
        fields = ["certificate_line"]
        widgets = {"certificate_line": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "certificate_line": _(
                "A sentence or two in your own words, for example what this person brought "
                "to the group. 300 characters at most."
            ),
        }
        error_messages = {
            "certificate_line": {
                "max_length": _("The personal line can be 300 characters at most."),
            },
        }
