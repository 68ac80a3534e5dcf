"""What pages show of scoring: the mark page's scoring section and the live part of a round.

Before a round is revealed this sends counts of who has answered, never a value: not
in a page, not in a fragment, not to facilitators.
"""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import ngettext

from projects.models import Membership, Project

from ..models import Mark, Score, ScoringRound, ScoringSettings
from . import selectors
from .forms import RATHER_NOT, AgreeForm, ScoreForm


def state(scoring_round: ScoringRound | None) -> str:
    """A short name for what a page shows, so a poll can tell when the round moved on."""
    return f"{scoring_round.status}-{scoring_round.pk}" if scoring_round else "none"


def _progress_words(answered: int, members: int) -> str:
    return ngettext(
        "%(answered)s of %(members)s member has scored.",
        "%(answered)s of %(members)s members have scored.",
        members,
    ) % {"answered": answered, "members": members}


def round_context(scoring_round: ScoringRound | None) -> dict:
    """What the live part of a page shows: progress while open, the spread once revealed."""
    ctx = {"round": scoring_round, "state": state(scoring_round)}
    if scoring_round is None:
        return ctx
    if scoring_round.is_open:
        answered, members = selectors.progress_of(scoring_round)
        ctx.update(answered=answered, members=members, progress=_progress_words(answered, members))
    else:
        ctx["reveal"] = selectors.reveal_of(scoring_round)
    return ctx


def scoring_context(
    request: HttpRequest,
    project: Project,
    membership: Membership,
    mark: Mark,
    *,
    score_form: ScoreForm | None = None,
    agree_form: AgreeForm | None = None,
    settings: ScoringSettings | None = None,
    confirm_reveal: bool = False,
) -> dict:
    """Everything the mark page's scoring section needs, in a fixed number of queries.

    A form that failed to validate is passed in to be shown with its errors, and the
    settings if the view has read them already.
    """
    settings = settings or ScoringSettings.for_project(project)
    current = selectors.round_in_progress(mark)
    history = selectors.agreed_history(mark)
    # The last round shows what was agreed until someone opens the next one.
    shown = current or (history[0] if history else None)
    ctx = round_context(shown)
    my_score = None
    if current is not None and current.is_open:
        my_score = Score.objects.filter(round=current, member=request.user).first()
        if score_form is None:
            initial = {}
            if my_score is not None:
                initial["value"] = RATHER_NOT if my_score.value is None else str(my_score.value)
            score_form = ScoreForm(initial=initial, prefix="score")
    if current is not None and current.is_revealed and agree_form is None:
        median = ctx["reveal"].median
        initial = {"value": round(median)} if median is not None else {}
        agree_form = AgreeForm(initial=initial, prefix="agree")
    # Asked to reveal with few scores: the reveal form warns and asks again (see the view).
    few_scores = None
    if confirm_reveal and current is not None and current.is_open and not current.show_names:
        few_scores = selectors.count_of_scores(current)
        if few_scores >= selectors.FEW_ANSWERS:
            few_scores = None
    trend = None
    if len(history) >= 2:
        trend = history[0].agreed_value - history[1].agreed_value
    ctx.update(
        project=project,
        mark=mark,
        current=current,
        settings=settings,
        can_run=not project.is_completed and settings.can_run_rounds(membership),
        my_score=my_score,
        few_scores=few_scores,
        score_form=score_form,
        agree_form=agree_form,
        history=history,
        trend=trend,
        trend_size=abs(trend or 0),
        next_mark=selectors.next_mark(mark),
        revision=project.revision,
        poll_url=reverse("scoring:round_poll", args=[project.pk, mark.pk]),
    )
    return ctx
