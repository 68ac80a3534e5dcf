"""Taking a break from a project, and coming back."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from ..activity import record_activity
from ..models import Activity, Membership


class BreakError(Exception):
    """Why a break can't start; the words are for the person."""


def cover_choices(membership: Membership):
    """Who can look after the project while this facilitator is away: the other facilitators
    who are not on a break themselves."""
    return User.objects.filter(
        memberships__in=Membership.objects.filter(
            project_id=membership.project_id, role=Membership.Role.FACILITATOR
        )
        .taking_part()
        .exclude(pk=membership.pk)
    ).order_by("name", "pk")


@transaction.atomic
def break_take(
    *, membership: Membership, until: date | None, emails: str, cover: User | None = None
) -> Membership:
    """Start a break. A facilitator names another facilitator who looks after the project.

    The facilitators' rows are locked together, so two facilitators pausing at once can't
    each leave the project to the other. Taking a break twice (a double click) is one break.
    """
    rows = list(
        Membership.objects.select_for_update()
        .filter(project_id=membership.project_id, role=Membership.Role.FACILITATOR)
        .order_by("pk")
    )
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    if locked.on_break:
        return locked
    if until is not None and until < timezone.localdate():
        raise BreakError(_("The date you'll be back can't be in the past."))
    if locked.is_facilitator:
        others = {m.user_id for m in rows if m.pk != locked.pk and not m.on_break}
        if not others:
            raise BreakError(
                _(
                    "You are the only facilitator taking part just now. Make someone else a "
                    "facilitator first, so the project is looked after while you are away."
                )
            )
        if cover is None or cover.pk not in others:
            raise BreakError(_("Choose who looks after the project while you are away."))
    else:
        cover = None
    locked.break_since = timezone.now()
    locked.break_until = until
    locked.break_emails = emails
    locked.break_cover = cover
    locked.save(update_fields=["break_since", "break_until", "break_emails", "break_cover"])
    if cover is None:
        record_activity(project=locked.project, actor=locked.user, kind=Activity.Kind.BREAK_STARTED)
    else:
        record_activity(
            project=locked.project,
            actor=locked.user,
            kind=Activity.Kind.BREAK_COVERED,
            detail=cover.display_name,
        )
    return locked


@transaction.atomic
def break_end(*, membership: Membership) -> Membership:
    """Come back: counted and emailed again; the home then says what changed meanwhile."""
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    if not locked.on_break:
        return locked
    locked.last_break_since = locked.break_since
    locked.back_at = timezone.now()
    locked.break_since = None
    locked.break_until = None
    locked.break_cover = None
    locked.save(
        update_fields=["last_break_since", "back_at", "break_since", "break_until", "break_cover"]
    )
    record_activity(project=locked.project, actor=locked.user, kind=Activity.Kind.BREAK_ENDED)
    return locked
