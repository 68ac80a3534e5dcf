from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Case, CharField, Count, F, Value, When, Window
from django.db.models.functions import FirstValue, Lag
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from marks.models import Note
from projects.access import get_project_for_change, get_project_for_user
from projects.answers.services import answer_counts, tally
from projects.live import live_poll, unchanged
from projects.models import Membership, Project
from projects.on_behalf import services as on_behalf
from projects.shared_words.views import edit_words
from projects.stages import Stage

from . import services
from .forms import MoveForm, PostItEditForm, PostItForm
from .models import (
    TEXT_LIMIT,
    WATER,
    Colour,
    LakeTimer,
    PostIt,
    lake_revision,
    place_choices,
    place_label,
)


def _board_url(project: Project, anchor: str = "") -> str:
    url = reverse("lake:board", args=[project.pk])
    return f"{url}#{anchor}" if anchor else url


def _add_form(
    project: Project, adder, data=None, place: str = Stage.PLANNING, initial=None
) -> PostItForm:
    form = PostItForm(
        data,
        allow_anonymous=project.allow_anonymous,
        initial=initial or {"place": place, "colour": Colour.YELLOW},
        prefix="add",
    )
    # "Whose words are these?" appears when someone said others may add for them.
    choosable = [] if project.is_completed else on_behalf.choosable(project, adder)
    form.add_on_behalf_fields(project, adder, choosable)
    return form


# A poll or a move sends at most this many changed post-its on their own. When more have
# changed since the browser's revision, it gets the whole lake again instead.
CHANGES_LIMIT = 30
# What changed between two revisions never changes, so this only bounds the cache's memory.
CHANGES_CACHE_SECONDS = 120


def _empty_regions() -> list[dict]:
    regions = [
        {"key": stage.value, "label": stage.label, "postits": [], "water": False} for stage in Stage
    ]
    regions.append({"key": WATER, "label": _("The water"), "postits": [], "water": True})
    return regions


def _regions(request: HttpRequest, project: Project) -> list[dict]:
    """The four islands and the water, each with its post-its in order, in two queries at most."""
    postits = list(
        PostIt.objects.filter(project=project, deleted_at=None)
        .with_set_aside()
        .select_related("author", "added_by", "mark", "answered_by")
        .order_by("position", "pk")
    )
    regions = _empty_regions()
    by_key = {r["key"]: r for r in regions}
    options = _move_options()
    for postit in postits:
        postit.editable = postit.can_edit(request.user)
        postit.move_options = options[postit.place]
        by_key[postit.region]["postits"].append(postit)
    return regions


def _region_of_place():
    """The region a post-it's place is drawn in, as SQL: its island, or the water."""
    return Case(
        When(place__startswith=WATER, then=Value(WATER)),
        default=F("place"),
        output_field=CharField(),
    )


def _changes(request: HttpRequest, project: Project, since: int, current: int) -> dict | None:
    """What changed on the lake after revision ``since``, or None when the whole lake is needed.

    Every member's browser polls from the same revision after each change, so what changed
    between two revisions is looked up once (per server process) and shared from the cache.
    The parts that differ for each member (the "Change" link, the form tokens) are drawn for
    each request.
    """
    key = f"lake-changes:{project.pk}:{project.created_at.timestamp()}:{since}:{current}"
    changes = cache.get(key)
    if changes is None:
        changes = _find_changes(project, since)
        cache.set(key, changes, CHANGES_CACHE_SECONDS)
    if changes["whole"]:
        return None
    options = _move_options()
    for postit in changes["changed"]:
        postit.editable = postit.can_edit(request.user)
        postit.move_options = options[postit.place]
    return changes


