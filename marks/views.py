from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from projects.access import get_project_for_change, get_project_for_user
from projects.models import Project
from projects.on_behalf import services as on_behalf
from projects.shared_words.views import edit_words
from projects.stages import STAGE_SUMMARIES, Stage

from . import notes, services
from .forms import MarkEditForm, MarkForm, NoteEditForm
from .mark_page import render_mark_page
from .models import Mark, Note
from .scoring import selectors as scoring_selectors

STAGE_INTROS = {
    Stage.PLANNING: gettext_lazy(
        "Planning is where the group gets going: who is involved, what you want to change, "
        "and how you will work together as equals."
    ),
    Stage.PROCESS: gettext_lazy(
        "Process is the work itself: how you listen, learn from each other, share power "
        "and keep going when things get hard."
    ),
    Stage.COMPLETING: gettext_lazy(
        "This stage is about finishing well: thanking people, keeping everyone updated "
        "and celebrating what the group has done."
    ),
    Stage.REVIEW: gettext_lazy(
        "Review is where the group looks back together at what worked, what didn't, "
        "and what to carry into the next piece of work."
    ),
}


def _stage(value: str) -> Stage:
    stage = services.stage_or_none(value)
    if stage is None:
        raise Http404
    return stage


def _own_note(request: HttpRequest, project: Project, note_id: int) -> Note:
    """The note, if it belongs to this project; 403 unless the signed-in member wrote it."""
    # Words set aside are changed from their author's own page, which asks for a look again.
    note = get_object_or_404(
        Note.objects.visible().select_related("mark__project"), pk=note_id, mark__project=project
    )
    if not note.can_edit(request.user):
        raise PermissionDenied(_("Only the member who wrote a note can change or delete it."))
    return note


# -- the stages panel and the stage page ---------------------------------------


@login_required
@require_safe
def stages_panel(request: HttpRequest, project_id: int) -> HttpResponse:
    """Each stage with its count of marks and notes: a fragment for the project home, or a page."""
    project, membership = get_project_for_user(request, project_id)
    mark_counts = dict(
        Mark.objects.filter(project=project, hidden=False)
        .values_list("stage")
        .annotate(n=Count("pk"))
        .order_by()
    )
    note_counts = dict(
        Note.objects.filter(mark__project=project, mark__hidden=False, deleted_at=None)
        .values_list("mark__stage")
        .annotate(n=Count("pk"))
        .order_by()
    )
    stages = [
        {
            "stage": stage,
            "summary": STAGE_SUMMARIES[stage],
            "marks": mark_counts.get(stage.value, 0),
            "notes": note_counts.get(stage.value, 0),
        }
        for stage in Stage
    ]
    # Rounds left open between meetings, so people who missed one can still score.
    open_rounds = scoring_selectors.open_rounds(project)
    ctx = {
        "project": project,
        "membership": membership,
        "stages": stages,
        "open_rounds": open_rounds,
    }
    # The project home loads the fragment with htmx; without JavaScript its link opens a page.
    template = "marks/panel.html" if request.htmx else "marks/stages.html"
    return render(request, template, ctx)


def _stage_marks(project: Project, stage: Stage) -> tuple[list[Mark], list[Mark]]:
    """The stage's visible and hidden marks, in order, each with its count of notes."""
    marks = list(
        Mark.objects.filter(project=project, stage=stage)
        .annotate(
            note_count=Count("notes", filter=Q(notes__deleted_at=None)),
            latest_score=scoring_selectors.latest_agreed_subquery(),
            round_status=scoring_selectors.round_in_progress_subquery(),
        )
        .order_by("position", "pk")
    )
    return [m for m in marks if not m.hidden], [m for m in marks if m.hidden]


def _move_focus(visible: list[Mark], mark_id: int, direction: str) -> tuple[int, str]:
    """What to focus after a move: the same button, or its partner at the list's edge."""
    index = next((i for i, m in enumerate(visible) if m.pk == mark_id), None)
    if index is None or len(visible) < 2:
        return mark_id, "link"
    if direction == "up" and index == 0:
        direction = "down"
    elif direction == "down" and index == len(visible) - 1:
        direction = "up"
    return mark_id, direction


def _stage_context(project, membership, stage, form=None, moved=None) -> dict:
    visible, hidden = _stage_marks(project, stage)
    focus_id, focus_kind = _move_focus(visible, *moved) if moved else (None, None)
    return {
        "project": project,
        "membership": membership,
        "stage": stage,
        "stages": list(Stage),
        "intro": STAGE_INTROS[stage],
        "marks": visible,
        "hidden_marks": hidden,
        "form": form or MarkForm(),
        "focus_id": focus_id,
        "focus_kind": focus_kind,
    }


