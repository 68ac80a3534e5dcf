"""Everything that changes proposals, the decision log and how the group decides.

Proposals lock their row (``select_for_update``) to take a response or to close, so two
people closing at once make one outcome, and a response that arrives as it closes is either
counted or refused with a message, never lost.
"""

import hashlib
import hmac
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from lake.models import PostIt
from projects.activity import record_activity
from projects.models import Project, is_set_aside
from projects.on_behalf.services import activity_detail
from projects.shared_words.services import words_save

from .models import (
    AnonymousKey,
    Answer,
    Decision,
    DecisionRevision,
    HowWeDecide,
    HowWeDecideAgreement,
    Option,
    Proposal,
    Rank,
    Response,
    Way,
)

# Below this many responses, closing asks "are you sure?" first, as scoring rounds do.
FEW_RESPONSES = 3


class Closed(Exception):
    """The proposal has closed, so it takes no more responses."""


class AlreadyAnswered(Exception):
    """This person has already answered (anonymously, or by name): one response each."""


# -- how the group decides -------------------------------------------------------------


def how_we_decide(project: Project) -> HowWeDecide:
    """The project's way of deciding; an unsaved default (consent, a week) until changed."""
    found = HowWeDecide.objects.filter(project=project).first()
    return found or HowWeDecide(project=project, version=0)


def default_way(how: HowWeDecide) -> str:
    return Way.CHOICE if how.way == HowWeDecide.Way.MAJORITY else Way.CONSENT


def how_we_decide_row(project: Project) -> HowWeDecide:
    """The saved row, made from the defaults (as version 0) the first time it is needed."""
    try:
        with transaction.atomic():
            how, _created = HowWeDecide.objects.get_or_create(
                project=project, defaults={"version": 0}
            )
    except IntegrityError:
        how = HowWeDecide.objects.get(project=project)
    return how


def how_we_decide_save(
    *, how: HowWeDecide, actor: User, base_version: int, changes: dict
) -> HowWeDecide:
    return words_save(
        item=how,
        base_version=base_version,
        changes=changes,
        project=how.project,
        actor=actor,
        kind="how_we_decide_edited",
        record=record_activity,
    )


@transaction.atomic
def how_we_decide_agree(*, how: HowWeDecide, user: User, agree: bool) -> None:
    if agree:
        _found, created = HowWeDecideAgreement.objects.get_or_create(
            how=how, user=user, version=how.version
        )
        if created:
            record_activity(project=how.project, actor=user, kind="how_we_decide_agreed")
    else:
        HowWeDecideAgreement.objects.filter(how=how, user=user, version=how.version).delete()


# -- proposals -------------------------------------------------------------------------


@transaction.atomic
def proposal_add(
    *,
    project: Project,
    author: User,
    title: str,
    reason: str,
    way: str,
    options: list[str],
    closes_at: datetime | None,
    anonymous: bool,
    mark=None,
    postit=None,
    action=None,
) -> Proposal:
    proposal = Proposal.objects.create(
        project=project,
        author=author,
        title=title,
        reason=reason,
        way=way,
        closes_at=closes_at,
        anonymous=anonymous and project.allow_anonymous,
        mark=mark,
        postit=postit,
        action=action,
    )
    if way != Way.CONSENT:
        Option.objects.bulk_create(
            Option(proposal=proposal, label=label, position=i)
            for i, label in enumerate(options, start=1)
        )
    record_activity(project=project, actor=author, kind="proposal_added", detail=title)
    return proposal


def anonymous_key(proposal_id: int, user_id: int) -> str:
    """A keyed hash that says "this person answered this proposal" and nothing else."""
    message = f"proposal-response:{proposal_id}:{user_id}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _locked(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update().select_related("project").get(pk=proposal.pk)


