"""The "Our words" page: the glossary and the words the group would rather not use."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from projects.access import get_project_for_change, get_project_for_user
from projects.shared_words.views import edit_words

from . import services
from .forms import AvoidEditForm, AvoidForm, TermEditForm, TermForm
from .models import AvoidWord, Term


def _page(request, project, membership, *, term_form=None, avoid_form=None, status=200):
    missing_terms, missing_avoid = services.missing_starters(project)
    ctx = {
        "project": project,
        "membership": membership,
        "glossary": Term.objects.filter(project=project).select_related("created_by"),
        "avoid_words": AvoidWord.objects.filter(project=project),
        "term_form": term_form or TermForm(project=project),
        "avoid_form": avoid_form or AvoidForm(project=project),
        "missing_terms": missing_terms,
        "missing_avoid": missing_avoid,
    }
    return render(request, "words/words.html", ctx, status=status)


def _back(project, anchor: str = "") -> HttpResponse:
    return redirect(reverse("words:words", args=[project.pk]) + anchor)


@login_required
@require_safe
def words(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    return _page(request, project, membership)


@login_required
@require_POST
def term_add(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id)
    form = TermForm(request.POST, project=project)
    if form.is_valid():
        try:
            item = services.term_add(project=project, author=request.user, **form.cleaned_data)
        except services.AlreadyThere:
            form.add_error("term", _("Someone has just added this word. Look for it in the list."))
        else:
            messages.success(request, _("“%(term)s” is in the glossary.") % {"term": item.term})
            return _back(project, f"#term-{item.pk}")
    return _page(request, project, membership, term_form=form, status=400)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def term_edit(request: HttpRequest, project_id: int, term_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id)
    item = get_object_or_404(Term, pk=term_id, project=project)

    def save(*, base_version, term, meaning):
        try:
            return services.term_edit(
                item=item,
                editor=request.user,
                base_version=base_version,
                term=term,
                meaning=meaning,
            )
        except services.AlreadyThere:
            return None

    def saved(result):
        if result is None:
            messages.error(request, _("Another word in the glossary is spelled the same way."))
        else:
            messages.success(request, _("The meaning has been changed. The earlier one is kept."))
        return _back(project, f"#term-{item.pk}")

    return edit_words(
        request,
        item=item,
        make_form=lambda *args, **kwargs: TermEditForm(*args, project=project, item=item, **kwargs),
        save=save,
        saved=saved,
        context={
            "project": project,
            "membership": membership,
            "item": item,
            "conflict_title": _("Someone else changed this word while you were writing"),
        },
        template="words/term_edit.html",
        back_url=reverse("words:words", args=[project.pk]) + f"#term-{item.pk}",
    )


@login_required
@require_POST
def term_remove(request: HttpRequest, project_id: int, term_id: int) -> HttpResponse:
    project, _membership = get_project_for_change(request, project_id)
    item = get_object_or_404(Term, pk=term_id, project=project)
    services.term_remove(item=item, actor=request.user)
    messages.success(request, _("“%(term)s” is no longer in the glossary.") % {"term": item.term})
    return _back(project, "#glossary")


@login_required
@require_safe
def term_history(request: HttpRequest, project_id: int, term_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    item = get_object_or_404(Term, pk=term_id, project=project)
    ctx = {
        "project": project,
        "membership": membership,
        "item": item,
        "revisions": item.revisions.select_related("edited_by"),
    }
    return render(request, "words/term_history.html", ctx)


@login_required
@require_POST
def avoid_add(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id)
    form = AvoidForm(request.POST, project=project)
    if form.is_valid():
        try:
            item = services.avoid_add(project=project, author=request.user, **form.cleaned_data)
        except services.AlreadyThere:
            form.add_error("word", _("Someone has just added this word. Look for it in the list."))
        else:
            messages.success(
                request,
                _("“%(word)s” is on the list of words we'd rather not use.") % {"word": item.word},
            )
            return _back(project, f"#avoid-{item.pk}")
    return _page(request, project, membership, avoid_form=form, status=400)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def avoid_edit(request: HttpRequest, project_id: int, avoid_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id)
    item = get_object_or_404(AvoidWord, pk=avoid_id, project=project)

    def save(*, base_version, word, instead):
        try:
            return services.avoid_edit(
                item=item,
                editor=request.user,
                base_version=base_version,
                word=word,
                instead=instead,
            )
        except services.AlreadyThere:
            return None

    def saved(result):
        if result is None:
            messages.error(request, _("Another word on the list is spelled the same way."))
        else:
            messages.success(request, _("The word has been changed."))
        return _back(project, f"#avoid-{item.pk}")

    return edit_words(
        request,
        item=item,
        make_form=lambda *args, **kwargs: AvoidEditForm(
            *args, project=project, item=item, **kwargs
        ),
        save=save,
        saved=saved,
        context={
            "project": project,
            "membership": membership,
            "item": item,
            "conflict_title": _("Someone else changed this word while you were writing"),
        },
        template="words/avoid_edit.html",
        back_url=reverse("words:words", args=[project.pk]) + f"#avoid-{item.pk}",
    )


@login_required
@require_POST
def avoid_remove(request: HttpRequest, project_id: int, avoid_id: int) -> HttpResponse:
    project, _membership = get_project_for_change(request, project_id)
    item = get_object_or_404(AvoidWord, pk=avoid_id, project=project)
    services.avoid_remove(item=item, actor=request.user)
    messages.success(request, _("“%(word)s” is no longer on the list.") % {"word": item.word})
    return _back(project, "#avoid")


@login_required
@require_POST
def starters_add(request: HttpRequest, project_id: int) -> HttpResponse:
    project, _membership = get_project_for_change(request, project_id)
    which = request.POST.get("which")
    added = services.starters_add(
        project=project, actor=request.user, terms=which == "terms", avoid=which == "avoid"
    )
    if added:
        messages.success(request, _("The common words have been added. Keep the ones that fit."))
    else:
        messages.info(request, _("Your group already has all of the common words."))
    return _back(project, "#avoid" if which == "avoid" else "#glossary")