@login_required
@require_safe
def stage_detail(request: HttpRequest, project_id: int, stage: str) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    ctx = _stage_context(project, membership, _stage(stage))
    return render(request, "marks/stage.html", ctx)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def mark_add(request: HttpRequest, project_id: int, stage: str) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id)
    stage = _stage(stage)
    form = MarkForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            mark = services.mark_add(
                project=project, author=request.user, stage=stage, **form.cleaned_data
            )
            messages.success(request, _("Your mark has been added to this stage."))
            return redirect("marks:mark", project_id=project.pk, mark_id=mark.pk)
        ctx = _stage_context(project, membership, stage, form=form)
        return render(request, "marks/stage.html", ctx, status=400)
    return redirect(f"{reverse('marks:stage', args=[project.pk, stage])}#add-mark")


@login_required
@require_POST
def mark_move(request: HttpRequest, project_id: int, mark_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id)
    mark = get_object_or_404(Mark, pk=mark_id, project=project)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        messages.error(request, _("Choose whether to move the mark up or down."))
    else:
        services.mark_move(mark=mark, direction=direction)
    if request.htmx:
        moved = (mark.pk, direction) if direction in ("up", "down") else None
        ctx = _stage_context(project, membership, Stage(mark.stage), moved=moved)
        return render(request, "marks/stage.html#mark-list", ctx)
    return redirect(f"{reverse('marks:stage', args=[project.pk, mark.stage])}#mark-{mark.pk}")


@login_required
@require_POST
def mark_hide(request: HttpRequest, project_id: int, mark_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id)
    mark = get_object_or_404(Mark, pk=mark_id, project=project)
    services.mark_set_hidden(mark=mark, actor=request.user, hidden=True)
    messages.success(
        request,
        _("“%(title)s” is hidden. You can bring it back from the list of hidden marks below.")
        % {"title": mark.title},
    )
    return redirect(f"{reverse('marks:stage', args=[project.pk, mark.stage])}#hidden-marks")


@login_required
@require_POST
def mark_show(request: HttpRequest, project_id: int, mark_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id)
    mark = get_object_or_404(Mark, pk=mark_id, project=project)
    services.mark_set_hidden(mark=mark, actor=request.user, hidden=False)
    messages.success(request, _("“%(title)s” is back in the list.") % {"title": mark.title})
    return redirect(f"{reverse('marks:stage', args=[project.pk, mark.stage])}#mark-{mark.pk}")


# -- the mark page and its notes -----------------------------------------------


def _render_question(
    request, project, membership, mark, kind, *, status=200, forms=None, undo=None, focus=None
) -> HttpResponse:
    """The htmx answer: just the one question's section, with its notes and form."""
    found = notes.questions(request, project, mark, forms=forms, undo=undo)
    ctx = {
        "project": project,
        "membership": membership,
        "mark": mark,
        "q": next(q for q in found if q["kind"] == kind),
        "focus": focus,
    }
    return render(request, "marks/mark.html#question", ctx, status=status)