@transaction.atomic
def proposal_respond(
    *,
    proposal: Proposal,
    member: User,
    answer: str = "",
    option: Option | None = None,
    ranking: list[Option] | None = None,
    reason: str = "",
    added_by: User | None = None,
    given_via: str = "",
) -> Response:
    """Save one person's response: named ones replace their earlier one; anonymous ones are
    final. Refused with ``Closed`` once the proposal has closed (or is past its time).

    With ``added_by``, someone adds the member's response for them, given ``given_via``:
    never to an anonymous proposal. When the member responds themselves, it is theirs.
    """
    proposal = _locked(proposal)
    if proposal.is_due():
        _close(proposal, actor=None)
    if not proposal.is_open:
        raise Closed
    if added_by is not None and proposal.anonymous:
        raise ValueError("an anonymous proposal's responses can't be added for someone")
    key = anonymous_key(proposal.pk, member.pk)
    if proposal.anonymous:
        try:
            with transaction.atomic():
                AnonymousKey.objects.create(proposal=proposal, key=key)
        except IntegrityError:
            raise AlreadyAnswered from None
        response = Response.objects.create(
            proposal=proposal, author=None, is_anonymous=True, answer=answer, reason=reason
        )
    else:
        response, _created = Response.objects.update_or_create(
            proposal=proposal,
            author=member,
            defaults={
                "answer": answer,
                "reason": reason,
                "option": option,
                "added_by": added_by,
                "given_via": given_via if added_by is not None else "",
            },
        )
        response.ranks.all().delete()
    if option is not None and response.option_id != option.pk:
        response.option = option
        response.save(update_fields=["option"])
    if ranking:
        Rank.objects.bulk_create(
            Rank(response=response, option=o, rank=i) for i, o in enumerate(ranking, start=1)
        )
    if added_by is not None:
        record_activity(
            project=proposal.project,
            actor=added_by,
            kind="proposal_answered_for",
            detail=activity_detail(member, given_via),
        )
        return response
    # Who answered an anonymous proposal is not recorded anywhere, not even in the activity.
    actor = None if proposal.anonymous else member
    record_activity(project=proposal.project, actor=actor, kind="proposal_answered")
    return response


@transaction.atomic
def proposal_close(*, proposal: Proposal, actor: User | None) -> Proposal:
    """Close it and write the outcome; ``Closed`` if someone else closed it first."""
    proposal = _locked(proposal)
    if not proposal.is_open:
        raise Closed
    _close(proposal, actor=actor)
    return proposal


def close_if_due(proposal: Proposal) -> Proposal:
    """Close a proposal whose time has passed (when someone looks at it, or the command)."""
    if not proposal.is_due():
        return proposal
    try:
        return proposal_close(proposal=proposal, actor=None)
    except Closed:
        return Proposal.objects.select_related("author", "project").get(pk=proposal.pk)


def close_due_proposals(now: datetime | None = None) -> int:
    """Close every proposal past its time; returns how many this closed."""
    now = now or timezone.now()
    closed = 0
    due = Proposal.objects.filter(closed_at__isnull=True, closes_at__lte=now).values_list(
        "pk", flat=True
    )
    for pk in list(due):
        try:
            proposal_close(proposal=Proposal(pk=pk), actor=None)
        except Closed:
            continue
        closed += 1
    return closed


def _close(proposal: Proposal, *, actor: User | None) -> None:
    now = timezone.now()
    result = tally(proposal)
    proposal.closed_at = now
    proposal.closed_by = actor
    proposal.outcome = result.sentence
    proposal.save(update_fields=["closed_at", "closed_by", "outcome"])
    how = Decision.How.CONSENT if proposal.way == Way.CONSENT else Decision.How.VOTE
    decision = Decision.objects.create(
        project=proposal.project,
        text=result.sentence,
        how=how,
        decided_on=timezone.localdate(now),
        proposal=proposal,
        created_by=actor,
        mark_id=proposal.mark_id,
        postit_id=proposal.postit_id,
        action_id=proposal.action_id,
    )
    DecisionRevision.objects.create(
        decision=decision, version=1, edited_by=actor, **_wording(decision)
    )
    record_activity(
        project=proposal.project, actor=actor, kind="proposal_closed", detail=proposal.title
    )


@transaction.atomic
def proposal_reply(*, proposal: Proposal, actor: User, reply: str) -> None:
    Proposal.objects.filter(pk=proposal.pk).update(reply=reply)
    record_activity(
        project=proposal.project, actor=actor, kind="proposal_replied", detail=proposal.title
    )


# -- counting ----------------------------------------------------------------------------


@dataclass
class Tally:
    total: int
    sentence: str
    # (label, count) for each answer or option, in order.
    counts: list[tuple[str, int]] = field(default_factory=list)
    objections: int = 0


def anonymous_answered(proposal: Proposal, user: User) -> bool:
    key = anonymous_key(proposal.pk, user.pk)
    return AnonymousKey.objects.filter(proposal=proposal, key=key).exists()


def response_count(proposal: Proposal) -> int:
    return proposal.responses.count()


