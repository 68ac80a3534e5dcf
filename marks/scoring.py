"""Scoring rounds: workflows that change them, and the summaries pages show.

Nothing here hands out an individual score before its round is revealed: the
summaries of an open round are counts of who has answered, never values.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Count, F, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from projects.models import Membership, Project
from projects.services import record_activity

from .models import SCORE_MAX, SCORE_MIN, Mark, Score, ScoringRound

# When the highest and lowest scores are this far apart, the page suggests talking about why.
WIDE_SPREAD = 4
# The chart's drawing area, in SVG user units.
CHART_HEIGHT = 120
BAR_WIDTH = 24
BAR_GAP = 6


class ScoringError(Exception):
    """A scoring action that can't happen now; the message says why, in plain words."""


def _bump_revision(project_id: int) -> None:
    # Live pages poll the revision; a score changes it without a line in the activity feed,
    # so fifty scores don't bury everything else the group did.
    Project.objects.filter(pk=project_id).update(revision=F("revision") + 1)


@transaction.atomic
def round_open(*, mark: Mark, actor: User) -> ScoringRound:
    """Open a round on a mark, unless it already has one in progress."""
    if ScoringRound.objects.filter(mark=mark, status__in=["open", "revealed"]).exists():
        raise ScoringError(_("This mark already has a scoring round in progress."))
    try:
        with transaction.atomic():
            scoring_round = ScoringRound.objects.create(mark=mark, opened_by=actor)
    except IntegrityError:
        # Someone else opened one at the same moment.
        raise ScoringError(_("This mark already has a scoring round in progress.")) from None
    record_activity(project=mark.project, actor=actor, kind="round_opened", detail=mark.title)
    return scoring_round


@transaction.atomic
def score_set(*, scoring_round: ScoringRound, member: User, value: int | None) -> Score:
    """Save or change a member's score while the round is open. None is "I'd rather not"."""
    # Locking the round makes a score and a reveal happen one after the other, never at once.
    locked = ScoringRound.objects.select_for_update().get(pk=scoring_round.pk)
    if not locked.is_open:
        raise ScoringError(_("Scoring for this round has finished, so your score was not saved."))
    now = timezone.now()
    updated = Score.objects.filter(round=locked, member=member).update(value=value, updated_at=now)
    if not updated:
        try:
            with transaction.atomic():
                Score.objects.create(
                    round=locked, member=member, value=value, created_at=now, updated_at=now
                )
        except IntegrityError:
            # The same person's second tab got there first: change that score instead.
            Score.objects.filter(round=locked, member=member).update(value=value, updated_at=now)
    _bump_revision(locked.mark.project_id)
    return Score.objects.get(round=locked, member=member)


@transaction.atomic
def round_reveal(*, scoring_round: ScoringRound, actor: User) -> ScoringRound:
    locked = (
        ScoringRound.objects.select_for_update()
        .select_related("mark__project")
        .get(pk=scoring_round.pk)
    )
    if not locked.is_open:
        raise ScoringError(_("This round's scores have already been revealed."))
    locked.status = ScoringRound.Status.REVEALED
    locked.revealed_at = timezone.now()
    locked.save(update_fields=["status", "revealed_at"])
    record_activity(
        project=locked.mark.project, actor=actor, kind="round_revealed", detail=locked.mark.title
    )
    return locked


@transaction.atomic
def round_agree(*, scoring_round: ScoringRound, actor: User, value: int, note: str) -> ScoringRound:
    """Record the score the group agreed, with its reason, and close the round."""
    locked = (
        ScoringRound.objects.select_for_update()
        .select_related("mark__project")
        .get(pk=scoring_round.pk)
    )
    if locked.is_open:
        raise ScoringError(_("Reveal the scores before the group agrees one."))
    if locked.is_closed:
        raise ScoringError(_("This round is already closed with an agreed score."))
    locked.status = ScoringRound.Status.CLOSED
    locked.closed_at = timezone.now()
    locked.agreed_value = value
    locked.agreed_note = note
    locked.agreed_by = actor
    locked.save(update_fields=["status", "closed_at", "agreed_value", "agreed_note", "agreed_by"])
    record_activity(
        project=locked.mark.project,
        actor=actor,
        kind="round_agreed",
        detail=f"{locked.mark.title}: {value}",
    )
    return locked