def _find_changes(project: Project, since: int) -> dict:
    """Four queries whatever the size of the lake: the post-its changed since then, each with
    the post-it just before it in its region (so the browser knows where to put it), the
    post-its removed since then, how many post-its each region holds, and the timer."""
    changed = list(
        PostIt.objects.filter(project=project, deleted_at=None)
        .with_set_aside()
        .select_related("author", "added_by", "mark", "answered_by")
        .annotate(
            before=Window(
                Lag("pk"),
                partition_by=[_region_of_place()],
                order_by=[F("position").asc(), F("pk").asc()],
            ),
            # The post-it's own revision, as a window so that the filter below applies after
            # the one above has looked at every post-it in the region, changed or not.
            changed=Window(FirstValue("changed_in_revision"), partition_by=[F("pk")]),
        )
        .filter(changed__gt=since)
        .order_by("position", "pk")[: CHANGES_LIMIT + 1]
    )
    removed = list(
        PostIt.objects.filter(
            project=project, deleted_at__isnull=False, changed_in_revision__gt=since
        ).only("pk", "text")[: CHANGES_LIMIT + 1]
    )
    if len(changed) + len(removed) > CHANGES_LIMIT:
        return {"whole": True}
    counts = dict.fromkeys((r["key"] for r in _empty_regions()), 0)
    per_region = (
        PostIt.objects.filter(project=project, deleted_at=None)
        .annotate(region=_region_of_place())
        .values("region")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in per_region:
        counts[row["region"]] = row["n"]
    timer = LakeTimer.objects.filter(project=project).first() or LakeTimer(project=project)
    return {
        "whole": False,
        "answer_counts": answer_counts(
            PostIt.objects.visible().filter(project=project, deleted_at=None)
        ),
        "changed": changed,
        "removed": removed,
        "counts": [{"key": key, "count": n} for key, n in counts.items()],
        "timer": timer,
    }


def _revision_asked(request: HttpRequest, data) -> int | None:
    """The lake revision the browser shows, when it sent a sensible one."""
    value = data.get("revision", "")
    return int(value) if value.isdigit() and int(value) < 2**63 else None


def _live(request: HttpRequest, project, membership, since: int | None, current=None, **extra):
    """Bring a browser from revision ``since`` up to date.

    Only the post-its changed since then when there are few; the whole lake (the timer and
    each region) when there are many, or the browser's revision is unknown or too old.
    """
    if current is None:
        current = lake_revision(project)
    changes = None
    if since is not None and since <= current:
        changes = _changes(request, project, since, current)
    if changes is None:
        ctx = _board_context(request, project, membership, **extra)
        return render(request, "lake/live.html", ctx)
    ctx = {"project": project, "membership": membership, "revision": current, **changes, **extra}
    return render(request, "lake/changes.html", ctx)


def _move_options() -> dict[str, str]:
    """Each place's "Move to…" options with that place chosen, built once per page.

    A busy board has hundreds of post-its, each with the same list of places: drawing the
    list once per place, not once per post-it, keeps the board quick to render.
    """
    places = place_choices()
    return {
        current: format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((key, " selected" if key == current else "", label) for key, label in places),
        )
        for current, _label in places
    }


def _board_context(request, project, membership, **extra) -> dict:
    timer = LakeTimer.objects.filter(project=project).first() or LakeTimer(project=project)
    regions = _regions(request, project)
    ctx = {
        "project": project,
        "membership": membership,
        "regions": regions,
        # Post-its set aside are nobody's idea to answer: they are left out of the count.
        "answer_counts": tally(
            postit for region in regions for postit in region["postits"] if not postit.aside_pk
        ),
        "places": place_choices(),
        "timer": timer,
        "revision": lake_revision(project),
        "form": extra.pop("form", None) or _add_form(project, request.user),
        "text_limit": TEXT_LIMIT,
    }
    ctx.update(extra)
    return ctx


def _postit(project: Project, postit_id: int, *, visible: bool = False, **filters) -> PostIt:
    postits = PostIt.objects.visible() if visible else PostIt.objects.all()
    # A post-it removed more than 30 days ago is gone, even before the daily purge runs.
    return get_object_or_404(
        postits.select_related("project", "author", "added_by", "mark").exclude(
            deleted_at__lt=services.removed_since()
        ),
        pk=postit_id,
        project=project,
        **filters,
    )


def _own_postit(request: HttpRequest, project: Project, postit_id: int) -> PostIt:
    # Words set aside are changed from their author's own page, which asks for a look again.
    postit = _postit(project, postit_id, visible=True, deleted_at=None)
    if not postit.can_edit(request.user):
        raise PermissionDenied(_("Only the member who wrote a post-it can change its words."))
    return postit


# -- the board, its list view and its live updates ------------------------------


