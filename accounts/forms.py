from django import forms
from django.utils.translation import gettext_lazy as _


class SignupForm(forms.Form):
    """The extra field allauth's sign-up asks for: the name others will see."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        help_text=_("Other members will see this name. It can be a first name or a nickname."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    field_order = ["name", "email", "password1", "password2"]

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Enter your name."))
        return name

    def signup(self, request, user) -> None:
        user.name = self.cleaned_data["name"]
        user.save(update_fields=["name"])


class NameForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        help_text=_("Other members will see this name."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Enter your name."))
        return name
