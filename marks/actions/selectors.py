"""What the benchmark and the action plan show: agreed scores over time, and the actions.

Only agreed scores (closed rounds) appear here. A closed round has always been
revealed, so nothing in this module can show a score the group hasn't seen.
Every query covers the whole project at once, so pages cost the same number of
queries however many marks, rounds or actions there are.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Max, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from projects.models import Project
from projects.stages import Stage

from ..models import SCORE_MAX, SCORE_MIN, Action, Mark, Note, ScoringRound

# The chart's drawing area, in SVG user units.
CHART_HEIGHT = 100
CHART_STEP = 40
CHART_LEFT = 24


# -- the benchmark -----------------------------------------------------------------


@dataclass
class Point:
    when: date
    value: int
    x: int
    y: int


@dataclass
class MarkSummary:
    mark: Mark
    rounds: list[ScoringRound] = field(default_factory=list)
    snakes: int = 0
    ladders: int = 0
    actions: list[Action] = field(default_factory=list)

    @property
    def latest(self) -> ScoringRound | None:
        return self.rounds[-1] if self.rounds else None

    @property
    def previous(self) -> ScoringRound | None:
        return self.rounds[-2] if len(self.rounds) > 1 else None

    @property
    def trend(self) -> str:
        """'up', 'down', 'same', or 'first' when there is nothing to compare with, or ''."""
        if self.latest is None:
            return ""
        if self.previous is None:
            return "first"
        diff = self.latest.agreed_value - self.previous.agreed_value
        return "up" if diff > 0 else "down" if diff < 0 else "same"

    def score_on(self, day: date) -> ScoringRound | None:
        """The latest round agreed on or before this day."""
        found = None
        for r in self.rounds:
            if timezone.localdate(r.closed_at) <= day:
                found = r
        return found

    @property
    def points(self) -> list[Point]:
        points = []
        for i, r in enumerate(self.rounds):
            y = CHART_HEIGHT - round(CHART_HEIGHT * (r.agreed_value - SCORE_MIN) / (SCORE_MAX - 1))
            points.append(
                Point(
                    timezone.localdate(r.closed_at), r.agreed_value, CHART_LEFT + i * CHART_STEP, y
                )
            )
        return points

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x},{p.y}" for p in self.points)

    @property
    def chart_width(self) -> int:
        return CHART_LEFT + max(len(self.rounds), 1) * CHART_STEP

    @property
    def chart_height(self) -> int:
        return CHART_HEIGHT + 30

    @property
    def gridlines(self) -> list[tuple[int, int]]:
        """Lines at 1, 5 and 10, each with its y position, so the chart has a scale."""
        return [
            (v, CHART_HEIGHT - round(CHART_HEIGHT * (v - SCORE_MIN) / (SCORE_MAX - 1)))
            for v in (1, 5, 10)
        ]


@dataclass
class StageSummary:
    stage: Stage
    marks: list[MarkSummary]

    @property
    def latest_values(self) -> list[int]:
        return [m.latest.agreed_value for m in self.marks if m.latest]

    @property
    def lowest(self) -> int | None:
        return min(self.latest_values, default=None)

    @property
    def highest(self) -> int | None:
        return max(self.latest_values, default=None)

    @property
    def scored(self) -> int:
        return len(self.latest_values)

    @property
    def snakes(self) -> int:
        return sum(m.snakes for m in self.marks)

    @property
    def ladders(self) -> int:
        return sum(m.ladders for m in self.marks)


def agreed_rounds(project: Project, *, with_spread: bool = False, hidden: bool = False):
    """Every agreed round of the project's visible marks (and hidden ones if asked), oldest first."""
    rounds = ScoringRound.objects.filter(
        mark__project=project, status=ScoringRound.Status.CLOSED
    ).order_by("closed_at", "pk")
    if not hidden:
        rounds = rounds.filter(mark__hidden=False)
    if with_spread:
        # Only closed rounds get here, and a closed round's scores were revealed.
        rounds = rounds.annotate(lowest=Min("scores__value"), highest=Max("scores__value"))
    return rounds


