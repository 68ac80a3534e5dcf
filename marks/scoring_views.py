"""Scoring rounds: open, score privately, reveal together, agree; the meeting screen.

Before a round is revealed these views send counts of who has answered, never a
value: not in a page, not in a fragment, not to facilitators.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from projects.access import get_project_for_user, get_revision_for_user
from projects.models import Membership, Project
from projects.stages import Stage

from . import scoring
from .models import Mark, Score, ScoringRound, ScoringSettings
from .scoring_forms import RATHER_NOT, AgreeForm, ScoreForm, ScoringSettingsForm

# How long a drawn meeting screen stays in the cache. A new revision gets a new key at once,
# so this only bounds the memory old revisions hold.
MEETING_CACHE_SECONDS = 120


def _require_runner(settings: ScoringSettings, membership: Membership) -> None:
    if not settings.can_run_rounds(membership):
        # The same words as every facilitator-only view, so people hear one reason.
        raise PermissionDenied(_("Only the project's facilitators can do this."))


def _round_for(project: Project, round_id: int) -> ScoringRound:
    return get_object_or_404(
        ScoringRound.objects.select_related("mark__project"), pk=round_id, mark__project=project
    )


def _mark_url(project: Project, mark_id: int) -> str:
    return f"{reverse('marks:mark', args=[project.pk, mark_id])}#score"


def _state(scoring_round: ScoringRound | None) -> str:
    """A short name for what a page shows, so a poll can tell when the round moved on."""
    return f"{scoring_round.status}-{scoring_round.pk}" if scoring_round else "none"


def _progress_words(answered: int, members: int) -> str:
    return ngettext(
        "%(answered)s of %(members)s member has scored.",
        "%(answered)s of %(members)s members have scored.",
        members,
    ) % {"answered": answered, "members": members}


def _round_context(project, scoring_round, settings) -> dict:
    """What the live part of a page shows: progress while open, the spread once revealed."""
    ctx = {"round": scoring_round, "state": _state(scoring_round)}
    if scoring_round is None:
        return ctx
    if scoring_round.is_open:
        answered, members = scoring.progress_of(scoring_round)
        ctx.update(answered=answered, members=members, progress=_progress_words(answered, members))
    else:
        ctx["reveal"] = scoring.reveal_of(scoring_round, show_names=settings.show_names)
    return ctx


def scoring_context(
    request: HttpRequest,
    project: Project,
    membership: Membership,
    mark: Mark,
    *,
    score_form: ScoreForm | None = None,
    agree_form: AgreeForm | None = None,
) -> dict:
    """Everything the mark page's scoring section needs, in a fixed number of queries."""
    settings = ScoringSettings.for_project(project)
    current = (
        ScoringRound.objects.filter(mark=mark, status__in=["open", "revealed"])
        .select_related("mark")
        .first()
    )
    history = list(
        ScoringRound.objects.filter(mark=mark, status=ScoringRound.Status.CLOSED).order_by(
            "-closed_at", "-pk"
        )
    )
    # The last round shows what was agreed until someone opens the next one.
    shown = current or (history[0] if history else None)
    ctx = _round_context(project, shown, settings)
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
    trend = None
    if len(history) >= 2:
        trend = history[0].agreed_value - history[1].agreed_value
    next_mark = (
        Mark.objects.filter(
            project=project, stage=mark.stage, hidden=False, position__gte=mark.position
        )
        .exclude(pk=mark.pk)
        .exclude(position=mark.position, pk__lt=mark.pk)
        .order_by("position", "pk")
        .first()
    )
    revision = project.revision
    ctx.update(
        project=project,
        mark=mark,
        current=current,
        settings=settings,
        can_run=not project.is_completed and settings.can_run_rounds(membership),
        my_score=my_score,
        score_form=score_form,
        agree_form=agree_form,
        history=history,
        trend=trend,
        trend_size=abs(trend or 0),
        next_mark=next_mark,
        revision=revision,
        poll_url=reverse("marks:round_poll", args=[project.pk, mark.pk]),
    )
    return ctx


def _render_mark_page(request, project, membership, mark, status=200, **forms) -> HttpResponse:
    from .views import _mark_context

    ctx = _mark_context(request, project, membership, mark)
    ctx.update(scoring_context(request, project, membership, mark, **forms))
    return render(request, "marks/mark.html", ctx, status=status)


@login_required
@require_POST
def round_open(request: HttpRequest, project_id: int, mark_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    mark = get_object_or_404(Mark.objects.select_related("project"), pk=mark_id, project=project)
    _require_runner(ScoringSettings.for_project(project), membership)
    try:
        scoring.round_open(mark=mark, actor=request.user)
    except scoring.ScoringError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Scoring is open. Everyone can now score this mark on their own device."),
        )
    return redirect(_mark_url(project, mark.pk))


