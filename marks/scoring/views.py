"""Scoring rounds: open, score privately, reveal together, agree; settings.

Before a round is revealed these views send counts of who has answered, never a
value: not in a page, not in a fragment, not to facilitators.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from projects.access import get_project_for_change, get_project_for_user, get_revision_for_user
from projects.live import live_poll, unchanged
from projects.models import Membership, Project
from projects.on_behalf import services as on_behalf
from projects.shared_words.services import StaleEdit
from projects.shared_words.views import settings_conflict

from ..mark_page import render_mark_page
from ..models import Mark, ScoringRound, ScoringSettings
from . import selectors, services
from .context import scoring_context
from .forms import AgreeForm, ScoreForm, ScoreForOtherForm, ScoringSettingsForm


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


@login_required
@require_POST
def round_open(request: HttpRequest, project_id: int, mark_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id)
    mark = get_object_or_404(Mark.objects.select_related("project"), pk=mark_id, project=project)
    _require_runner(ScoringSettings.for_project(project), membership)
    try:
        services.round_open(mark=mark, actor=request.user)
    except services.ScoringError as error:
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
    project, membership = get_project_for_change(request, project_id)
    scoring_round = _round_for(project, round_id)
    mark = scoring_round.mark
    form = ScoreForm(request.POST, prefix="score")
    if not form.is_valid():
        if request.htmx:
            ctx = scoring_context(request, project, membership, mark, score_form=form)
            return render(request, "marks/scoring/_scoring.html#score-controls", ctx)
        return render_mark_page(request, project, membership, mark, status=400, score_form=form)
    try:
        score = services.score_set(
            scoring_round=scoring_round, member=request.user, value=form.cleaned_data["value"]
        )
    except services.ScoringError as error:
        messages.error(request, str(error))
        if request.htmx:
            ctx = scoring_context(request, project, membership, mark)
            return render(request, "marks/scoring/_scoring.html#score-controls", ctx)
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
        return render(request, "marks/scoring/_scoring.html#score-controls", ctx)
    messages.success(request, saved)
    return redirect(_mark_url(project, mark.pk))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def score_for(request: HttpRequest, project_id: int, round_id: int) -> HttpResponse:
    """Add a score a member gave another way (one-to-one, by phone, on paper...) for them.

    Only while the round is open, and only for members who said others may add for them.
    """
    project, membership = get_project_for_change(request, project_id)
    scoring_round = _round_for(project, round_id)
    mark = scoring_round.mark
    if not scoring_round.is_open:
        messages.error(request, _("Scoring for this round has finished, so no score can be added."))
        return redirect(_mark_url(project, mark.pk))
    choosable = on_behalf.choosable(project, request.user)
    form = ScoreForOtherForm(
        request.POST if request.method == "POST" else None,
        prefix="score",
        project=project,
        adder=request.user,
        choosable=choosable,
    )
    if form.is_bound and form.is_valid():
        try:
            services.score_set(
                scoring_round=scoring_round,
                member=form.for_member,
                value=form.cleaned_data["value"],
                added_by=request.user,
                given_via=form.given_via,
            )
        except services.ScoringError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The score %(name)s gave you is saved. It stays private until the reveal.")
                % {"name": form.for_member.display_name},
            )
        return redirect(_mark_url(project, mark.pk))
    ctx = {
        "project": project,
        "membership": membership,
        "mark": mark,
        "round": scoring_round,
        "form": form,
        "choosable": choosable,
    }
    status = 400 if form.is_bound else 200
    return render(request, "marks/scoring/score_for.html", ctx, status=status)


@login_required
@require_POST
def round_reveal(request: HttpRequest, project_id: int, round_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id)
    scoring_round = _round_for(project, round_id)
    _require_runner(ScoringSettings.for_project(project), membership)
    if (
        scoring_round.is_open
        and not scoring_round.show_names
        and request.POST.get("confirm") != "yes"
        and selectors.count_of_scores(scoring_round) < selectors.FEW_ANSWERS
    ):
        # With one or two scores, an anonymous reveal hardly hides anyone: the same form
        # comes back with a warning, and the group can wait or reveal anyway.
        url = reverse("marks:mark", args=[project.pk, scoring_round.mark_id])
        return redirect(f"{url}?confirm_reveal=1#score")
    try:
        services.round_reveal(scoring_round=scoring_round, actor=request.user)
    except services.ScoringError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The scores are revealed. Talk about them, then agree one."))
    return redirect(_mark_url(project, scoring_round.mark_id))


@login_required
@require_POST
def round_agree(request: HttpRequest, project_id: int, round_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id)
    scoring_round = _round_for(project, round_id)
    settings = ScoringSettings.for_project(project)
    _require_runner(settings, membership)
    mark = scoring_round.mark
    if not scoring_round.is_revealed:
        if scoring_round.is_open:
            messages.error(request, _("Reveal the scores before the group agrees one."))
        else:
            messages.error(request, _("This round is already closed with an agreed score."))
        return redirect(_mark_url(project, mark.pk))
    form = AgreeForm(request.POST, prefix="agree")
    if not form.is_valid():
        return render_mark_page(
            request,
            project,
            membership,
            mark,
            status=400,
            agree_form=form,
            scoring_settings=settings,
        )
    try:
        services.round_agree(
            scoring_round=scoring_round,
            actor=request.user,
            value=form.cleaned_data["value"],
            note=form.cleaned_data["note"],
        )
    except services.ScoringError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Your group agreed %(value)s. It is saved in this mark’s history.")
            % {"value": form.cleaned_data["value"]},
        )
    return redirect(_mark_url(project, mark.pk))


@login_required
@require_safe
@live_poll
def round_poll(request: HttpRequest, project_id: int, mark_id: int) -> HttpResponse:
    """The mark page's live part: 204 when nothing changed, in one small query."""
    revision = get_revision_for_user(request, project_id)
    if (short := unchanged(request, revision)) is not None:
        return short
    project, membership = get_project_for_user(request, project_id)
    mark = get_object_or_404(Mark, pk=mark_id, project=project)
    ctx = scoring_context(request, project, membership, mark)
    html = render_to_string("marks/scoring/_scoring.html#round-live", ctx, request=request)
    if request.GET.get("state") != ctx["state"]:
        # The round moved on (opened, revealed, agreed): the controls change too. This is
        # the only time they are replaced, and then the old ones no longer apply.
        ctx["oob"] = True
        html += render_to_string("marks/scoring/_scoring.html#score-controls", ctx, request=request)
    return HttpResponse(html)


