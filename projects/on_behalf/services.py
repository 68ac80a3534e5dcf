"""Checking who words may be added for, and telling it in plain words."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.models import User
from projects.models import Membership, Project
from projects.taking_part.selectors import members_allowing_words_on_behalf

from .models import Via, given_line  # noqa: F401 (pages and parts read it here)


def choosable(project: Project, adder: User) -> list[Membership]:
    """The members words can be added for: those who allowed it, other than the adder.

    A removed member has no membership any more, so they are never here.
    """
    return [m for m in members_allowing_words_on_behalf(project.pk) if m.user_id != adder.pk]


def member_for(project: Project, adder: User, user_id: int | str | None) -> User:
    """The member chosen, or a ``ValidationError`` saying plainly why they can't be."""
    try:
        user_id = int(user_id)
    except (TypeError, ValueError):
        raise ValidationError(_("Choose a member from the list.")) from None
    if user_id == adder.pk:
        raise ValidationError(_("These are your own words: choose “My own words” instead."))
    membership = (
        Membership.objects.filter(project=project, user_id=user_id).select_related("user").first()
    )
    if membership is None:
        raise ValidationError(
            _("That person is not a member of this project, so you can't add words for them.")
        )
    allowed = Membership.objects.filter(
        pk=membership.pk, taking_part__words_on_behalf=True
    ).exists()
    if not allowed:
        raise ValidationError(
            _(
                "%(name)s has not said that others may add words for them, so you can't. "
                "They can say so on their “What helps me take part” page."
            )
            % {"name": membership.user.display_name}
        )
    return membership.user


def activity_detail(author: User, given_via: str) -> str:
    """The quote on the activity line: "Alex, given one-to-one"."""
    return _("%(name)s, given %(way)s") % {
        "name": author.display_name,
        "way": Via(given_via).label,
    }


def trace(item) -> dict:
    """For a person's own data: who added these words for them, and how they reached them."""
    if not item.given_via:
        return {}
    return {
        "added_for_you_by": item.added_by.display_name if item.added_by else None,
        "how_it_reached_them": str(Via(item.given_via).label),
    }
