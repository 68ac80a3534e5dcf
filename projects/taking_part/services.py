"""Saving and removing what helps a member take part.

Neither records an activity line nor bumps the project's revision. Even "updated what
helps them take part", with no details, tells the group that someone has needs (and,
in a small group, who); a revision bump would make every live page refresh at the moment
a person saved, which says the same thing by its timing. Nothing another member sees
changes anyway, except for a person who chose the whole group, and they read it on the
page that lists it.
"""

from django.db import transaction
from django.utils import timezone

from projects.models import Membership, TakingPart


@transaction.atomic
def taking_part_save(
    *,
    membership: Membership,
    needs: set[str],
    other_needs: str,
    ways: set[str],
    words_on_behalf: bool,
    visibility: str,
) -> TakingPart | None:
    """Keep exactly what the person said this time: the last save wins, whole.

    It is one person's own record, so two tabs saving at once need no merging; the row is
    unique per membership, and ``update_or_create`` turns a second insert into an update, so
    a double submit saves once. With nothing to say, nothing is kept.
    """
    fields = {name: name in needs for name in TakingPart.NEEDS}
    fields |= {name: name in ways for name in TakingPart.WAYS}
    fields |= {
        "other_needs": other_needs,
        "words_on_behalf": words_on_behalf,
        "visibility": visibility,
        "updated_at": timezone.now(),
    }
    if not (needs or ways or other_needs or words_on_behalf):
        taking_part_remove(membership=membership)
        return None
    row, _created = TakingPart.objects.update_or_create(membership=membership, defaults=fields)
    return row


@transaction.atomic
def taking_part_remove(*, membership: Membership) -> None:
    """Delete it all. Safe to repeat: removing what is already gone changes nothing."""
    TakingPart.objects.filter(membership=membership).delete()