# -- what pages show --------------------------------------------------------------


@dataclass
class Bar:
    value: int
    count: int
    x: int = 0
    y: int = 0
    height: int = 0

    @property
    def cx(self) -> int:
        return self.x + BAR_WIDTH // 2

    @property
    def count_y(self) -> int:
        return self.y - 4

    @property
    def width(self) -> int:
        return BAR_WIDTH

    @property
    def label_y(self) -> int:
        return CHART_HEIGHT + 16


@dataclass
class Reveal:
    """The spread of a revealed round: counts per value, never in the order people scored."""

    bars: list[Bar]
    passed: int
    lowest: int | None
    highest: int | None
    median: float | None
    named: list[tuple[str, int | None]] = field(default_factory=list)

    @property
    def scored(self) -> int:
        return sum(b.count for b in self.bars)

    @property
    def wide(self) -> bool:
        return (
            self.lowest is not None
            and self.highest is not None
            and self.highest - self.lowest >= WIDE_SPREAD
        )

    @property
    def chart_width(self) -> int:
        return len(self.bars) * (BAR_WIDTH + BAR_GAP)

    @property
    def chart_height(self) -> int:
        # Room above the tallest bar for its count, and below the bars for the values.
        return CHART_HEIGHT + 40


def median(values: list[int]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def reveal_of(scoring_round: ScoringRound, *, show_names: bool) -> Reveal:
    """The chart and its numbers. Refuses to run for a round that is still open."""
    if scoring_round.is_open:
        raise ValueError("An open round's scores are private.")
    rows = list(
        Score.objects.filter(round=scoring_round)
        .values_list("value")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {value: n for value, n in rows}
    passed = counts.pop(None, 0)
    values = [v for v, n in counts.items() for _ in range(n)]
    top = max(counts.values(), default=0) or 1
    bars = []
    for i, value in enumerate(range(SCORE_MIN, SCORE_MAX + 1)):
        n = counts.get(value, 0)
        height = round(CHART_HEIGHT * n / top)
        bars.append(
            Bar(
                value=value,
                count=n,
                x=i * (BAR_WIDTH + BAR_GAP),
                y=CHART_HEIGHT - height,
                height=height,
            )
        )
    named = []
    if show_names:
        member_ids = set(
            Membership.objects.filter(project_id=scoring_round.mark.project_id).values_list(
                "user_id", flat=True
            )
        )
        for score in Score.objects.filter(round=scoring_round).select_related("member"):
            # A member who has left stays in the chart but loses their name.
            if score.member_id in member_ids:
                named.append((str(score.member.display_name), score.value))
            else:
                named.append((_("A former member"), score.value))
        named.sort(key=lambda pair: (pair[1] is None, pair[1] or 0, pair[0]))
    return Reveal(
        bars=bars,
        passed=passed,
        lowest=min(values, default=None),
        highest=max(values, default=None),
        median=median(values),
        named=named,
    )


def progress_of(scoring_round: ScoringRound) -> tuple[int, int]:
    """How many current members have answered, of how many: two counts, no values."""
    project_id = scoring_round.mark.project_id
    members = Membership.objects.filter(project_id=project_id)
    answered = Score.objects.filter(
        round=scoring_round, member__in=members.values("user_id")
    ).count()
    return answered, members.count()


def latest_agreed_subquery():
    """The latest agreed score of the mark in the outer query, for annotating a list of marks."""
    return Subquery(
        ScoringRound.objects.filter(mark=OuterRef("pk"), status=ScoringRound.Status.CLOSED)
        .order_by("-closed_at", "-pk")
        .values("agreed_value")[:1]
    )


def round_in_progress_subquery():
    return Subquery(
        ScoringRound.objects.filter(mark=OuterRef("pk"), status__in=["open", "revealed"]).values(
            "status"
        )[:1]
    )
