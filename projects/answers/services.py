"""Recording the group's answer to an idea, and changing it later with its history kept."""

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from accounts.models import User

from ..activity import record_activity
from ..models import Project
from .kinds import AnswerKind
from .models import Reply


class Stale(Exception):
    """Someone else answered this idea since the form was drawn."""

    def __init__(self, item) -> None:
        super().__init__("stale answer")
        self.item = item


@transaction.atomic
def answer_set(
    *,
    project: Project,
    kind: AnswerKind,
    item,
    actor: User,
    answer: str,
    reason: str,
    base_version: int,
    action_text: str = "",
):
    """Record the group's answer, keeping the one before in the history.

    With ``action_text`` (for "we're taking this forward" only), also makes an action in the
    action plan. Raises ``Stale`` when someone answered since ``base_version`` was read: one
    outcome, and nothing of this one saved. The activity names who answered and the kind of
    idea, never the idea's words or who wrote it.
    """
    if answer not in Reply.values:
        raise ValueError(answer)
    if answer == Reply.NOT_NOW and not reason.strip():
        raise ValueError("Not this time needs a reason.")
    if kind.redraw is not None:
        kind.redraw(item)
    locked = kind.model.objects.select_for_update().get(pk=item.pk)
    if locked.answer_version != base_version:
        raise Stale(locked)
    now = timezone.now()
    changes = {
        "answer": answer,
        "answer_reason": reason,
        "answered_by": actor,
        "answered_at": now,
        "answer_version": locked.answer_version + 1,
    }
    if answer == Reply.FORWARD and action_text and kind.make_action is not None:
        changes["answer_action"] = kind.make_action(item, actor=actor, text=action_text)
    kind.model.objects.filter(pk=item.pk).update(**changes)
    for field, value in changes.items():
        setattr(item, field, value)
    kind.history.objects.create(
        **{kind.history_field: item},
        version=changes["answer_version"],
        answer=answer,
        reason=reason,
        answered_by=actor,
        created_at=now,
    )
    detail = f"{kind.label}: {Reply(answer).label}"
    if reason:
        detail += f": {reason}"
    record_activity(
        project=project,
        actor=actor,
        kind="answer_changed" if base_version else "answered",
        detail=detail,
    )
    return item


def answer_counts(queryset) -> dict[str, int]:
    """How many ideas there are and how many have an answer: one query."""
    return queryset.aggregate(total=Count("pk"), answered=Count("pk", filter=~Q(answer="")))


def tally(items) -> dict[str, int]:
    """The same, for ideas already read: no query."""
    items = list(items)
    return {"total": len(items), "answered": sum(1 for i in items if i.answer)}
