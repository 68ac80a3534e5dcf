"""Planning meetings together: the list, proposing, the time poll, choosing, where and how,
coming or not, thoughts from those who can't come, and the calendar file."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from projects.access import get_project_for_change, get_project_for_user, get_revision_for_user
from projects.live import live_poll, unchanged
from projects.models import Membership, Project

from .. import selectors, services
from ..calendar import calendar_file, filename
from ..models import MAX_OPTIONS, EmailChoice, Meeting
from ..parts import meeting_parts
from ..times import Zones
from .forms import (
    AnswerForm,
    AttendanceForm,
    ChooseForm,
    EmailChoiceForm,
    PlaceForm,
    ProposeForm,
    ThoughtsForm,
    TimeFormSet,
)

CLOSED = _("The time for this meeting has been chosen, so its times take no more answers.")
NOT_SET = _("This meeting's time isn't chosen yet. Answer the possible times first.")


def _meeting(project: Project, meeting_id: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.select_related("chosen", "proposed_by", "chosen_by"),
        pk=meeting_id,
        project=project,
    )


def _can_arrange(membership: Membership, meeting: Meeting) -> bool:
    """Facilitators arrange meetings; so does the member who proposed this one."""
    return membership.is_facilitator or meeting.proposed_by_id == membership.user_id


# -- the list ------------------------------------------------------------------------


@login_required
@require_safe
def meeting_list(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    zones = Zones.for_reader(project, request.user)
    groups = selectors.meetings_grouped(project)
    for meeting in groups["set"] + groups["past"]:
        meeting.when = zones.describe(meeting.chosen.starts_at, meeting.chosen.ends_at)
    choice = EmailChoice.objects.filter(project=project, user=request.user).first()
    ctx = {
        "project": project,
        "membership": membership,
        "zones": zones,
        "groups": groups,
        "email_form": EmailChoiceForm(initial={"email": bool(choice and choice.email)}),
    }
    return render(request, "meetings/planning/meetings.html", ctx)


@login_required
@require_POST
def email_choice(request: HttpRequest, project_id: int) -> HttpResponse:
    """A member's own choice about meeting emails: still theirs once the project is completed."""
    project, _membership = get_project_for_user(request, project_id)
    form = EmailChoiceForm(request.POST)
    form.is_valid()
    wants = bool(form.cleaned_data.get("email"))
    services.email_choice_set(project=project, user=request.user, email=wants)
    if wants:
        messages.success(request, _("You will get an email about this project's meetings."))
    else:
        messages.success(request, _("You won't get emails about this project's meetings."))
    return redirect("meetings:meetings", project_id=project.pk)


# -- proposing -----------------------------------------------------------------------


def _rows_sent(data, prefix: str) -> list[dict]:
    """The rows of times as sent, skipping empty ones, to draw again with more empty rows."""
    try:
        total = min(int(data.get(f"{prefix}-TOTAL_FORMS", 0)), MAX_OPTIONS)
    except ValueError:
        total = 0
    rows = []
    for number in range(max(total, 0)):
        row = {name: data.get(f"{prefix}-{number}-{name}", "") for name in ("day", "start", "end")}
        if any(row.values()):
            rows.append(row)
    return rows


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def propose(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id)
    zones = Zones.for_reader(project, request.user)
    kwargs = {"prefix": "times", "form_kwargs": {"zone_name": project.time_zone}}
    if request.method == "POST" and "more" in request.POST:
        # "Add more times": the page again, as filled in, with empty rows below; nothing saved.
        data = request.POST
        form = ProposeForm(initial={"title": data.get("title", ""), "note": data.get("note", "")})
        times = TimeFormSet(initial=_rows_sent(data, "times"), **kwargs)
    else:
        form = ProposeForm(request.POST if request.method == "POST" else None)
        times = TimeFormSet(request.POST if request.method == "POST" else None, **kwargs)
    status = 200
    if form.is_bound:
        # Both are checked, so every mistake shows at once.
        form_ok, times_ok = form.is_valid(), times.is_valid()
        if form_ok and times_ok:
            meeting = services.meeting_propose(
                project=project,
                proposer=request.user,
                title=form.cleaned_data["title"],
                note=form.cleaned_data["note"],
                times=times.times(),
            )
            messages.success(
                request, _("Your meeting is proposed. Ask the group to answer its times.")
            )
            return redirect("meetings:meeting", project_id=project.pk, meeting_id=meeting.pk)
        status = 400
    ctx = {
        "project": project,
        "membership": membership,
        "zones": zones,
        "form": form,
        "times": times,
        "max_options": MAX_OPTIONS,
        "can_add": times.total_form_count() < MAX_OPTIONS,
    }
    return render(request, "meetings/planning/propose.html", ctx, status=status)


# -- the meeting and its time poll ---------------------------------------------------


