"""Workflows that change scoring rounds, scores and the scoring settings.

Each one bumps the project's revision (directly, or through the activity feed), so the
mark page and the meeting screen that poll it redraw.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from projects.activity import record_activity
from projects.models import Project
from projects.on_behalf.services import activity_detail
from projects.shared_words.services import StaleEdit

from ..models import Mark, RoundParticipant, Score, ScoringRound, ScoringSettings
from ..services import revision_bump


class ScoringError(Exception):
    """A scoring action that can't happen now; the message says why, in plain words."""


@transaction.atomic
def round_open(*, mark: Mark, actor: User) -> ScoringRound:
    """Open a round on a mark, unless it already has one in progress.

    The round keeps the project's choice about names as it is now, for good.
    """
    if ScoringRound.objects.filter(mark=mark, status__in=["open", "revealed"]).exists():
        raise ScoringError(_("This mark already has a scoring round in progress."))
    show_names = ScoringSettings.for_project(mark.project).show_names
    try:
        with transaction.atomic():
            scoring_round = ScoringRound.objects.create(
                mark=mark, opened_by=actor, show_names=show_names
            )
    except IntegrityError:
        # Someone else opened one at the same moment.
        raise ScoringError(_("This mark already has a scoring round in progress.")) from None
    record_activity(project=mark.project, actor=actor, kind="round_opened", detail=mark.title)
    return scoring_round


@transaction.atomic
def score_set(
    *,
    scoring_round: ScoringRound,
    member: User,
    value: int | None,
    added_by: User | None = None,
    given_via: str = "",
) -> Score:
    """Save or change a member's score while the round is open. None is "I'd rather not".

    With ``added_by``, someone adds the member's score for them, given ``given_via``; the
    activity says so (never the score). When the member changes it themselves, it is theirs.
    """
    # Locking the round makes a score and a reveal happen one after the other, never at once.
    locked = ScoringRound.objects.select_for_update().get(pk=scoring_round.pk)
    if not locked.is_open:
        raise ScoringError(_("Scoring for this round has finished, so your score was not saved."))
    now = timezone.now()
    fields = {
        "value": value,
        "updated_at": now,
        "added_by": added_by,
        "given_via": given_via if added_by is not None else "",
    }
    updated = Score.objects.filter(round=locked, member=member).update(**fields)
    if not updated:
        try:
            with transaction.atomic():
                Score.objects.create(round=locked, member=member, created_at=now, **fields)
        except IntegrityError:
            # The same person's second tab got there first: change that score instead.
            Score.objects.filter(round=locked, member=member).update(**fields)
    # Taking part is noted apart from the score, so it outlives an anonymous reveal.
    RoundParticipant.objects.bulk_create(
        [RoundParticipant(round=locked, member=member)], ignore_conflicts=True
    )
    if added_by is not None:
        # A trace of who gave it for whom, never the score itself.
        record_activity(
            project=locked.mark.project,
            actor=added_by,
            kind="score_added_for",
            detail=activity_detail(member, given_via),
        )
    else:
        # A score changes the revision without a line in the activity feed, so fifty scores
        # don't bury everything else the group did.
        revision_bump(project_id=locked.mark.project_id)
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
    if not locked.show_names:
        _forget_scorers(locked)
    record_activity(
        project=locked.mark.project, actor=actor, kind="round_revealed", detail=locked.mark.title
    )
    return locked


def _forget_scorers(scoring_round: ScoringRound) -> None:
    """Drop the link between each score and its member, once nobody can change a score.

    The scores are written again in order of value, all at the moment of the reveal, so
    neither their order nor their times can be matched with who took part.
    """
    values = list(
        Score.objects.filter(round=scoring_round).order_by("value").values_list("value", flat=True)
    )
    Score.objects.filter(round=scoring_round).delete()
    when = scoring_round.revealed_at
    Score.objects.bulk_create(
        Score(round=scoring_round, member=None, value=v, created_at=when, updated_at=when)
        for v in values
    )


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


@transaction.atomic
def scoring_settings_update(
    *,
    project: Project,
    actor: User | None,
    version: int,
    any_member_runs_rounds: bool,
    show_names: bool,
) -> ScoringSettings:
    """Save who runs rounds and whether rounds opened from now on show names.

    ``version`` is the one the page was drawn from (1 while the project has no settings
    saved); raises ``StaleEdit`` if someone saved since. Each change is a line in the
    activity (which also bumps the revision, so the mark page's run buttons redraw): a
    switch of names, above all, is never silent.
    """
    # Lock the project: a project that never changed its settings has no row to lock yet,
    # and two first saves at once must not both try to make it.
    Project.objects.select_for_update().filter(pk=project.pk).first()
    before = ScoringSettings.for_project(project)
    if before.version != version:
        raise StaleEdit
    settings, _created = ScoringSettings.objects.update_or_create(
        project=project,
        defaults={
            "any_member_runs_rounds": any_member_runs_rounds,
            "show_names": show_names,
            "version": version + 1,
        },
    )
    changed = False
    if before.show_names != show_names:
        kind = "names_shown" if show_names else "names_hidden"
        record_activity(project=project, actor=actor, kind=kind)
        changed = True
    if before.any_member_runs_rounds != any_member_runs_rounds:
        record_activity(project=project, actor=actor, kind="round_runners")
        changed = True
    if not changed:
        revision_bump(project_id=project.pk)
    return settings