def tally(proposal: Proposal) -> Tally:
    """The counts and the outcome in plain words. Only for a closed proposal's page, or to
    close one: never shown while it is open."""
    responses = list(proposal.responses.all())
    total = len(responses)
    title = proposal.title
    counted = ngettext("%(n)s response", "%(n)s responses", total) % {"n": total}
    if total == 0:
        return Tally(
            0, _("Nobody responded to “%(title)s”, so nothing was decided.") % {"title": title}
        )
    if proposal.way == Way.CONSENT:
        by = {value: 0 for value in Answer.values}
        for r in responses:
            by[r.answer] = by.get(r.answer, 0) + 1
        counts = [(str(label), by[value]) for value, label in Answer.choices]
        objections = by[Answer.OBJECT]
        if objections:
            sentence = ngettext(
                "We have not agreed to “%(title)s” yet: %(n)s person objected, and the proposer is asked to respond (%(counted)s).",
                "We have not agreed to “%(title)s” yet: %(n)s people objected, and the proposer is asked to respond (%(counted)s).",
                objections,
            ) % {"title": title, "n": objections, "counted": counted}
        elif by[Answer.CONCERNS]:
            sentence = _(
                "We agreed to “%(title)s”, with concerns to keep in mind (%(counted)s: %(agree)s agreed, %(concerns)s with concerns)."
            ) % {
                "title": title,
                "counted": counted,
                "agree": by[Answer.AGREE],
                "concerns": by[Answer.CONCERNS],
            }
        else:
            sentence = _("We agreed to “%(title)s” (%(counted)s, everyone agreed).") % {
                "title": title,
                "counted": counted,
            }
        return Tally(total, sentence, counts, objections)
    options = list(proposal.options.all())
    points = {o.pk: 0 for o in options}
    if proposal.way == Way.CHOICE:
        for r in responses:
            if r.option_id in points:
                points[r.option_id] += 1
    else:
        # Each response gives its first choice as many points as there are options, its
        # second one fewer, and so on: every place counts, not only the first.
        ranks = Rank.objects.filter(response__proposal=proposal)
        for rank in ranks:
            if rank.option_id in points:
                points[rank.option_id] += len(options) - rank.rank + 1
    counts = [(o.label, points[o.pk]) for o in options]
    best = max(points.values(), default=0)
    winners = [o.label for o in options if points[o.pk] == best]
    detail = "; ".join(f"{label}: {n}" for label, n in counts)
    if len(winners) > 1:
        sentence = _("On “%(title)s” it was a tie between %(winners)s (%(counted)s; %(detail)s).")
        sentence %= {
            "title": title,
            "winners": _(" and ").join(winners),
            "counted": counted,
            "detail": detail,
        }
    else:
        sentence = _("On “%(title)s” we chose %(winner)s (%(counted)s; %(detail)s).") % {
            "title": title,
            "winner": winners[0],
            "counted": counted,
            "detail": detail,
        }
    return Tally(total, sentence, counts)


# -- the decision log ------------------------------------------------------------------


def _wording(decision: Decision) -> dict:
    return {name: getattr(decision, name) for name in Decision.wording_fields}


@transaction.atomic
def decision_add(
    *,
    project: Project,
    actor: User,
    text: str,
    how: str,
    made_by: str,
    say: str,
    decided_on: date,
    mark=None,
    postit=None,
    action=None,
) -> Decision:
    decision = Decision.objects.create(
        project=project,
        text=text,
        how=how,
        made_by=made_by if how == Decision.How.OUTSIDE else "",
        say=say if how == Decision.How.OUTSIDE else Decision.Say.DECIDED,
        decided_on=decided_on,
        created_by=actor,
        mark=mark,
        postit=postit,
        action=action,
    )
    DecisionRevision.objects.create(
        decision=decision, version=1, edited_by=actor, **_wording(decision)
    )
    record_activity(project=project, actor=actor, kind="decision_added", detail=text)
    return decision


def decision_edit(*, decision: Decision, actor: User, base_version: int, changes: dict) -> Decision:
    if decision.how != Decision.How.OUTSIDE:
        changes = {**changes, "made_by": "", "say": Decision.Say.DECIDED}
    return words_save(
        item=decision,
        base_version=base_version,
        changes=changes,
        project=decision.project,
        actor=actor,
        kind="decision_edited",
        detail=changes.get("text", ""),
        record=record_activity,
    )


def decisions_of(project: Project):
    """The log in date order; ``postit_aside`` says the post-it it is about is set aside."""
    return (
        Decision.objects.filter(project=project)
        .select_related("mark", "postit", "action", "proposal")
        .annotate(postit_aside=is_set_aside(PostIt, "postit_id"))
        .order_by("decided_on", "created_at", "pk")
    )


def proposals_of(project: Project):
    """Newest first, each with how many have responded, in one query."""
    return (
        Proposal.objects.filter(project=project)
        .select_related("author", "answered_by")
        .annotate(responded=Count("responses"))
        .order_by("-created_at", "-pk")
    )