def _meeting_context(request, project, membership, meeting, **extra) -> dict:
    zones = Zones.for_reader(project, request.user)
    table = selectors.answer_table(meeting, zones)
    ctx = {
        "project": project,
        "membership": membership,
        "meeting": meeting,
        "zones": zones,
        "table": table,
        "revision": project.revision,
        "can_arrange": _can_arrange(membership, meeting),
        "open": not project.is_completed,
    }
    if meeting.is_planned:
        if "answer_form" not in extra:
            extra["answer_form"] = AnswerForm(
                rows=table.rows,
                initial={
                    **{
                        f"time_{k}": v
                        for k, v in selectors.own_answers(meeting, request.user).items()
                    },
                    "note": selectors.own_note(meeting, request.user),
                },
            )
        if membership.is_facilitator and "choose_form" not in extra:
            extra["choose_form"] = ChooseForm(rows=table.rows)
    else:
        ctx["when"] = zones.describe(meeting.chosen.starts_at, meeting.chosen.ends_at)
        ctx["coming"] = selectors.coming(meeting)
        mine = next(
            (
                a
                for group in (
                    ctx["coming"].in_person,
                    ctx["coming"].online,
                    ctx["coming"].not_coming,
                )
                for a in group
                if a.user_id == request.user.pk
            ),
            None,
        )
        ctx["mine"] = mine
        if "attendance_form" not in extra:
            extra["attendance_form"] = AttendanceForm(
                initial={"status": mine.status} if mine else None
            )
        if "thoughts_form" not in extra:
            extra["thoughts_form"] = ThoughtsForm(allow_anonymous=project.allow_anonymous)
        ctx["thoughts"] = selectors.thoughts_for(meeting)
    # What the features beside this one add: the agenda, the screen's control.
    ctx["parts"] = meeting_parts(request, project, membership, meeting)
    ctx.update(extra)
    # The error summary at the top follows whichever form was sent back.
    ctx["form"] = extra.get("sent_form")
    return ctx


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_detail(request: HttpRequest, project_id: int, meeting_id: int) -> HttpResponse:
    """The meeting: its times and everyone's answers while planned; when, where and who once set.

    A POST is the member's answers to the possible times.
    """
    if request.method == "POST":
        project, membership = get_project_for_change(request, project_id)
    else:
        project, membership = get_project_for_user(request, project_id)
    meeting = _meeting(project, meeting_id)
    if request.method != "POST":
        return render(
            request,
            "meetings/planning/meeting.html",
            _meeting_context(request, project, membership, meeting),
        )
    rows = selectors.answer_table(meeting, Zones.for_reader(project, request.user)).rows
    form = AnswerForm(request.POST, rows=rows)
    if not meeting.is_planned:
        form.is_valid()
        form.add_error(None, CLOSED)
    elif form.is_valid():
        try:
            services.meeting_answer(
                meeting=meeting,
                member=request.user,
                answers=form.answers(),
                note=form.cleaned_data["note"],
            )
        except services.NotOpen:
            form.add_error(None, CLOSED)
            meeting = _meeting(project, meeting_id)
        else:
            messages.success(
                request, _("Your answers are saved. You can change them until a time is chosen.")
            )
            return redirect("meetings:meeting", project_id=project.pk, meeting_id=meeting.pk)
    ctx = _meeting_context(request, project, membership, meeting, answer_form=form, sent_form=form)
    return render(request, "meetings/planning/meeting.html", ctx, status=400)


@login_required
@require_safe
@live_poll
def poll(request: HttpRequest, project_id: int, meeting_id: int) -> HttpResponse:
    """Nothing new: an empty 204 for one small query. Otherwise the answer table, drawn again."""
    revision = get_revision_for_user(request, project_id)
    if (short := unchanged(request, revision)) is not None:
        return short
    project, membership = get_project_for_user(request, project_id)
    meeting = _meeting(project, meeting_id)
    zones = Zones.for_reader(project, request.user)
    ctx = {
        "project": project,
        "meeting": meeting,
        "table": selectors.answer_table(meeting, zones),
        "revision": project.revision,
    }
    return render(request, "meetings/planning/meeting.html#answers", ctx)


@login_required
@require_POST
def choose(request: HttpRequest, project_id: int, meeting_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id, facilitator=True)
    meeting = _meeting(project, meeting_id)
    rows = selectors.answer_table(meeting, Zones.for_reader(project, request.user)).rows
    form = ChooseForm(request.POST, rows=rows)
    if not meeting.is_planned:
        form.is_valid()
        form.add_error(None, _("A time is already chosen for this meeting."))
    elif form.is_valid():
        option = meeting.options.get(pk=form.cleaned_data["option"])
        try:
            services.meeting_choose(meeting=meeting, option=option, actor=request.user)
        except services.NotOpen:
            form.add_error(None, _("A time is already chosen for this meeting."))
            meeting = _meeting(project, meeting_id)
        else:
            messages.success(
                request,
                _("The time is chosen. Everyone who answered is told, by email if they chose it."),
            )
            return redirect("meetings:meeting", project_id=project.pk, meeting_id=meeting.pk)
    ctx = _meeting_context(request, project, membership, meeting, choose_form=form, sent_form=form)
    return render(request, "meetings/planning/meeting.html", ctx, status=400)