@login_required
@require_safe
def mark_detail(request: HttpRequest, project_id: int, mark_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    mark = get_object_or_404(Mark, pk=mark_id, project=project)
    undo = None
    deleted = request.GET.get("deleted", "")
    if deleted.isdigit():
        undo = Note.objects.filter(
            pk=deleted, mark=mark, author=request.user, deleted_at__isnull=False
        ).first()
    return render_mark_page(request, project, membership, mark, undo=undo)


@login_required
@require_POST
def note_add(request: HttpRequest, project_id: int, mark_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id)
    mark = get_object_or_404(Mark.objects.select_related("project"), pk=mark_id, project=project)
    kind = request.POST.get("kind")
    if kind not in Note.Kind.values:
        return HttpResponse(_("Choose which question your note answers."), status=400)
    choosable = on_behalf.choosable(project, request.user)
    form = notes.note_form(project, kind, request.POST, adder=request.user, choosable=choosable)
    if not form.is_valid():
        if request.htmx:
            return _render_question(
                request, project, membership, mark, kind, status=400, forms={kind: form}
            )
        return render_mark_page(
            request, project, membership, mark, status=400, note_forms={kind: form}
        )
    note = services.note_add(
        mark=mark,
        author=form.for_member or request.user,
        kind=kind,
        text=form.cleaned_data["text"],
        anonymous=form.cleaned_data.get("anonymous", False),
        added_by=request.user if form.for_member else None,
        given_via=form.given_via,
    )
    if request.htmx:
        return _render_question(request, project, membership, mark, kind, focus=note.pk)
    if note.added_by_id:
        messages.success(
            request,
            _("The note has been added for %(name)s.") % {"name": note.author.display_name},
        )
    elif note.is_anonymous:
        messages.success(request, _("Your note has been added anonymously."))
    else:
        messages.success(request, _("Your note has been added."))
    return redirect(f"{reverse('marks:mark', args=[project.pk, mark.pk])}#note-{note.pk}")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def note_edit(request: HttpRequest, project_id: int, note_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id)
    note = _own_note(request, project, note_id)
    if note.is_deleted:
        raise Http404
    mark = note.mark
    note_url = f"{reverse('marks:mark', args=[project.pk, mark.pk])}#note-{note.pk}"

    def saved(note: Note) -> HttpResponse:
        if not request.htmx:
            messages.success(request, _("Your note has been changed."))
            return redirect(note_url)
        note.editable = True
        note.lake_url = notes.lake_url(note, project)
        ctx = {"project": project, "note": note, "focus": note.pk, "mark": mark}
        return render(request, "marks/mark.html#note", ctx)

    def prepare(form, conflict) -> None:
        if request.htmx and request.method != "POST":
            # The form replaces the note in place: put the cursor straight into it.
            form.fields["text"].widget.attrs["autofocus"] = True

    return edit_words(
        request,
        item=note,
        # A prefix of its own keeps the form's ids apart from the add forms on the mark page.
        make_form=partial(NoteEditForm, prefix=f"edit-{note.pk}"),
        save=partial(services.note_edit, note=note),
        context={
            "project": project,
            "membership": membership,
            "mark": mark,
            "note": note,
            "stage": Stage(mark.stage),
        },
        template="marks/note_edit.html#edit-form" if request.htmx else "marks/note_edit.html",
        back_url=note_url,
        saved=saved,
        prepare=prepare,
    )


@login_required
@require_POST
def note_delete(request: HttpRequest, project_id: int, note_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id)
    note = _own_note(request, project, note_id)
    services.note_delete(note=note)
    if request.htmx:
        return _render_question(request, project, membership, note.mark, note.kind, undo=note)
    url = reverse("marks:mark", args=[project.pk, note.mark_id])
    return redirect(f"{url}?deleted={note.pk}#notes-{note.kind}")


@login_required
@require_POST
def note_restore(request: HttpRequest, project_id: int, note_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id)
    note = _own_note(request, project, note_id)
    services.note_restore(note=note)
    if request.htmx:
        return _render_question(request, project, membership, note.mark, note.kind, focus=note.pk)
    messages.success(request, _("Your note is back."))
    return redirect(f"{reverse('marks:mark', args=[project.pk, note.mark_id])}#note-{note.pk}")


@login_required
@require_safe
def note_history(request: HttpRequest, project_id: int, note_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    note = get_object_or_404(
        Note.objects.select_related("mark", "author"),
        pk=note_id,
        mark__project=project,
        deleted_at=None,
    )
    ctx = {
        "project": project,
        "membership": membership,
        "mark": note.mark,
        "note": note,
        "revisions": note.revisions.all(),
        "stage": Stage(note.mark.stage),
    }
    return render(request, "marks/note_history.html", ctx)


# -- rewording a mark ----------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def mark_edit(request: HttpRequest, project_id: int, mark_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id)
    mark = get_object_or_404(Mark, pk=mark_id, project=project)
    return edit_words(
        request,
        item=mark,
        make_form=MarkEditForm,
        save=partial(services.mark_reword, mark=mark, editor=request.user),
        context={
            "project": project,
            "membership": membership,
            "mark": mark,
            "stage": Stage(mark.stage),
        },
        template="marks/mark_edit.html",
        back_url=reverse("marks:mark", args=[project.pk, mark.pk]),
        saved_message=_("The mark has been reworded. Its earlier wording is kept."),
    )


@login_required
@require_safe
def mark_history(request: HttpRequest, project_id: int, mark_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    mark = get_object_or_404(Mark, pk=mark_id, project=project)
    revisions = mark.revisions.select_related("edited_by")
    ctx = {
        "project": project,
        "membership": membership,
        "mark": mark,
        "revisions": revisions,
        "stage": Stage(mark.stage),
    }
    return render(request, "marks/mark_history.html", ctx)
