"""Setting words aside, putting them back, asking for a look, and the author's answer."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User

from ..activity import record_activity
from ..models import SET_ASIDE_KEEP_DAYS, Activity, GroundRule, LookRequest, Project, SetAside
from .kinds import KINDS, Kind


class AlreadySetAside(Exception):
    """Someone set these words aside first."""


class AlreadyPutBack(Exception):
    """Someone put these words back first."""


class Purged(Exception):
    """The words were kept for 30 days and then deleted for good."""


def _detail(kind: Kind, rule_text: str) -> str:
    # The activity names the kind and the rule, never the words or who wrote them.
    return f"{kind.label}: {rule_text}"


def may_set_aside(project: Project, membership) -> bool:
    return membership.is_facilitator or project.members_may_set_aside


@transaction.atomic
def set_aside(
    *, project: Project, kind: Kind, item, actor: User, rule: GroundRule, reason: str = ""
) -> SetAside:
    """Set the words aside for breaking ``rule``: one line in the activity, naming ``actor``.

    Open requests to look at these words are answered at the same time. Raises
    ``AlreadySetAside`` when they already are, even when two people do it at the same moment.
    """
    if kind.redraw is not None:
        kind.redraw(item)
    if SetAside.objects.filter(
        kind=kind.key, item_id=item.pk, put_back_at=None, purged_at=None
    ).exists():
        raise AlreadySetAside
    try:
        with transaction.atomic():
            aside = SetAside.objects.create(
                project=project,
                kind=kind.key,
                item_id=item.pk,
                set_by=actor,
                rule=rule,
                rule_text=rule.text,
                reason=reason,
            )
    except IntegrityError as error:
        raise AlreadySetAside from error
    LookRequest.objects.filter(kind=kind.key, item_id=item.pk, closed_at=None).update(
        closed_at=aside.created_at, closed_by=actor, outcome=LookRequest.Outcome.SET_ASIDE
    )
    if kind.quoted_by:
        Activity.objects.filter(
            project=project, kind__in=kind.quoted_by, detail__in=kind.quotes(item)
        ).update(detail="")
    record_activity(project=project, actor=actor, kind="set_aside", detail=_detail(kind, rule.text))
    return aside


@transaction.atomic
def put_back(*, aside: SetAside, actor: User) -> SetAside:
    """Show the words again. Raises ``Purged`` after 30 days, ``AlreadyPutBack`` if done."""
    kind = KINDS[aside.kind]
    if aside.purged_at is None:
        item = kind.model.objects.filter(pk=aside.item_id).first()
        if item is not None and kind.redraw is not None:
            kind.redraw(item)
    now = timezone.now()
    done = SetAside.objects.filter(pk=aside.pk, put_back_at=None, purged_at=None).update(
        put_back_at=now, put_back_by=actor
    )
    if not done:
        aside.refresh_from_db()
        if aside.purged_at is not None:
            raise Purged
        raise AlreadyPutBack
    aside.put_back_at, aside.put_back_by = now, actor
    LookRequest.objects.filter(kind=aside.kind, item_id=aside.item_id, closed_at=None).update(
        closed_at=now, closed_by=actor, outcome=LookRequest.Outcome.KEPT
    )
    record_activity(
        project=aside.project, actor=actor, kind="put_back", detail=_detail(kind, aside.rule_text)
    )
    return aside


@transaction.atomic
def look_ask(
    *, project: Project, kind: Kind, item, asker: User, anonymous: bool, note: str = ""
) -> LookRequest:
    """Ask the facilitators to look, privately: no activity line, nothing the group sees."""
    return LookRequest.objects.create(
        project=project,
        kind=kind.key,
        item_id=item.pk,
        asked_by=None if anonymous else asker,
        note=note,
    )


@transaction.atomic
def look_close(*, look: LookRequest, actor: User) -> bool:
    """A facilitator looked and left the words as they are. False if someone already had."""
    return bool(
        LookRequest.objects.filter(pk=look.pk, closed_at=None).update(
            closed_at=timezone.now(), closed_by=actor, outcome=LookRequest.Outcome.KEPT
        )
    )


@transaction.atomic
def author_change(*, aside: SetAside, item, text: str, author: User) -> LookRequest:
    """The author rewrites their set-aside words, which asks the group to look again."""
    kind = KINDS[aside.kind]
    kind.change_words(item, text=text, actor=author)
    SetAside.objects.filter(pk=aside.pk).update(accepted_at=None)
    return LookRequest.objects.create(
        project=aside.project,
        kind=aside.kind,
        item_id=aside.item_id,
        asked_by=author,
        by_author=True,
    )


@transaction.atomic
def author_accept(*, aside: SetAside) -> None:
    SetAside.objects.filter(pk=aside.pk, accepted_at=None).update(accepted_at=timezone.now())


def purge_due(now=None) -> int:
    """Delete for good the words set aside more than 30 days ago. Returns how many."""
    now = now or timezone.now()
    due = SetAside.objects.filter(
        put_back_at=None, purged_at=None, created_at__lte=now - timedelta(days=SET_ASIDE_KEEP_DAYS)
    )
    purged = 0
    for aside in due.iterator():
        with transaction.atomic():
            # Claim it first, so that two runs at once, or a put-back at the same moment,
            # leave one outcome.
            claimed = SetAside.objects.filter(pk=aside.pk, put_back_at=None, purged_at=None).update(
                purged_at=now
            )
            if not claimed:
                continue
            kind = KINDS.get(aside.kind)
            if kind is not None:
                kind.model.objects.filter(pk=aside.item_id).delete()
            # A request may quote the words: it goes with them.
            LookRequest.objects.filter(kind=aside.kind, item_id=aside.item_id).delete()
            purged += 1
    return purged
