"""The meeting screen, its live part, and the facilitator's control that moves it on.

Before a round is revealed the screen shows how many have scored, never a value.
"""

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from lake.models import LakeTimer
from marks.models import ScoringRound
from marks.scoring.context import round_context
from projects.access import (
    get_live_revision_for_user,
    get_project_for_change,
    get_project_for_user,
)
from projects.live import keep, kept, live_poll, moved_on, unchanged
from projects.models import Membership, Project
from projects.stages import Stage

from .. import selectors, services
from ..models import AgendaItem, Meeting

# How long a drawn live part stays in the cache. A new revision gets a new key at once, so
# this only bounds the memory old revisions hold.
SCREEN_CACHE_SECONDS = 120
# Where the digest of what the live part shows goes in its own poll address.
SHOWN_MARK = "shown-digest"

STEPS = ("start", "next", "back")


def _meeting(project: Project, meeting_id: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.select_related("chosen"), pk=meeting_id, project=project
    )


def _round_for(item: AgendaItem, since) -> ScoringRound | None:
    """The mark's round under way, or one agreed since the meeting started. One query."""
    return (
        ScoringRound.objects.filter(mark_id=item.mark_id)
        .filter(Q(status__in=["open", "revealed"]) | Q(closed_at__gte=since))
        .select_related("mark")
        .order_by("-opened_at", "-pk")
        .first()
    )


def _live_context(project: Project, meeting: Meeting) -> dict:
    """What every screen shows: the same for each member, so it can be drawn once."""
    agenda = selectors.agenda_of(meeting)
    ctx = {
        "project": project,
        "meeting": meeting,
        "agenda": agenda,
        "step_state": _step_state(meeting, agenda),
        "revision": project.revision,
        "poll_url": reverse("screen:poll", args=[project.pk, meeting.pk]),
    }
    current = agenda.current
    if current is None:
        return ctx
    ctx["heading"] = _heading(current)
    ctx["step_words"] = _("Item %(number)s of %(count)s") % {
        "number": current.position,
        "count": len(agenda.items),
    }
    said = [f"{ctx['step_words']}: {ctx['heading']}."]
    if current.kind == AgendaItem.Kind.MARK:
        ctx.update(round_context(_round_for(current, agenda.started_at)))
        ctx["stage"] = Stage(current.mark.stage)
        if ctx.get("progress"):
            said.append(ctx["progress"])
        elif ctx.get("round") is not None:
            said.append(_("The scores are revealed."))
    elif current.kind == AgendaItem.Kind.LAKE:
        ctx["timer"] = LakeTimer.objects.filter(project=project).first()
    elif current.kind in (AgendaItem.Kind.CHECKIN, AgendaItem.Kind.ICEBREAKER):
        said.append(current.text)
    # Screen readers hear this once per change (static/js/scoring.js), not on every poll.
    ctx["announce"] = " ".join(said)
    return ctx


def _step_state(meeting: Meeting, agenda: selectors.AgendaView) -> str:
    """A short name for where the meeting is, so a poll can tell when it moved on."""
    if meeting.has_ended:
        return "ended"
    if not agenda.started:
        return f"waiting-{len(agenda.items)}"
    return f"on-{agenda.current.pk if agenda.current else 0}"


def _heading(item: AgendaItem) -> str:
    """The current item's title on the screen, in a few words."""
    if item.kind == AgendaItem.Kind.MARK:
        return item.mark.title
    if item.kind == AgendaItem.Kind.PROPOSAL:
        return item.proposal.title
    if item.kind == AgendaItem.Kind.OTHER:
        return item.text
    return {
        AgendaItem.Kind.LAKE: _("Five minutes with the lake of ideas"),
        AgendaItem.Kind.CHECKIN: _("Check-in"),
        AgendaItem.Kind.ICEBREAKER: _("Icebreaker"),
        AgendaItem.Kind.BREAK: _("A break"),
    }[item.kind]


def _live_key(project_id: int, born: float, meeting_id: int, revision: int) -> str:
    # The project's creation time keeps a project made again with the same id from reading
    # another's part.
    return f"screen-live:{project_id}:{born}:{meeting_id}:{revision}:{get_language()}"


def _draw_live(project: Project, meeting: Meeting, revision: int) -> tuple[str, str, str]:
    """Drawn once per revision and language, then shared by each member's poll."""
    key = _live_key(project.pk, project.created_at.timestamp(), meeting.pk, revision)
    return kept(key) or _render_live(project, meeting, key)


def _render_live(project: Project, meeting: Meeting, key: str) -> tuple[str, str, str]:
    """Gives the part, where the meeting is (its step) and a digest of what the part shows,
    leaving out its own opening tag (which holds the revision): a poll that finds a new
    revision but the same screen (a post-it added on the lake, say) answers 204."""
    ctx = _live_context(project, meeting)
    ctx["shown"] = SHOWN_MARK
    html = render_to_string("meetings/screen/screen.html#screen-live", ctx)
    shown = hashlib.blake2b(html.split(">", 1)[1].encode(), digest_size=8).hexdigest()
    found = (html.replace(SHOWN_MARK, shown, 1), ctx["step_state"], shown)
    keep(key, found, SCREEN_CACHE_SECONDS)
    return found


