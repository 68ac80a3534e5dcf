"""Workflows that change the lake of ideas, each in one transaction."""

from datetime import timedelta

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from accounts.models import User
from marks.models import Mark
from projects.models import Project
from projects.services import StaleEdit, record_activity

from .models import (
    KEEP_REMOVED_DAYS,
    PLACES,
    TIMER_SECONDS,
    LakeState,
    LakeTimer,
    PostIt,
    PostItRevision,
    place_label,
    place_region,
)

__all__ = ["StaleEdit"]


def _record(*, project: Project, actor, kind: str, detail: str = "") -> None:
    """Record the change in the project's activity and bump the lake's own counter."""
    record_activity(project=project, actor=actor, kind=kind, detail=detail)
    LakeState.objects.get_or_create(project=project)
    LakeState.objects.filter(project=project).update(revision=F("revision") + 1)


def _next_position(project: Project, place: str) -> int:
    last = PostIt.objects.filter(project=project, deleted_at=None, place=place).aggregate(
        last=Max("position")
    )["last"]
    return 0 if last is None else last + 1


@transaction.atomic
def postit_add(
    *,
    project: Project,
    author: User,
    text: str,
    place: str,
    colour: str,
    anonymous: bool = False,
    mark: Mark | None = None,
    actor: User | None = None,
) -> PostIt:
    """Add a post-it at the end of its place. An anonymous one keeps no link to its author."""
    if place not in PLACES:
        raise ValueError(f"no such place: {place}")
    anonymous = anonymous and project.allow_anonymous
    postit = PostIt.objects.create(
        project=project,
        place=place,
        position=_next_position(project, place),
        text=text,
        colour=colour,
        author=None if anonymous else author,
        is_anonymous=anonymous,
        mark=mark,
    )
    PostItRevision.objects.create(postit=postit, version=1, text=text, edited_at=postit.created_at)
    if actor is None:
        actor = None if anonymous else author
    _record(project=project, actor=actor, kind="postit_added", detail=place_label(place))
    return postit


@transaction.atomic
def postit_move(*, postit: PostIt, place: str, actor: User, index: int | None = None) -> PostIt:
    """Put the post-it in a place, at ``index`` among the others there (default: the end).

    Two people moving the same post-it: the later move wins, and both are in the activity.
    """
    if place not in PLACES:
        raise ValueError(f"no such place: {place}")
    region = place_region(place)
    # The water is drawn as one list, so order its post-its together.
    if region == place_region("water"):
        places = [p for p in PLACES if place_region(p) == region]
    else:
        places = [place]
    others = list(
        PostIt.objects.select_for_update()
        .filter(project_id=postit.project_id, deleted_at=None, place__in=places)
        .exclude(pk=postit.pk)
        .order_by("position", "pk")
    )
    if index is None or not 0 <= index <= len(others):
        index = len(others)
    postit.place = place
    others.insert(index, postit)
    for position, item in enumerate(others):
        item.position = position
    PostIt.objects.bulk_update(others, ["position", "place"])
    _record(project=postit.project, actor=actor, kind="postit_moved", detail=place_label(place))
    return postit


@transaction.atomic
def postit_edit(*, postit: PostIt, base_version: int, text: str, colour: str) -> PostIt:
    new_version = base_version + 1
    updated = PostIt.objects.filter(pk=postit.pk, version=base_version, deleted_at=None).update(
        version=new_version, text=text, colour=colour
    )
    if not updated:
        raise StaleEdit
    PostItRevision.objects.create(postit=postit, version=new_version, text=text)
    _record(project=postit.project, actor=postit.author, kind="postit_edited", detail=text[:80])
    postit.refresh_from_db()
    return postit


@transaction.atomic
def postit_delete(*, postit: PostIt, actor: User) -> None:
    """Take a post-it off the lake; anyone in the project can bring it back for 30 days."""
    if postit.deleted_at is None:
        postit.deleted_at = timezone.now()
        postit.save(update_fields=["deleted_at"])
        _record(project=postit.project, actor=actor, kind="postit_deleted", detail=postit.text[:80])


@transaction.atomic
def postit_restore(*, postit: PostIt, actor: User) -> None:
    if postit.deleted_at is not None:
        postit.deleted_at = None
        postit.position = _next_position(postit.project, postit.place)
        postit.save(update_fields=["deleted_at", "position"])
        _record(
            project=postit.project, actor=actor, kind="postit_restored", detail=postit.text[:80]
        )


def removed_since():
    return timezone.now() - timedelta(days=KEEP_REMOVED_DAYS)


def timer_for(project: Project) -> LakeTimer:
    timer, _created = LakeTimer.objects.get_or_create(project=project)
    return timer


@transaction.atomic
def timer_action(*, project: Project, actor: User, action: str) -> LakeTimer:
    """Start, pause or stop the five minutes with the lake. Nothing is locked either way."""
    timer = timer_for(project)
    timer = LakeTimer.objects.select_for_update().get(pk=timer.pk)
    now = timezone.now()
    if action == "start":
        if timer.is_running:
            return timer
        if not timer.active or timer.remaining == 0:
            timer.remaining = TIMER_SECONDS
        timer.running_since = now
        timer.active = True
    elif action == "pause":
        if not timer.is_running:
            return timer
        timer.remaining = timer.seconds_left(now)
        timer.running_since = None
    elif action == "stop":
        if not timer.active:
            return timer
        timer.running_since = None
        timer.remaining = TIMER_SECONDS
        timer.active = False
    else:
        raise ValueError(action)
    timer.save()
    _record(project=project, actor=actor, kind=f"lake_timer_{action}")
    return timer