@login_required
@require_safe
def board(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    undo = None
    removed = request.GET.get("removed", "")
    if removed.isdigit():
        undo = PostIt.objects.filter(
            pk=removed, project=project, deleted_at__gte=services.removed_since()
        ).first()
    ctx = _board_context(request, project, membership, undo=undo)
    return render(request, "lake/board.html", ctx)


@login_required
@require_safe
def board_list(request: HttpRequest, project_id: int) -> HttpResponse:
    """The same post-its as plain headed lists, for anyone who prefers them, and for print."""
    project, membership = get_project_for_user(request, project_id)
    ctx = _board_context(request, project, membership)
    return render(request, "lake/list.html", ctx)


@login_required
@require_safe
def projector(request: HttpRequest, project_id: int) -> HttpResponse:
    """The lake for a shared screen: large type and nothing to press, following live changes.

    The page asks for itself again every few seconds (htmx, no script of its own), sending the
    revision it shows: unchanged costs one small query and an empty 204; changed, the whole
    picture is sent again, which is small without any post-it's controls.
    """
    revision = _lake_revision_for_user(request, project_id)
    if request.htmx and str(revision) == request.GET.get("revision", ""):
        return HttpResponse(status=204)
    project, membership = get_project_for_user(request, project_id)
    ctx = _board_context(request, project, membership)
    if request.htmx:
        return render(request, "lake/projector.html#picture", ctx)
    return render(request, "lake/projector.html", ctx)


def _lake_revision_for_user(request: HttpRequest, project_id: int) -> int:
    """The lake's change counter in one small query; 404 for non-members, as everywhere."""
    row = (
        Membership.objects.filter(project_id=project_id, user=request.user)
        .values_list("pk", "project__lake_state__revision")
        .first()
    )
    if row is None:
        raise Http404
    return row[1] or 0


@login_required
@require_safe
@live_poll
def poll(request: HttpRequest, project_id: int) -> HttpResponse:
    """Nothing new: an empty 204 for one small query. Otherwise what changed since then."""
    revision = _lake_revision_for_user(request, project_id)
    if (short := unchanged(request, revision)) is not None:
        return short
    project, membership = get_project_for_user(request, project_id)
    return _live(request, project, membership, _revision_asked(request, request.GET), revision)


# -- adding, moving, changing and removing post-its ------------------------------


@login_required
@require_POST
def add(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id)
    form = _add_form(project, request.user, request.POST)
    if not form.is_valid():
        if request.htmx:
            ctx = {"project": project, "membership": membership, "form": form}
            return render(request, "lake/board.html#add-form", ctx, status=400)
        ctx = _board_context(request, project, membership, form=form)
        return render(request, "lake/board.html", ctx, status=400)
    postit = services.postit_add(
        project=project,
        author=form.for_member or request.user,
        text=form.cleaned_data["text"],
        place=form.cleaned_data["place"],
        colour=form.cleaned_data["colour"],
        anonymous=form.cleaned_data.get("anonymous", False),
        added_by=request.user if form.for_member else None,
        given_via=form.given_via,
    )
    if form.for_member:
        added = _("The post-it for %(name)s is on the lake: %(place)s.") % {
            "name": form.for_member.display_name,
            "place": place_label(postit.place),
        }
    else:
        added = _("Your post-it is on the lake: %(place)s.") % {"place": place_label(postit.place)}
    if request.htmx:
        # A fresh form for the next idea, keeping the chosen place and colour.
        form = _add_form(
            project, request.user, initial={"place": postit.place, "colour": postit.colour}
        )
        # Ready for the next idea: the cursor goes straight back into the box.
        form.fields["text"].widget.attrs["autofocus"] = True
        # Only the form is sent back: the new post-it arrives with the next poll.
        ctx = {"project": project, "membership": membership, "form": form, "added": added}
        return render(request, "lake/board.html#add-form", ctx)
    messages.success(request, added)
    return redirect(_board_url(project, f"postit-{postit.pk}"))


@login_required
@require_POST
def move(request: HttpRequest, project_id: int, postit_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id)
    postit = _postit(project, postit_id, deleted_at=None)
    form = MoveForm(request.POST)
    if not form.is_valid():
        message = " ".join(e for errors in form.errors.values() for e in errors)
        if request.htmx:
            return HttpResponse(message, status=400)
        messages.error(request, message)
        return redirect(_board_url(project, f"postit-{postit.pk}"))
    services.postit_move(
        postit=postit,
        place=form.cleaned_data["place"],
        actor=request.user,
        index=form.cleaned_data["position"],
    )
    moved = _("Moved “%(text)s” to %(place)s.") % {
        "text": postit.text[:40],
        "place": place_label(postit.place),
    }
    if request.htmx:
        # The browser says which revision it shows, so it gets only what changed since then.
        since = _revision_asked(request, request.POST)
        return _live(request, project, membership, since, announce=moved)
    messages.success(request, moved)
    return redirect(_board_url(project, f"postit-{postit.pk}"))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit(request: HttpRequest, project_id: int, postit_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id)
    postit = _own_postit(request, project, postit_id)

    def prepare(form, conflict) -> None:
        if conflict is not None and postit.deleted_at is not None:
            # Removed while this person was changing it: there is nothing left to change.
            raise Http404

    return edit_words(
        request,
        item=postit,
        make_form=PostItEditForm,
        save=partial(services.postit_edit, postit=postit),
        context={"project": project, "membership": membership, "postit": postit},
        template="lake/edit.html",
        back_url=_board_url(project, f"postit-{postit.pk}"),
        saved_message=_("Your post-it has been changed."),
        prepare=prepare,
    )


@login_required
@require_POST
def delete(request: HttpRequest, project_id: int, postit_id: int) -> HttpResponse:
    """Anyone in the project may take a post-it off the lake: anyone can bring it back."""
    project, membership = get_project_for_change(request, project_id)
    postit = _postit(project, postit_id)
    services.postit_delete(postit=postit, actor=request.user)
    return redirect(f"{reverse('lake:board', args=[project.pk])}?removed={postit.pk}#undo")


@login_required
@require_POST
def restore(request: HttpRequest, project_id: int, postit_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id)
    # Kept for 30 days only: after that _postit answers 404.
    postit = _postit(project, postit_id)
    # Bringing back a post-it someone else already brought back is not an error.
    services.postit_restore(postit=postit, actor=request.user)
    messages.success(request, _("The post-it is back on the lake."))
    return redirect(_board_url(project, f"postit-{postit.pk}"))


@login_required
@require_safe
def removed(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    postits = (
        PostIt.objects.visible()
        .filter(project=project, deleted_at__gte=services.removed_since())
        .select_related("author")
        .order_by("-deleted_at", "-pk")
    )
    ctx = {"project": project, "membership": membership, "postits": postits}
    return render(request, "lake/removed.html", ctx)


@login_required
@require_safe
def history(request: HttpRequest, project_id: int, postit_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    postit = _postit(project, postit_id, visible=True)
    ctx = {
        "project": project,
        "membership": membership,
        "postit": postit,
        "revisions": postit.revisions.all(),
    }
    return render(request, "lake/history.html", ctx)


# -- the five minutes with the lake ---------------------------------------------


@login_required
@require_POST
def timer(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id)
    action = request.POST.get("action", "")
    if action not in ("start", "pause", "stop"):
        messages.error(request, _("Choose whether to start, pause or stop the timer."))
    else:
        services.timer_action(project=project, actor=request.user, action=action)
    return redirect(_board_url(project, "timer"))


# -- from a note on a mark ----------------------------------------------------------


@login_required
@require_POST
def from_note(request: HttpRequest, project_id: int, note_id: int) -> HttpResponse:
    """Put a note's words on the island of its mark's stage, linking back to the mark."""
    project, membership = get_project_for_change(request, project_id)
    note = get_object_or_404(
        Note.objects.visible().select_related("mark", "author"),
        pk=note_id,
        mark__project=project,
        deleted_at=None,
    )
    text = note.text if len(note.text) <= TEXT_LIMIT else note.text[: TEXT_LIMIT - 1] + "…"
    postit = services.postit_add(
        project=project,
        author=note.author,
        text=text,
        place=note.mark.stage,
        colour=Colour.YELLOW,
        anonymous=note.is_anonymous,
        mark=note.mark,
        actor=request.user,
        # Even where the project no longer allows anonymous post-its, keep the writer unnamed.
        keep_anonymous=note.is_anonymous,
    )
    messages.success(
        request,
        _("The note is now a post-it on the %(stage)s island of the lake of ideas.")
        % {"stage": Stage(note.mark.stage).label},
    )
    return redirect(_board_url(project, f"postit-{postit.pk}"))