def benchmark(project: Project) -> list[StageSummary]:
    """Each stage with its visible marks, their agreed scores over time and their notes. 2 queries."""
    marks = list(
        Mark.objects.filter(project=project, hidden=False)
        .annotate(
            snakes=Count("notes", filter=Q(notes__kind=Note.Kind.SNAKE, notes__deleted_at=None)),
            ladders=Count("notes", filter=Q(notes__kind=Note.Kind.LADDER, notes__deleted_at=None)),
        )
        .order_by("position", "pk")
    )
    summaries = {m.pk: MarkSummary(mark=m, snakes=m.snakes, ladders=m.ladders) for m in marks}
    for r in agreed_rounds(project):
        summaries[r.mark_id].rounds.append(r)
    return [
        StageSummary(stage=stage, marks=[s for s in summaries.values() if s.mark.stage == stage])
        for stage in Stage
    ]


def compare(stages: list[StageSummary], first: date, second: date) -> list[dict]:
    """Each scored mark's latest agreed score as it stood on two days."""
    rows = []
    for stage in stages:
        for s in stage.marks:
            then, now = s.score_on(first), s.score_on(second)
            # A mark with no agreed score on either day has nothing to compare.
            if then is None and now is None:
                continue
            change = None
            if then is not None and now is not None:
                change = now.agreed_value - then.agreed_value
            rows.append(
                {
                    "stage": stage.stage,
                    "mark": s.mark,
                    "then": then,
                    "now": now,
                    "change": change,
                    "size": abs(change) if change is not None else None,
                }
            )
    return rows


@dataclass
class Bar:
    """One mark's bar in its stage's chart: a score from 1 to 10 and the day it was agreed."""

    value: int
    when: date

    @property
    def width(self) -> int:
        # Drawn on a scale of 0 to 100 (the chart's viewBox), 10 for each point.
        return self.value * 10


def stage_bars(stages: list[StageSummary], first: date | None = None, second: date | None = None):
    """Give each stage ``bars``: every visible mark with its latest agreed score, or, when two
    days are compared, its score on the later day beside its score on the earlier one. A mark
    not yet scored has no bar and says so. No queries: the rounds are already there."""
    comparing = first is not None and second is not None
    for stage in stages:
        stage.bars = []
        for m in stage.marks:
            later = m.score_on(second) if comparing else m.latest
            earlier = m.score_on(first) if comparing else None
            stage.bars.append(
                {
                    "mark": m.mark,
                    "bar": _bar(later),
                    "earlier": _bar(earlier),
                }
            )
    return stages


def _bar(scoring_round: ScoringRound | None) -> Bar | None:
    if scoring_round is None:
        return None
    return Bar(scoring_round.agreed_value, timezone.localdate(scoring_round.closed_at))


# -- the action plan -------------------------------------------------------------


def actions_of(project: Project, *, mark: Mark | None = None):
    """The project's actions with their marks and owners, in 2 queries however many."""
    actions = (
        Action.objects.filter(project=project)
        .select_related("mark", "created_by")
        .prefetch_related("owners")
    )
    if mark is not None:
        actions = actions.filter(mark=mark)
    return actions


def by_stage(actions: list[Action]) -> list[tuple[str, list[Action]]]:
    """Actions grouped by their mark's stage, then those about the whole project."""
    groups = []
    for stage in Stage:
        found = [a for a in actions if a.mark and a.mark.stage == stage]
        if found:
            found.sort(key=lambda a: (a.mark.position, a.mark.pk, a.created_at, a.pk))
            groups.append((stage.label, found))
    general = [a for a in actions if a.mark is None]
    if general:
        groups.append((_("About the whole project"), general))
    return groups


def by_date(actions: list[Action]) -> list[Action]:
    """Soonest due first; actions with no date at the end, oldest first."""
    return sorted(actions, key=lambda a: (a.due is None, a.due or date.min, a.created_at, a.pk))


def owners_text(action: Action) -> str:
    return names_text(everyone=action.everyone, owners=action.owners.all())


def names_text(*, everyone: bool, owners: Iterable[User]) -> str:
    """Who an action is for, in words: everyone, the names, or nobody yet."""
    if everyone:
        return _("Everyone")
    return ", ".join(sorted(str(u.display_name) for u in owners)) or _("Nobody yet")