@login_required
@require_POST
def score_submit(request: HttpRequest, project_id: int, round_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    scoring_round = _round_for(project, round_id)
    mark = scoring_round.mark
    form = ScoreForm(request.POST, prefix="score")
    if not form.is_valid():
        if request.htmx:
            ctx = scoring_context(request, project, membership, mark, score_form=form)
            return render(request, "marks/_scoring.html#score-controls", ctx)
        return _render_mark_page(request, project, membership, mark, status=400, score_form=form)
    try:
        score = scoring.score_set(
            scoring_round=scoring_round, member=request.user, value=form.cleaned_data["value"]
        )
    except scoring.ScoringError as error:
        messages.error(request, str(error))
        if request.htmx:
            ctx = scoring_context(request, project, membership, mark)
            return render(request, "marks/_scoring.html#score-controls", ctx)
        return redirect(_mark_url(project, mark.pk))
    if score.value is None:
        saved = _("Saved: you’d rather not score this one. You can change this until the reveal.")
    else:
        saved = _("Your score of %(value)s is saved. You can change it until the reveal.") % {
            "value": score.value
        }
    if request.htmx:
        ctx = scoring_context(request, project, membership, mark)
        ctx["saved"] = saved
        return render(request, "marks/_scoring.html#score-controls", ctx)
    messages.success(request, saved)
    return redirect(_mark_url(project, mark.pk))


@login_required
@require_POST
def round_reveal(request: HttpRequest, project_id: int, round_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    scoring_round = _round_for(project, round_id)
    _require_runner(ScoringSettings.for_project(project), membership)
    try:
        scoring.round_reveal(scoring_round=scoring_round, actor=request.user)
    except scoring.ScoringError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The scores are revealed. Talk about them, then agree one."))
    return redirect(_mark_url(project, scoring_round.mark_id))


@login_required
@require_POST
def round_agree(request: HttpRequest, project_id: int, round_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    scoring_round = _round_for(project, round_id)
    _require_runner(ScoringSettings.for_project(project), membership)
    mark = scoring_round.mark
    if not scoring_round.is_revealed:
        if scoring_round.is_open:
            messages.error(request, _("Reveal the scores before the group agrees one."))
        else:
            messages.error(request, _("This round is already closed with an agreed score."))
        return redirect(_mark_url(project, mark.pk))
    form = AgreeForm(request.POST, prefix="agree")
    if not form.is_valid():
        return _render_mark_page(request, project, membership, mark, status=400, agree_form=form)
    try:
        scoring.round_agree(
            scoring_round=scoring_round,
            actor=request.user,
            value=form.cleaned_data["value"],
            note=form.cleaned_data["note"],
        )
    except scoring.ScoringError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Your group agreed %(value)s. It is saved in this mark’s history.")
            % {"value": form.cleaned_data["value"]},
        )
    return redirect(_mark_url(project, mark.pk))


@login_required
@require_GET
def round_poll(request: HttpRequest, project_id: int, mark_id: int) -> HttpResponse:
    """The mark page's live part: 204 when nothing changed, in one small query."""
    revision = get_revision_for_user(request, project_id)
    if request.GET.get("revision") == str(revision):
        return HttpResponse(status=204)
    project, membership = get_project_for_user(request, project_id)
    mark = get_object_or_404(Mark, pk=mark_id, project=project)
    ctx = scoring_context(request, project, membership, mark)
    html = render_to_string("marks/_scoring.html#round-live", ctx, request=request)
    if request.GET.get("state") != ctx["state"]:
        # The round moved on (opened, revealed, agreed): the controls change too. This is
        # the only time they are replaced, and then the old ones no longer apply.
        ctx["oob"] = True
        html += render_to_string("marks/_scoring.html#score-controls", ctx, request=request)
    return HttpResponse(html)


# -- the meeting screen ------------------------------------------------------------


def _meeting_context(project: Project) -> dict:
    """The round the group is on: the one most recently opened in the project."""
    settings = ScoringSettings.for_project(project)
    current = (
        ScoringRound.objects.filter(mark__project=project)
        .select_related("mark")
        .order_by("-opened_at", "-pk")
        .first()
    )
    ctx = _round_context(project, current, settings)
    ctx.update(
        project=project,
        revision=project.revision,
        poll_url=reverse("marks:meeting_poll", args=[project.pk]),
        stage=Stage(current.mark.stage) if current else None,
    )
    return ctx


@login_required
@require_GET
def meeting(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    ctx = _meeting_context(project)
    ctx["membership"] = membership
    return render(request, "marks/meeting.html", ctx)


@login_required
@require_GET
def meeting_poll(request: HttpRequest, project_id: int) -> HttpResponse:
    revision = get_revision_for_user(request, project_id)
    if request.GET.get("revision") == str(revision):
        return HttpResponse(status=204)
    project, membership = get_project_for_user(request, project_id)
    # Every member sees the same live part: drawn once per revision and language, then shared
    # by each member's poll (see docs/performance.md). The project's creation time keeps a
    # project made again with the same id from reading another's part.
    key = f"meeting-live:{project.pk}:{project.created_at.timestamp()}:{revision}:{get_language()}"
    html = cache.get(key)
    if html is None:
        html = render_to_string("marks/meeting.html#meeting-live", _meeting_context(project))
        cache.set(key, html, MEETING_CACHE_SECONDS)
    return HttpResponse(html)


# -- settings ------------------------------------------------------------------------


@login_required
def scoring_settings(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id, facilitator=True)
    settings = ScoringSettings.for_project(project)
    data = request.POST if request.method == "POST" else None
    form = ScoringSettingsForm(data, instance=settings)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Your scoring settings are saved."))
            return redirect("marks:scoring_settings", project_id=project.pk)
        status = 400
    else:
        status = 200
    ctx = {"project": project, "membership": membership, "form": form}
    return render(request, "marks/scoring_settings.html", ctx, status=status)
