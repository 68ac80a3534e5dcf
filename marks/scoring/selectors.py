"""What pages show of scoring rounds: the reveal's chart and numbers, progress, summaries.

Nothing here hands out an individual score before its round is revealed: the
summaries of an open round are counts of who has answered, never values.
"""

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Subquery
from django.utils.translation import gettext as _

from projects.models import Membership, Project

from ..models import SCORE_MAX, SCORE_MIN, Mark, Score, ScoringRound

# When the highest and lowest scores are this far apart, the page suggests talking about why.
WIDE_SPREAD = 4
# The chart's drawing area, in SVG user units.
CHART_HEIGHT = 120
BAR_WIDTH = 24
BAR_GAP = 6


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
    def chosen_bars(self) -> list[Bar]:
        """The values somebody chose: the table's rows, so it stays short."""
        return [b for b in self.bars if b.count]

    @property
    def unchosen(self) -> list[int]:
        """The values nobody chose: one row of the table says them all."""
        return [b.value for b in self.bars if not b.count]

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


# Below this many scores, a reveal without names hardly hides anyone: the page warns first.
FEW_ANSWERS = 3


def count_of_scores(scoring_round: ScoringRound) -> int:
    """How many numbers a reveal would show: a choice not to score shows none."""
    return Score.objects.filter(round=scoring_round, value__isnull=False).count()


def reveal_of(scoring_round: ScoringRound) -> Reveal:
    """The chart and its numbers. Refuses to run for a round that is still open.

    Names show only if the round was opened showing them, whatever the setting says now.
    """
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
    if scoring_round.show_names:
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
    """How many current members have answered, of how many: two counts, no values. Members
    on a break are in neither count."""
    project_id = scoring_round.mark.project_id
    members = Membership.objects.filter(project_id=project_id).taking_part()
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


def round_in_progress(mark: Mark) -> ScoringRound | None:
    """The mark's open or revealed round, if it has one (it has at most one)."""
    return (
        ScoringRound.objects.filter(mark=mark, status__in=["open", "revealed"])
        .select_related("mark")
        .first()
    )


def agreed_history(mark: Mark) -> list[ScoringRound]:
    """The mark's closed rounds, latest first."""
    return list(
        ScoringRound.objects.filter(mark=mark, status=ScoringRound.Status.CLOSED).order_by(
            "-closed_at", "-pk"
        )
    )


def next_mark(mark: Mark) -> Mark | None:
    """The visible mark after this one in its stage, so a meeting can move on."""
    return (
        Mark.objects.filter(
            project_id=mark.project_id, stage=mark.stage, hidden=False, position__gte=mark.position
        )
        .exclude(pk=mark.pk)
        .exclude(position=mark.position, pk__lt=mark.pk)
        .order_by("position", "pk")
        .first()
    )


def open_rounds(project: Project) -> list[ScoringRound]:
    """Rounds left open between meetings, oldest first, each with its mark."""
    return list(
        ScoringRound.objects.filter(mark__project=project, status=ScoringRound.Status.OPEN)
        .select_related("mark")
        .order_by("opened_at", "pk")
    )
