"""The mark page, composed in one place: its notes, its scoring section and its actions.

Each part's context comes from the feature that owns it. Every view that answers with
the whole page (a GET, or a form sent back with its errors) renders it here, passing the
failed form through, so nothing is read twice. Imports run one way: the views of notes,
scoring and actions import this module; this module imports each feature's context
builder, and never a view.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from projects.models import Membership, Project
from projects.stages import Stage

from . import notes
from .actions.context import mark_actions_context
from .forms import NoteForm
from .models import Mark, Note, ScoringSettings
from .scoring.context import scoring_context
from .scoring.forms import AgreeForm, ScoreForm


def render_mark_page(
    request: HttpRequest,
    project: Project,
    membership: Membership,
    mark: Mark,
    *,
    status: int = 200,
    note_forms: dict[str, NoteForm] | None = None,
    undo: Note | None = None,
    score_form: ScoreForm | None = None,
    agree_form: AgreeForm | None = None,
    scoring_settings: ScoringSettings | None = None,
) -> HttpResponse:
    ctx = {
        # The scoring section: its round, the member's own form, the history.
        **scoring_context(
            request,
            project,
            membership,
            mark,
            score_form=score_form,
            agree_form=agree_form,
            settings=scoring_settings,
            confirm_reveal=request.GET.get("confirm_reveal") == "1",
        ),
        **mark_actions_context(project, mark),
        "project": project,
        "membership": membership,
        "mark": mark,
        "stage": Stage(mark.stage),
        "questions": notes.questions(request, project, mark, forms=note_forms, undo=undo),
    }
    return render(request, "marks/mark.html", ctx, status=status)
