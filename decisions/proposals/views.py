"""Proposals: writing one, responding, closing (with a check when few have responded),
the proposer's reply to objections, and the poll that keeps the count fresh."""

import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from decisions import services
from decisions.models import Proposal, Response
from lake.models import PostIt
from projects.access import get_project_for_change, get_project_for_user, get_revision_for_user
from projects.answers.services import tally
from projects.live import live_poll, unchanged
from projects.models import is_set_aside
from projects.on_behalf import services as on_behalf

from .forms import RESPONSE_FORMS, ProposalForm, ReplyForm

CLOSED_MESSAGE = _("This proposal has closed, so it takes no more responses.")


@login_required
@require_safe
def proposal_list(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    proposals = list(services.proposals_of(project))
    ctx = {
        "project": project,
        "membership": membership,
        "answer_counts": tally(proposals),
        "open": [p for p in proposals if p.is_open],
        "closed": [p for p in proposals if not p.is_open],
    }
    return render(request, "decisions/proposals/list.html", ctx)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def proposal_new(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id)
    how = services.how_we_decide(project)
    form = ProposalForm(
        request.POST if request.method == "POST" else None,
        project=project,
        open_days=how.open_days,
        default_way=services.default_way(how),
    )
    if form.is_bound:
        if form.is_valid():
            data = form.cleaned_data
            proposal = services.proposal_add(
                project=project,
                author=request.user,
                title=data["title"],
                reason=data["reason"],
                way=data["way"],
                options=data["option_list"],
                closes_at=data["closes_at"],
                anonymous=data.get("anonymous", False),
                mark=data["mark"],
                postit=data["postit"],
                action=data["action"],
            )
            messages.success(request, _("Your proposal is open for responses."))
            return redirect("proposals:proposal", project.pk, proposal.pk)
    ctx = {"project": project, "membership": membership, "form": form, "how": how}
    return render(request, "decisions/proposals/new.html", ctx, status=400 if form.errors else 200)


def _proposal(project, proposal_id: int) -> Proposal:
    proposal = get_object_or_404(
        Proposal.objects.select_related(
            "author", "mark", "postit", "action", "answered_by"
        ).annotate(postit_aside=is_set_aside(PostIt, "postit_id")),
        pk=proposal_id,
        project=project,
    )
    return services.close_if_due(proposal)


def _response_form(
    proposal: Proposal, options, data=None, initial=None, *, adder=None, project=None
):
    form = RESPONSE_FORMS[proposal.way](data, options=options, initial=initial)
    if adder is not None and proposal.is_open and not project.is_completed:
        # Anonymous responses can't be added for someone: nobody is offered, and a name
        # sent anyway is refused beside the field.
        choosable = [] if proposal.anonymous else on_behalf.choosable(project, adder)
        if proposal.anonymous:
            form.on_behalf_refused = _(
                "Responses to this proposal are anonymous, so none can be added for someone."
            )
        form.add_on_behalf_fields(
            project,
            adder,
            choosable,
            label=_("Whose response is this?"),
            help_text=_(
                "Choose someone else only when they gave you their response another way and "
                "said others may add for them. It replaces any response they gave before."
            ),
        )
        form.order_fields(["for_whom", "given_via"])
    return form


def _own_initial(proposal: Proposal, mine: Response | None) -> dict:
    if mine is None:
        return {}
    initial = {"answer": mine.answer, "reason": mine.reason}
    if mine.option_id:
        initial["option"] = str(mine.option_id)
    for rank in mine.ranks.all():
        initial[f"rank_{rank.rank}"] = str(rank.option_id)
    return initial


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def proposal_detail(request: HttpRequest, project_id: int, proposal_id: int) -> HttpResponse:
    """Open: the response form and "N responses so far", nothing more. Closed: the outcome,
    the counts and every reason given."""
    if request.method == "POST":
        project, membership = get_project_for_change(request, project_id)
    else:
        project, membership = get_project_for_user(request, project_id)
    proposal = _proposal(project, proposal_id)
    options = list(proposal.options.all())
    # Only a named response can be found again: an anonymous one is nobody's.
    mine = None
    if not proposal.anonymous:
        mine = (
            Response.objects.filter(proposal=proposal, author=request.user)
            .select_related("option")
            .prefetch_related("ranks__option")
            .first()
        )
    form = _response_form(
        proposal,
        options,
        request.POST if request.method == "POST" else None,
        _own_initial(proposal, mine),
        adder=request.user,
        project=project,
    )
    status = 200
    if form.is_bound:
        status = 400
        if not proposal.is_open:
            form.is_valid()
            form.add_error(None, CLOSED_MESSAGE)
        elif form.is_valid():
            try:
                services.proposal_respond(
                    proposal=proposal,
                    member=form.for_member or request.user,
                    added_by=request.user if form.for_member else None,
                    given_via=form.given_via,
                    **form.response(),
                )
            except services.Closed:
                form.add_error(None, CLOSED_MESSAGE)
                proposal.refresh_from_db()
            except services.AlreadyAnswered:
                form.add_error(
                    None,
                    _(
                        "You have already responded to this proposal. Anonymous responses "
                        "can't be changed, because nothing links them to you."
                    ),
                )
            else:
                if form.for_member:
                    messages.success(
                        request,
                        _("The response of %(name)s is saved.")
                        % {"name": form.for_member.display_name},
                    )
                elif proposal.anonymous:
                    messages.success(request, _("Your response is saved, without your name."))
                else:
                    messages.success(request, _("Your response is saved."))
                return redirect("proposals:proposal", project.pk, proposal.pk)
    ctx = {
        "project": project,
        "membership": membership,
        "proposal": proposal,
        "options": options,
        "form": form if proposal.is_open or form.is_bound else None,
        "mine": mine,
        "answered_anonymously": proposal.anonymous
        and services.anonymous_answered(proposal, request.user),
        "can_close": proposal.can_close(membership),
        "revision": project.revision,
    }
    if proposal.is_open:
        ctx["responded"] = services.response_count(proposal)
    else:
        ctx.update(_closed_context(proposal, membership))
    return render(request, "decisions/proposals/proposal.html", ctx, status=status)


def _closed_context(proposal: Proposal, membership) -> dict:
    responses = list(
        proposal.responses.with_set_aside()
        .select_related("author", "added_by", "option")
        .prefetch_related("ranks__option")
    )
    result = services.tally(proposal)
    return {
        "tally": result,
        "responses": responses,
        "objections": [r for r in responses if r.answer == "object"],
        "reply_form": ReplyForm(initial={"reply": proposal.reply})
        if proposal.can_close(membership) and not proposal.project.is_completed
        else None,
    }


@login_required
@require_POST
def proposal_close(request: HttpRequest, project_id: int, proposal_id: int) -> HttpResponse:
    """Closes it; with fewer than three responses, asks first and lets them wait."""
    project, membership = get_project_for_change(request, project_id)
    proposal = _proposal(project, proposal_id)
    if not proposal.can_close(membership):
        raise PermissionDenied(_("Only the person who proposed it or a facilitator can close it."))
    if not proposal.is_open:
        messages.info(request, _("This proposal was already closed."))
        return redirect("proposals:proposal", project.pk, proposal.pk)
    responded = services.response_count(proposal)
    if responded < services.FEW_RESPONSES and request.POST.get("confirm") != "yes":
        ctx = {
            "project": project,
            "membership": membership,
            "proposal": proposal,
            "responded": responded,
        }
        return render(request, "decisions/proposals/close_confirm.html", ctx)
    try:
        services.proposal_close(proposal=proposal, actor=request.user)
    except services.Closed:
        messages.info(request, _("Someone closed this proposal just before you."))
    else:
        messages.success(request, _("The proposal is closed. Everyone's responses are now shown."))
    return redirect("proposals:proposal", project.pk, proposal.pk)


@login_required
@require_POST
def proposal_reply(request: HttpRequest, project_id: int, proposal_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id)
    proposal = _proposal(project, proposal_id)
    if not proposal.can_close(membership):
        raise PermissionDenied(
            _("Only the person who proposed it or a facilitator can respond to objections.")
        )
    form = ReplyForm(request.POST)
    if proposal.is_open:
        messages.info(request, _("You can respond to objections once the proposal has closed."))
        return redirect("proposals:proposal", project.pk, proposal.pk)
    if not form.is_valid():
        ctx = {
            "project": project,
            "membership": membership,
            "proposal": proposal,
            "options": list(proposal.options.all()),
            "form": None,
            "can_close": True,
            "revision": project.revision,
            **_closed_context(proposal, membership),
            "reply_form": form,
        }
        return render(request, "decisions/proposals/proposal.html", ctx, status=400)
    services.proposal_reply(proposal=proposal, actor=request.user, reply=form.cleaned_data["reply"])
    messages.success(request, _("Your response to the objections is saved."))
    return redirect("proposals:proposal", project.pk, proposal.pk)


@login_required
@require_safe
@live_poll
def proposal_poll(request: HttpRequest, project_id: int, proposal_id: int) -> HttpResponse:
    """Nothing new: an empty 204 for one small query. Otherwise the fresh count (never what
    anyone answered). A page past the closing time it was drawn with always asks again."""
    revision = get_revision_for_user(request, project_id)
    # The page says when the proposal closes; once that has passed, look properly, so a
    # page left open sees it close. The proposal itself decides whether it is due.
    try:
        due = int(request.GET.get("closes", "")) <= time.time()
    except ValueError:
        due = False
    if (short := unchanged(request, revision, due=due)) is not None:
        return short
    project, membership = get_project_for_user(request, project_id)
    proposal = _proposal(project, proposal_id)
    project.refresh_from_db(fields=["revision"])
    ctx = {
        "project": project,
        "proposal": proposal,
        "revision": project.revision,
        "responded": services.response_count(proposal) if proposal.is_open else None,
    }
    return render(request, "decisions/proposals/_count.html", ctx)
