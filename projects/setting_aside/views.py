"""Asking for a look, setting words aside, putting them back, and the author's own page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ..access import get_project_for_change, get_project_for_user
from ..models import LookRequest, Membership, Project, SetAside
from . import services
from .forms import ChangeWordsForm, LookForm, SetAsideForm
from .kinds import KINDS, Kind, kind_or_404

NOT_ALLOWED = gettext_lazy(
    "Only the project's facilitators can do this. Any member can ask them for a look."
)


def _item(project: Project, kind_key: str, item_id: int):
    kind = kind_or_404(kind_key)
    item = kind.get(project, item_id)
    if not kind.shown(item):
        raise Http404
    return kind, item


def _already_message(project: Project, kind: Kind, item) -> str:
    aside = (
        SetAside.objects.filter(kind=kind.key, item_id=item.pk, put_back_at=None, purged_at=None)
        .select_related("set_by")
        .first()
    )
    who = aside.set_by.display_name if aside and aside.set_by else _("a former member")
    return _("These words were already set aside by %(name)s. Nothing else was changed.") % {
        "name": who
    }


def _item_page(
    request,
    project,
    membership,
    kind,
    item,
    *,
    look_form=None,
    aside_form=None,
    status=200,
    problem="",
):
    may = services.may_set_aside(project, membership)
    ctx = {
        "project": project,
        "membership": membership,
        "kind": kind,
        "item": item,
        "words": kind.text(item),
        "where": kind.where(item),
        "is_anonymous": kind.author_id(item) is None,
        "may_set_aside": may,
        "look_form": look_form or LookForm(),
        "aside_form": aside_form or (SetAsideForm(project=project) if may else None),
        "has_rules": project.ground_rules.exists(),
        "problem": problem,
    }
    return render(request, "projects/setting_aside/item.html", ctx, status=status)


@login_required
@require_safe
def item(request: HttpRequest, project_id: int, kind: str, item_id: int) -> HttpResponse:
    """The words, with the two things a member can do about them."""
    project, membership = get_project_for_user(request, project_id)
    found_kind, found = _item(project, kind, item_id)
    return _item_page(request, project, membership, found_kind, found)


@login_required
@require_POST
def ask(request: HttpRequest, project_id: int, kind: str, item_id: int) -> HttpResponse:
    # Still open once the project is completed: a report of it may be shared later.
    project, membership = get_project_for_user(request, project_id)
    found_kind, found = _item(project, kind, item_id)
    form = LookForm(request.POST)
    if not form.is_valid():
        return _item_page(
            request, project, membership, found_kind, found, look_form=form, status=400
        )
    services.look_ask(
        project=project,
        kind=found_kind,
        item=found,
        asker=request.user,
        anonymous=form.cleaned_data["anonymous"],
        note=form.cleaned_data["note"],
    )
    messages.success(request, _("Thank you. The facilitators will look at these words and decide."))
    return redirect(found_kind.where(found))


@login_required
@require_POST
def set_aside(request: HttpRequest, project_id: int, kind: str, item_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    if not services.may_set_aside(project, membership):
        raise PermissionDenied(NOT_ALLOWED)
    found_kind, found = _item(project, kind, item_id)
    form = SetAsideForm(request.POST, project=project)
    if not form.is_valid():
        return _item_page(
            request, project, membership, found_kind, found, aside_form=form, status=400
        )
    try:
        services.set_aside(
            project=project,
            kind=found_kind,
            item=found,
            actor=request.user,
            rule=form.cleaned_data["rule"],
            reason=form.cleaned_data["reason"],
        )
    except services.AlreadySetAside:
        found = found_kind.get(project, found.pk)
        problem = _already_message(project, found_kind, found)
        return _item_page(
            request, project, membership, found_kind, found, status=409, problem=problem
        )
    messages.success(
        request,
        _("The words are set aside. The group sees your name and the ground rule in their place."),
    )
    return redirect(found_kind.where(found))


def _kept(project: Project) -> list[SetAside]:
    """Words set aside and not yet put back or deleted, each with its words: one query per
    kind of words, whatever how many."""
    asides = list(
        SetAside.objects.filter(project=project, put_back_at=None, purged_at=None)
        .select_related("set_by")
        .order_by("-created_at", "-pk")
    )
    _attach(project, asides)
    return asides


def _attach(project: Project, rows) -> None:
    wanted: dict[str, set[int]] = {}
    for row in rows:
        wanted.setdefault(row.kind, set()).add(row.item_id)
    found = {}
    for key, ids in wanted.items():
        kind = KINDS.get(key)
        if kind is None:
            continue
        for obj in kind.in_project(project).filter(pk__in=ids):
            found[key, obj.pk] = obj
    for row in rows:
        kind = KINDS.get(row.kind)
        obj = found.get((row.kind, row.item_id))
        row.kind_label = kind.label if kind else row.kind
        row.words = kind.text(obj) if kind and obj else ""
        row.where = kind.where(obj) if kind and obj else ""
        row.item_url_args = (project.pk, row.kind, row.item_id)


@login_required
@require_safe
def kept(request: HttpRequest, project_id: int) -> HttpResponse:
    """For facilitators: the words set aside, to read and put back, and requests to look."""
    project, membership = get_project_for_user(request, project_id, facilitator=True)
    looks = list(
        LookRequest.objects.filter(project=project, closed_at=None)
        .select_related("asked_by")
        .order_by("created_at", "pk")
    )
    _attach(project, looks)
    ctx = {
        "project": project,
        "membership": membership,
        "asides": _kept(project),
        "looks": looks,
    }
    return render(request, "projects/setting_aside/kept.html", ctx)


@login_required
@require_POST
def put_back(request: HttpRequest, project_id: int, aside_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id, facilitator=True)
    aside = get_object_or_404(SetAside, pk=aside_id, project=project)
    try:
        services.put_back(aside=aside, actor=request.user)
    except services.Purged:
        messages.error(
            request,
            _(
                "These words were kept for 30 days and then deleted for good, so they can't be put back."
            ),
        )
        return redirect("setting_aside:kept", project_id=project.pk)
    except services.AlreadyPutBack:
        messages.info(request, _("Someone already put these words back."))
        return redirect("setting_aside:kept", project_id=project.pk)
    messages.success(request, _("The words are back where they were, for the whole group."))
    return redirect("setting_aside:kept", project_id=project.pk)


@login_required
@require_POST
def look_keep(request: HttpRequest, project_id: int, look_id: int) -> HttpResponse:
    """A facilitator looked and leaves the words as they are."""
    project, membership = get_project_for_user(request, project_id, facilitator=True)
    look = get_object_or_404(LookRequest, pk=look_id, project=project)
    if services.look_close(look=look, actor=request.user):
        messages.success(request, _("The words stay as they are. The request is closed."))
    else:
        messages.info(request, _("Someone already answered this request."))
    return redirect("setting_aside:kept", project_id=project.pk)


# -- the author's own page -------------------------------------------------------------


def _own_aside(request: HttpRequest, project: Project, aside_id: int):
    """The set-aside and its words, for their named author only (403 for anyone else)."""
    aside = get_object_or_404(
        SetAside.objects.select_related("set_by", "project"),
        pk=aside_id,
        project=project,
        put_back_at=None,
        purged_at=None,
    )
    kind = KINDS.get(aside.kind)
    found = kind.in_project(project).filter(pk=aside.item_id).first() if kind else None
    if found is None or kind.author_id(found) != request.user.pk:
        raise PermissionDenied(_("Only the member who wrote these words can see this page."))
    return aside, kind, found


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def yours(request: HttpRequest, project_id: int, aside_id: int) -> HttpResponse:
    """The author reads why their words were set aside, and may change them."""
    if request.method == "POST":
        project, membership = get_project_for_change(request, project_id)
    else:
        project, membership = get_project_for_user(request, project_id)
    aside, kind, found = _own_aside(request, project, aside_id)
    form = ChangeWordsForm(
        request.POST if request.method == "POST" else None,
        limit=kind.limit,
        initial={"text": kind.text(found)},
    )
    if form.is_bound and form.is_valid():
        services.author_change(
            aside=aside, item=found, text=form.cleaned_data["text"], author=request.user
        )
        messages.success(
            request,
            _("Your words are changed. The facilitators will look at them again and decide."),
        )
        return redirect("setting_aside:mine")
    ctx = {
        "project": project,
        "membership": membership,
        "aside": aside,
        "kind": kind,
        "words": kind.text(found),
        "form": form,
    }
    status = 400 if form.is_bound else 200
    return render(request, "projects/setting_aside/yours.html", ctx, status=status)


@login_required
@require_POST
def accept(request: HttpRequest, project_id: int, aside_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    aside, _kind, _found = _own_aside(request, project, aside_id)
    services.author_accept(aside=aside)
    messages.success(request, _("Thank you. Your words stay set aside."))
    return redirect("setting_aside:mine")


@login_required
@require_safe
def mine(request: HttpRequest) -> HttpResponse:
    """Linked from "Your account": every piece of your named words that is set aside now.

    Anonymous words store no author, so they never appear here: nobody can be told.
    """
    project_ids = Membership.objects.filter(user=request.user).values("project_id")
    asides = []
    for kind in KINDS.values():
        asides += list(
            SetAside.objects.filter(
                kind=kind.key,
                item_id__in=kind.written_by(request.user),
                project_id__in=project_ids,
                put_back_at=None,
                purged_at=None,
            ).select_related("set_by", "project")
        )
    asides.sort(key=lambda a: (a.created_at, a.pk), reverse=True)
    for aside in asides:
        aside.kind_label = KINDS[aside.kind].label
    return render(request, "projects/setting_aside/mine.html", {"asides": asides})
