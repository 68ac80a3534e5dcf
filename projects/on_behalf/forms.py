"""The "Whose words are these?" and "How did they reach you?" pair, for any add form."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from projects.models import Membership, Project

from . import services
from .models import Via

MINE = "me"


class OnBehalfFormMixin:
    """Adds the pair to a form when there is someone to add for (or the form was sent with one).

    Call ``add_on_behalf_fields(project, adder, choosable)`` in ``__init__`` after the form's
    own set-up; ``choosable`` is ``services.choosable(...)``, read once for all the forms of a
    page. After ``is_valid()``, ``for_member`` is the chosen person (``None`` for one's own
    words) and ``given_via`` how their words arrived.
    """

    for_member: User | None = None
    given_via: str = ""
    anonymous_field = "anonymous"
    # Set where every answer is anonymous (a proposal that asks so): nobody can be chosen.
    on_behalf_refused = ""

    def add_on_behalf_fields(
        self,
        project: Project,
        adder: User,
        choosable: list[Membership],
        *,
        own: bool = True,
        label=None,
        help_text=None,
    ) -> None:
        """With ``own=False`` (a page only for adding someone else's), a member must be chosen."""
        self._on_behalf = (project, adder)
        sent = self.data.get(self.add_prefix("for_whom")) if self.is_bound else None
        if own and not choosable and (not sent or sent == MINE):
            return
        first = (MINE, _("My own words")) if own else ("", _("Choose a member"))
        self.fields["for_whom"] = forms.CharField(
            label=label or _("Whose words are these?"),
            help_text=help_text
            or _(
                "Choose someone else only when they gave you their words another way and "
                "said others may add for them. Their name goes with the words."
            ),
            initial=MINE if own else "",
            widget=forms.Select(
                choices=[first] + [(str(m.user_id), m.user.display_name) for m in choosable]
            ),
            error_messages={"required": _("Choose a member from the list.")},
        )
        self.fields["given_via"] = forms.ChoiceField(
            label=_("How did their words reach you?"),
            help_text=_("Only when you add someone else's words."),
            choices=[("", _("Choose how")), *Via.choices],
            required=False,
            error_messages={"invalid_choice": _("Choose how their words reached you.")},
        )

    def clean(self):
        cleaned = super().clean()
        if "for_whom" not in self.fields:
            return cleaned
        whose = cleaned.get("for_whom")
        if not whose or whose == MINE:
            cleaned["given_via"] = ""
            return cleaned
        if self.on_behalf_refused:
            self.add_error("for_whom", self.on_behalf_refused)
            return cleaned
        project, adder = self._on_behalf
        try:
            self.for_member = services.member_for(project, adder, whose)
        except ValidationError as error:
            self.add_error("for_whom", error)
            return cleaned
        if cleaned.get(self.anonymous_field):
            self.add_error(
                self.anonymous_field,
                _(
                    "Words added for someone else can't be anonymous: their name goes with "
                    "them, so they can change or remove them."
                ),
            )
        if not cleaned.get("given_via"):
            if "given_via" not in self.errors:
                self.add_error("given_via", _("Choose how their words reached you."))
        else:
            self.given_via = cleaned["given_via"]
        return cleaned
