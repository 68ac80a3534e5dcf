"""What meetings' agendas hold by one person: the items they suggested.

Listed in ``sharing.people.services.PARTS``, beside ``meetings/people.py``.
"""

from django.db import transaction

from accounts.models import User
from projects.parts import Blocker

from .models import Agenda, AgendaItem


def personal_data(user: User) -> dict:
    """One query, however many items."""
    items = (
        AgendaItem.objects.filter(suggested_by=user)
        .select_related("meeting__project", "mark", "proposal")
        .order_by("created_at", "pk")
    )
    return {
        "agenda_items_suggested": [
            {
                "project": i.meeting.project.name,
                "meeting": i.meeting.title,
                "kind": str(AgendaItem.Kind(i.kind).label),
                "words": i.text,
                "mark": i.mark.title if i.mark else None,
                "proposal": i.proposal.title if i.proposal else None,
                "minutes": i.minutes,
                "suggested_at": i.created_at.isoformat(),
            }
            for i in items
        ]
    }


def blockers(user: User) -> list[Blocker]:
    """Nothing in the agendas needs a choice first."""
    return []


@transaction.atomic
def forget(user: User, remove: bool) -> None:
    """Items stay on the agenda without a name (the account's deletion clears it), unless
    the person asks for their words to be removed: then their items go and the rest close up.
    """
    if not remove:
        return
    meeting_ids = set(
        AgendaItem.objects.filter(suggested_by=user).values_list("meeting_id", flat=True)
    )
    for agenda in Agenda.objects.select_for_update().filter(meeting_id__in=meeting_ids):
        gone = AgendaItem.objects.filter(meeting_id=agenda.meeting_id, suggested_by=user)
        if agenda.current_id in set(gone.values_list("pk", flat=True)):
            agenda.current = None
        gone.delete()
        rest = list(AgendaItem.objects.filter(meeting_id=agenda.meeting_id).order_by("position"))
        top = max((i.position for i in rest), default=0) + len(rest) + 1
        for offset, item in enumerate(rest):
            item.position = top + offset
        AgendaItem.objects.bulk_update(rest, ["position"])
        for number, item in enumerate(rest, start=1):
            item.position = number
        AgendaItem.objects.bulk_update(rest, ["position"])
        agenda.version += 1
        agenda.save(update_fields=["version", "current"])
