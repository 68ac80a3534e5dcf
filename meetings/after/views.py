"""After a meeting: the check-out, the support contacts, and the meeting's notes."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from projects.access import get_project_for_change, get_project_for_user
from projects.models import Project
from projects.shared_words.views import edit_words

from ..models import MAX_SUPPORT_CONTACTS, Meeting, MeetingNotes, SupportContact
from . import context, services
from .forms import MeetingNotesForm, SupportContactForm


def _meeting(project: Project, meeting_id: int) -> Meeting:
    meeting = get_object_or_404(
        Meeting.objects.select_related("chosen"), pk=meeting_id, project=project
    )
    meeting.project = project
    return meeting


def _back(meeting: Meeting, anchor: str = "") -> str:
    return reverse("meetings:meeting", args=[meeting.project_id, meeting.pk]) + anchor


# -- the check-out -------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def check_out(request: HttpRequest, project_id: int, meeting_id: int) -> HttpResponse:
    """A person's own check-out. Theirs to give, change or remove, even once the project is
    completed: it changes nothing anyone else sees."""
    project, membership = get_project_for_user(request, project_id)
    meeting = _meeting(project, meeting_id)
    came = meeting.has_ended and services.came(meeting, request.user)
    mine = context.own_check_out(meeting, request.user) if came else None
    form = context.check_out_form(mine, request.POST if request.method == "POST" else None)
    status = 200
    if form.is_bound:
        if not came:
            form.is_valid()
            form.add_error(
                None, _("This is for people who came to the meeting, once it has ended.")
            )
        elif form.is_valid():
            try:
                services.check_out_save(
                    meeting=meeting,
                    member=request.user,
                    feeling=form.cleaned_data["feeling"],
                    words=form.cleaned_data["words"],
                    share_name=form.cleaned_data["share_name"],
                )
            except services.NotForYou:
                form.add_error(None, _("This is for people who came to the meeting."))
            else:
                messages.success(request, _("Thank you. Only you see your answer."))
                return redirect(_back(meeting, "#check-out"))
        status = 400
    ctx = {
        "project": project,
        "membership": membership,
        "meeting": meeting,
        "came": came,
        "mine": mine,
        "form": form,
        "check_out_form": form,
        "contacts": context.support_contacts(project.pk),
    }
    return render(request, "meetings/after/check_out.html", ctx, status=status)


@login_required
@require_POST
def check_out_remove(request: HttpRequest, project_id: int, meeting_id: int) -> HttpResponse:
    project, _membership = get_project_for_user(request, project_id)
    meeting = _meeting(project, meeting_id)
    if services.check_out_remove(meeting=meeting, member=request.user):
        messages.success(request, _("Your answer is removed."))
    else:
        messages.info(request, _("There was no answer to remove."))
    return redirect(_back(meeting, "#check-out"))


# -- support contacts ----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def contacts(request: HttpRequest, project_id: int) -> HttpResponse:
    """Everyone sees the list; facilitators add to it and take from it."""
    if request.method == "POST":
        project, membership = get_project_for_change(request, project_id, facilitator=True)
    else:
        project, membership = get_project_for_user(request, project_id)
    form = SupportContactForm(request.POST if request.method == "POST" else None)
    status = 200
    listed = context.support_contacts(project.pk)
    if form.is_bound:
        if len(listed) >= MAX_SUPPORT_CONTACTS:
            form.is_valid()
            form.add_error(None, _("The list is full. Remove a contact before adding another."))
        elif form.is_valid():
            try:
                services.support_contact_add(
                    project=project, actor=request.user, **form.cleaned_data
                )
            except services.TooMany:
                form.add_error(None, _("The list is full. Remove a contact before adding another."))
            else:
                messages.success(request, _("The contact is added."))
                return redirect("after:contacts", project_id=project.pk)
        status = 400
    ctx = {
        "project": project,
        "membership": membership,
        "contacts": listed,
        "form": form,
        "can_change": membership.is_facilitator and not project.is_completed,
        "limit": MAX_SUPPORT_CONTACTS,
    }
    return render(request, "meetings/after/contacts.html", ctx, status=status)


@login_required
@require_POST
def contact_remove(request: HttpRequest, project_id: int, contact_id: int) -> HttpResponse:
    project, _membership = get_project_for_change(request, project_id, facilitator=True)
    contact = get_object_or_404(SupportContact, pk=contact_id, project=project)
    services.support_contact_remove(contact=contact, actor=request.user)
    messages.success(request, _("The contact is removed."))
    return redirect("after:contacts", project_id=project.pk)


# -- the meeting's notes -------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def notes_edit(request: HttpRequest, project_id: int, meeting_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id)
    meeting = _meeting(project, meeting_id)
    if meeting.is_planned:
        raise Http404("The meeting has no time yet.")
    notes = MeetingNotes.objects.filter(meeting=meeting).first()
    item = notes or MeetingNotes(meeting=meeting, text="", version=0)
    return edit_words(
        request,
        item=item,
        make_form=MeetingNotesForm,
        save=partial(services.meeting_notes_save, meeting=meeting, item=item, editor=request.user),
        context={"project": project, "membership": membership, "meeting": meeting},
        template="meetings/after/notes_edit.html",
        back_url=_back(meeting, "#meeting-notes"),
        saved_message=_("The notes are saved. Earlier wordings are kept."),
    )


@login_required
@require_safe
def notes_history(request: HttpRequest, project_id: int, meeting_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    meeting = _meeting(project, meeting_id)
    notes = MeetingNotes.objects.filter(meeting=meeting).first()
    ctx = {
        "project": project,
        "membership": membership,
        "meeting": meeting,
        "revisions": notes.revisions.select_related("edited_by") if notes else [],
    }
    return render(request, "meetings/after/notes_history.html", ctx)
