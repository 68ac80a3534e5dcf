"""Who may read what each member said helps them take part."""

from collections.abc import Iterable

from django.db.models import Q

from projects.models import Membership, TakingPart


def needs_visible_to(
    membership: Membership, members: Iterable[Membership | int] | None = None
) -> list[TakingPart]:
    """What the viewer may read of what helps members take part, by name, in one query.

    A facilitator reads everything; anyone else reads what was shared with the whole group
    and their own. ``members`` (memberships or their ids) narrows it to some people, such
    as those coming to a meeting; by default it is the whole project.
    """
    rows = TakingPart.objects.filter(membership__project_id=membership.project_id)
    if not membership.is_facilitator:
        rows = rows.filter(Q(visibility=TakingPart.Visibility.GROUP) | Q(membership=membership))
    if members is not None:
        ids = [m if isinstance(m, int) else m.pk for m in members]
        rows = rows.filter(membership_id__in=ids)
    return list(rows.select_related("membership__user").order_by("membership__user__name", "pk"))


def members_allowing_words_on_behalf(project_id: int) -> list[Membership]:
    """The members who said others may add their words for them, given another way."""
    return list(
        Membership.objects.filter(project_id=project_id, taking_part__words_on_behalf=True)
        .select_related("user")
        .order_by("user__name", "pk")
    )