@login_required
@require_POST
def end(request: HttpRequest, project_id: int, meeting_id: int) -> HttpResponse:
    """A facilitator ends the meeting; pressing twice, or two facilitators at once, is one end."""
    project, membership = get_project_for_change(request, project_id, facilitator=True)
    meeting = _meeting(project, meeting_id)
    try:
        services.meeting_end(meeting=meeting, actor=request.user)
    except services.NotSet:
        ctx = _meeting_context(request, project, membership, meeting)
        ctx["end_error"] = _("This meeting has no time yet, so it can't be ended.")
        return render(request, "meetings/planning/meeting.html", ctx, status=400)
    except services.AlreadyEnded:
        messages.info(request, _("This meeting was already ended."))
    else:
        messages.success(request, _("The meeting is ended. Thank you, everyone."))
    return redirect("meetings:meeting", project_id=project.pk, meeting_id=meeting.pk)


# -- where and how -------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def place(request: HttpRequest, project_id: int, meeting_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id)
    meeting = _meeting(project, meeting_id)
    if not _can_arrange(membership, meeting):
        raise PermissionDenied(
            _(
                "Only the project's facilitators can do this. "
                "The member who proposed the meeting can too."
            )
        )
    form = PlaceForm(request.POST if request.method == "POST" else None, instance=meeting)
    status = 200
    if form.is_bound:
        if form.is_valid():
            changed = services.meeting_set_place(
                meeting=meeting, actor=request.user, **form.cleaned_data
            )
            if changed:
                messages.success(request, _("Where and how are saved."))
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect("meetings:meeting", project_id=project.pk, meeting_id=meeting.pk)
        status = 400
        # The form's instance took the sent values; the page keeps the saved ones.
        meeting = _meeting(project, meeting_id)
    ctx = {"project": project, "membership": membership, "meeting": meeting, "form": form}
    return render(request, "meetings/planning/place.html", ctx, status=status)


# -- coming or not -------------------------------------------------------------------


@login_required
@require_POST
def attendance(request: HttpRequest, project_id: int, meeting_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id)
    meeting = _meeting(project, meeting_id)
    form = AttendanceForm(request.POST)
    if meeting.is_planned:
        form.is_valid()
        form.add_error(None, NOT_SET)
    elif form.is_valid():
        try:
            services.attendance_set(
                meeting=meeting, member=request.user, status=form.cleaned_data["status"]
            )
        except services.NotSet:
            form.add_error(None, NOT_SET)
        else:
            messages.success(request, _("Thank you: your answer is saved."))
            return redirect("meetings:meeting", project_id=project.pk, meeting_id=meeting.pk)
    ctx = _meeting_context(
        request, project, membership, meeting, attendance_form=form, sent_form=form
    )
    return render(request, "meetings/planning/meeting.html", ctx, status=400)


@login_required
@require_POST
def thoughts(request: HttpRequest, project_id: int, meeting_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id)
    meeting = _meeting(project, meeting_id)
    form = ThoughtsForm(request.POST, allow_anonymous=project.allow_anonymous)
    if meeting.is_planned:
        form.is_valid()
        form.add_error(None, NOT_SET)
    elif form.is_valid():
        anonymous = form.cleaned_data.get("anonymous", False)
        services.thoughts_add(
            meeting=meeting,
            author=request.user,
            text=form.cleaned_data["text"],
            anonymous=anonymous,
        )
        if anonymous:
            messages.success(
                request, _("Your thoughts are saved for the meeting, without your name.")
            )
        else:
            messages.success(request, _("Your thoughts are saved for the meeting."))
        return redirect("meetings:meeting", project_id=project.pk, meeting_id=meeting.pk)
    ctx = _meeting_context(
        request, project, membership, meeting, thoughts_form=form, sent_form=form
    )
    return render(request, "meetings/planning/meeting.html", ctx, status=400)


# -- the calendar file ---------------------------------------------------------------


@login_required
@require_safe
def calendar(request: HttpRequest, project_id: int, meeting_id: int) -> HttpResponse:
    project, _membership = get_project_for_user(request, project_id)
    meeting = _meeting(project, meeting_id)
    if meeting.is_planned:
        return HttpResponse(
            _("This meeting's time isn't chosen yet, so there is nothing to add to a calendar."),
            status=404,
            content_type="text/plain; charset=utf-8",
        )
    meeting.project = project
    response = HttpResponse(calendar_file(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename(meeting)}"'
    return response