# -- settings ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def scoring_settings(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id, facilitator=True)
    settings = ScoringSettings.for_project(project)

    def make_form(data):
        return ScoringSettingsForm(data, instance=settings, initial={"version": settings.version})

    form = make_form(request.POST if request.method == "POST" else None)
    status = 200
    conflict = None
    if form.is_bound:
        if form.is_valid():
            try:
                services.scoring_settings_update(
                    project=project, actor=request.user, **form.cleaned_data
                )
            except StaleEdit:
                mine = dict(form.cleaned_data)
                settings = ScoringSettings.for_project(project)
                form, conflict = settings_conflict(
                    make_form,
                    request.POST,
                    mine=mine,
                    newer={
                        name: getattr(settings, name) for name in ScoringSettingsForm._meta.fields
                    },
                    version=settings.version,
                )
                status = 409
            else:
                messages.success(request, _("Your scoring settings are saved."))
                return redirect("scoring:scoring_settings", project_id=project.pk)
        else:
            status = 400
    ctx = {
        "project": project,
        "membership": membership,
        "form": form,
        "conflict": conflict,
        "conflict_title": _("Someone else changed these settings while you had them open"),
        "keep_newer_url": request.path,
    }
    return render(request, "marks/scoring/scoring_settings.html", ctx, status=status)
