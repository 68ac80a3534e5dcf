from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .context import OWN_NAMES


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[(code, OWN_NAMES.get(code, name)) for code, name in settings.LANGUAGES],
        widget=forms.RadioSelect,
        help_text=_("The language of every page and of the emails we send you."),
        error_messages={
            "required": _("Choose a language."),
            "invalid_choice": _("We don't have that language. Choose English or Welsh."),
        },
    )
