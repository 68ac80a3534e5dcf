"""The agenda of a meeting: its own page, suggesting an item, ordering and removing items.

Successes go back to the page the form was on; a form with a mistake, or sent from an
older order, is drawn again on the agenda page with the message beside it and the order
as it is now. Nothing is saved half-way.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from projects.access import get_project_for_change, get_project_for_user
from projects.models import Membership, Project

from .. import selectors, services
from ..models import AgendaItem, Meeting
from .forms import ICEBREAKERS, OrderForm, RemoveForm, SuggestForm

STALE = _(
    "Someone else changed the order while you had this page open, so nothing was moved. "
    "This is the order as it is now: try again if you still want to."
)


def _meeting(project: Project, meeting_id: int) -> Meeting:
    return get_object_or_404(Meeting, pk=meeting_id, project=project)


def _item(meeting: Meeting, item_id: int) -> AgendaItem | None:
    return AgendaItem.objects.filter(pk=item_id, meeting=meeting).first()


def agenda_context(
    request: HttpRequest,
    project: Project,
    membership: Membership,
    meeting: Meeting,
    *,
    suggest_form: SuggestForm | None = None,
    item_errors: dict[int, str] | None = None,
) -> dict:
    """What the agenda shows, in a fixed number of queries however many items."""
    agenda = selectors.agenda_of(meeting)
    open_ = not project.is_completed
    return {
        "project": project,
        "membership": membership,
        "meeting": meeting,
        "agenda": agenda,
        "open": open_,
        "can_order": open_ and membership.is_facilitator,
        "suggest_form": suggest_form or SuggestForm(project=project),
        "item_errors": item_errors or {},
    }


def agenda_part(
    request: HttpRequest, project: Project, membership: Membership, meeting: Meeting
) -> SafeString:
    """The agenda on the meeting page: the items, the suggest form and the screen's link."""
    ctx = agenda_context(request, project, membership, meeting)
    ctx["on_meeting_page"] = True
    return SafeString(render_to_string("meetings/agenda/_agenda.html", ctx, request=request))


def _page(request, project, membership, meeting, *, status=200, stale=False, **kwargs):
    ctx = agenda_context(request, project, membership, meeting, **kwargs)
    ctx["stale"] = STALE if stale else ""
    ctx["form"] = ctx["suggest_form"] if ctx["suggest_form"].is_bound else None
    ctx["icebreakers"] = ICEBREAKERS
    return render(request, "meetings/agenda/agenda.html", ctx, status=status)


def _back(request: HttpRequest, project: Project, meeting: Meeting) -> HttpResponse:
    if request.POST.get("back") == "meeting":
        url = reverse("meetings:meeting", args=[project.pk, meeting.pk])
    else:
        url = reverse("agenda:agenda", args=[project.pk, meeting.pk])
    return redirect(f"{url}#agenda")


@login_required
@require_safe
def agenda(request: HttpRequest, project_id: int, meeting_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    return _page(request, project, membership, _meeting(project, meeting_id))


@login_required
@require_POST
def suggest(request: HttpRequest, project_id: int, meeting_id: int) -> HttpResponse:
    """Any member suggests an item; it goes at the end until a facilitator moves it."""
    project, membership = get_project_for_change(request, project_id)
    meeting = _meeting(project, meeting_id)
    form = SuggestForm(request.POST, project=project)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.agenda_suggest(
                meeting=meeting,
                member=request.user,
                kind=data["kind"],
                text=data["text"],
                minutes=data["minutes"],
                mark=data["mark"],
                proposal=data["proposal"],
            )
        except services.TooManyItems:
            form.add_error(None, _("This agenda is full: a meeting can take 40 items at most."))
        else:
            messages.success(request, _("Your item is on the agenda, at the end."))
            return _back(request, project, meeting)
    return _page(request, project, membership, meeting, status=400, suggest_form=form)


@login_required
@require_POST
def order(
    request: HttpRequest, project_id: int, meeting_id: int, agenda_item_id: int
) -> HttpResponse:
    """A facilitator moves an item up, down or to a numbered place."""
    project, membership = get_project_for_change(request, project_id, facilitator=True)
    meeting = _meeting(project, meeting_id)
    item = _item(meeting, agenda_item_id)
    form = OrderForm(request.POST)
    if item is None:
        # Removed by someone else since the page was drawn.
        return _page(request, project, membership, meeting, status=409, stale=True)
    if not form.is_valid():
        if "version" in form.errors:
            return _page(request, project, membership, meeting, status=409, stale=True)
        message = " ".join(form.errors.get("to", [])) or _("Choose up, down or a number.")
        return _page(
            request, project, membership, meeting, status=400, item_errors={item.pk: message}
        )
    action = form.cleaned_data["action"]
    to = {"up": item.position - 1, "down": item.position + 1}.get(action, form.cleaned_data["to"])
    try:
        services.agenda_move(
            item=item, actor=request.user, to=to, version=form.cleaned_data["version"]
        )
    except services.StaleOrder:
        return _page(request, project, membership, meeting, status=409, stale=True)
    except services.CannotMove:
        if action == "up":
            message = _("This item is already first.")
        elif action == "down":
            message = _("This item is already last.")
        else:
            count = meeting.agenda_items.count()
            message = _("Enter a number from 1 to %(count)s.") % {"count": count}
        return _page(
            request, project, membership, meeting, status=400, item_errors={item.pk: message}
        )
    messages.success(request, _("The agenda's order is saved."))
    return _back(request, project, meeting)


@login_required
@require_POST
def remove(
    request: HttpRequest, project_id: int, meeting_id: int, agenda_item_id: int
) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id, facilitator=True)
    meeting = _meeting(project, meeting_id)
    item = _item(meeting, agenda_item_id)
    form = RemoveForm(request.POST)
    if item is None or not form.is_valid():
        return _page(request, project, membership, meeting, status=409, stale=True)
    try:
        services.agenda_remove(item=item, actor=request.user, version=form.cleaned_data["version"])
    except services.StaleOrder:
        return _page(request, project, membership, meeting, status=409, stale=True)
    messages.success(request, _("The item is taken off the agenda."))
    return _back(request, project, meeting)