def _page(request, project, membership, meeting, *, status=200, step_error=""):
    ctx = _live_context(project, meeting)
    ctx.update(
        shown=_draw_live(project, meeting, project.revision)[2],
        membership=membership,
        can_run=membership.is_facilitator and not project.is_completed,
        step_error=step_error,
    )
    return render(request, "meetings/screen/screen.html", ctx, status=status)


@login_required
@require_safe
def now(request: HttpRequest, project_id: int) -> HttpResponse:
    """The screen's old address: the meeting running now, or the list of meetings."""
    project, _membership = get_project_for_user(request, project_id)
    meeting = selectors.meeting_running(project)
    if meeting is None:
        return redirect("meetings:meetings", project_id=project.pk)
    return redirect("screen:screen", project_id=project.pk, meeting_id=meeting.pk)


@login_required
@require_safe
def screen(request: HttpRequest, project_id: int, meeting_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    return _page(request, project, membership, _meeting(project, meeting_id))


@login_required
@require_safe
@live_poll
def poll(request: HttpRequest, project_id: int, meeting_id: int) -> HttpResponse:
    """Nothing new: an empty 204 for one small query. Otherwise the live part, drawn again.

    A new revision that leaves the screen as it was (the digest the page sent in `shown`
    matches) is a 204 too, telling the page the revision to ask from next (`moved_on`).
    A part another member's poll already drew is sent without loading anything more.
    """
    revision, born = get_live_revision_for_user(request, project_id)
    if request.GET.get("revision", "") == str(revision):
        return unchanged(request, revision)
    step = request.GET.get("step")
    project = membership = None
    key = _live_key(project_id, born, meeting_id, revision)
    found = kept(key)
    if found is None:
        project, membership = get_project_for_user(request, project_id)
        meeting = _meeting(project, meeting_id)
        found = _render_live(project, meeting, key)
    html, state, shown = found
    if state == step and shown == request.GET.get("shown"):
        return moved_on(revision)
    if (short := unchanged(request, revision)) is not None:
        return short
    if state == step:
        return HttpResponse(html)
    if project is None:
        project, membership = get_project_for_user(request, project_id)
        meeting = _meeting(project, meeting_id)
    # The meeting moved on: the control changes too. This is the only time it is replaced,
    # and then the buttons it showed no longer apply.
    ctx = {
        "project": project,
        "meeting": meeting,
        "agenda": selectors.agenda_of(meeting),
        "can_run": membership.is_facilitator and not project.is_completed,
        "oob": True,
    }
    html += render_to_string("meetings/screen/_control.html", ctx, request=request)
    return HttpResponse(html)


@login_required
@require_POST
def step(request: HttpRequest, project_id: int, meeting_id: int) -> HttpResponse:
    """A facilitator starts the meeting, or moves it to the next item or back one."""
    project, membership = get_project_for_change(request, project_id, facilitator=True)
    meeting = _meeting(project, meeting_id)
    action = request.POST.get("step", "")
    try:
        current = int(request.POST["current"]) if request.POST.get("current") else None
    except ValueError:
        current = -1
    if action not in STEPS:
        return _page(
            request,
            project,
            membership,
            meeting,
            status=400,
            step_error=_("Choose whether to start, go to the next item or go back."),
        )
    if meeting.has_ended:
        return _page(
            request,
            project,
            membership,
            meeting,
            status=400,
            step_error=_("This meeting has ended, so its agenda no longer moves."),
        )
    try:
        services.agenda_step(meeting=meeting, actor=request.user, step=action, current=current)
    except services.StaleOrder:
        return _page(
            request,
            project,
            membership,
            meeting,
            status=409,
            step_error=_(
                "The meeting had already moved on, so nothing changed. This is where it is now."
            ),
        )
    except services.CannotMove:
        if action == "next":
            words = _("This is the last item. When you are done, end the meeting.")
        elif action == "back":
            words = _("This is the first item: there is nothing before it.")
        else:
            words = _("The agenda is empty. Add an item before starting the meeting.")
        return _page(request, project, membership, meeting, status=400, step_error=words)
    if action == "start":
        messages.success(request, _("The meeting has started on its first item."))
    if request.POST.get("back") == "meeting":
        url = reverse("meetings:meeting", args=[project.pk, meeting.pk])
    else:
        url = reverse("screen:screen", args=[project.pk, meeting.pk])
    return redirect(f"{url}#screen-control")


def screen_part(
    request: HttpRequest, project: Project, membership: Membership, meeting: Meeting
) -> SafeString | str:
    """On the meeting page: the link to the screen and, for facilitators, the control."""
    if meeting.is_planned:
        return ""
    ctx = {
        "project": project,
        "meeting": meeting,
        "agenda": selectors.agenda_of(meeting),
        "can_run": membership.is_facilitator and not project.is_completed,
        "back": "meeting",
    }
    return SafeString(render_to_string("meetings/screen/_control.html", ctx, request=request))
