from django import forms
from django.utils.translation import gettext_lazy as _


class DeleteAccountForm(forms.Form):
    """Deleting the account: what happens to the person's words, who takes over, and a check.

    The check is the account's email address rather than its password: someone who only
    ever signs in with a code sent by email has no password to type.
    """

    KEEP = "keep"
    REMOVE = "remove"

    words = forms.ChoiceField(
        label=_("What happens to what you wrote in projects"),
        choices=[
            (KEEP, _("Keep my words in the projects under “A former member”")),
            (REMOVE, _("Remove my words too")),
        ],
        initial=KEEP,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to keep or remove your words.")},
    )
    confirm_email = forms.CharField(
        label=_("To confirm, type your email address"),
        help_text=_(
            "We ask for your email address rather than a password, because some people sign "
            "in with a code sent by email and have no password."
        ),
        max_length=254,
        error_messages={"required": _("Type your email address to confirm.")},
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, user, blockers, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.handovers = [b for b in blockers if b.resolve is not None]
        self.deleted_with_account = [b for b in blockers if b.resolve is None]
        fields = {}
        for blocker in self.handovers:
            fields[blocker.field] = forms.ChoiceField(
                label=_("Who takes over %(project)s") % {"project": blocker.title},
                help_text=blocker.explanation,
                choices=[("", _("Choose a member"))] + blocker.choices,
                error_messages={
                    "required": _("Choose who takes over %(project)s.")
                    % {"project": blocker.title},
                    "invalid_choice": _("Choose one of the members of %(project)s.")
                    % {"project": blocker.title},
                },
            )
        # In the order the page reads: who takes over, then the words, then the check.
        self.fields = {**fields, **self.fields}

    def clean_confirm_email(self) -> str:
        typed = self.cleaned_data["confirm_email"].strip()
        if typed.casefold() != self.user.email.casefold():
            raise forms.ValidationError(
                _("That is not your account’s email address. Type it as you sign in with it.")
            )
        return typed

    def handover_fields(self) -> list:
        return [self[b.field] for b in self.handovers]

    @property
    def remove(self) -> bool:
        return self.cleaned_data["words"] == self.REMOVE

    def choices(self) -> dict[str, str]:
        return {b.field: self.cleaned_data[b.field] for b in self.handovers}
