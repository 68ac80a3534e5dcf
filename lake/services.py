"""Workflows that change the lake of ideas, each in one transaction."""

from datetime import timedelta

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from accounts.models import User
from marks.models import Mark
from projects.activity import record_activity
from projects.models import Activity, Project
from projects.on_behalf.services import activity_detail
from projects.shared_words.services import words_save

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

# A move renumbers the post-its of a list with at most this many UPDATEs, one per step the
# others shift by; a list with more different gaps is renumbered in one bulk update.
SHIFT_QUERIES = 3


def _lock_lake(project: Project) -> None:
    """Take the lake's counter row before anything else, in every change to the lake.

    Two changes to one lake then wait for each other in the same order and can never
    deadlock (a move locks the post-its of the list it goes to; without this, two moves
    between the same two lists each waited for the other's rows).
    """
    LakeState.objects.get_or_create(project=project)
    LakeState.objects.select_for_update().filter(project=project).values_list("pk").get()


def _actor_for(postit: PostIt, actor: User | None) -> User | None:
    """Who the activity names for a change to this post-it: nobody, for anonymous words.

    Its writer may be the one moving, removing or bringing it back; a name next to it
    would say who wrote it.
    """
    return None if postit.is_anonymous else actor


def _record(*, project: Project, actor, kind: str, detail: str = "") -> int:
    """Record the change in the project's activity and bump the lake's own counter.

    Returns the lake's new revision, for the changed post-it to carry. The counter's row stays
    locked until the transaction ends, so revisions are committed in the order they are given.
    """
    record_activity(project=project, actor=actor, kind=kind, detail=detail)
    # The row exists: _lock_lake made it at the start of the change.
    LakeState.objects.filter(project=project).update(revision=F("revision") + 1)
    return LakeState.objects.filter(project=project).values_list("revision", flat=True).get()


def _stamp(postit: PostIt, revision: int) -> None:
    PostIt.objects.filter(pk=postit.pk).update(changed_in_revision=revision)
    postit.changed_in_revision = revision


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
    keep_anonymous: bool = False,
    added_by: User | None = None,
    given_via: str = "",
) -> PostIt:
    """Add a post-it at the end of its place. An anonymous one keeps no link to its author.

    ``keep_anonymous`` is for words already written anonymously (a note): they stay unnamed
    even where the project no longer allows new anonymous post-its.
    """
    if place not in PLACES:
        raise ValueError(f"no such place: {place}")
    _lock_lake(project)
    anonymous = keep_anonymous or (anonymous and project.allow_anonymous)
    if added_by is not None:
        # Someone else's words, added for them: never anonymous, always traced.
        anonymous = False
    postit = PostIt.objects.create(
        project=project,
        place=place,
        position=_next_position(project, place),
        text=text,
        colour=colour,
        author=None if anonymous else author,
        is_anonymous=anonymous,
        mark=mark,
        added_by=added_by,
        given_via=given_via if added_by is not None else "",
    )
    PostItRevision.objects.create(postit=postit, version=1, text=text, edited_at=postit.created_at)
    # Anonymous words are recorded without a name, whoever put them here: naming the person
    # who sent an anonymous note to the lake, at the moment it appears, would name its writer.
    if anonymous:
        actor = None
    elif actor is None:
        actor = author
    if added_by is not None:
        revision = _record(
            project=project,
            actor=added_by,
            kind="postit_added_for",
            detail=activity_detail(author, given_via),
        )
    else:
        revision = _record(
            project=project, actor=actor, kind="postit_added", detail=place_label(place)
        )
    _stamp(postit, revision)
    return postit


@transaction.atomic
def postit_move(*, postit: PostIt, place: str, actor: User, index: int | None = None) -> PostIt:
    """Put the post-it in a place, at ``index`` among the others there (default: the end).

    Two people moving the same post-it: the later move wins, and both are in the activity.
    """
    if place not in PLACES:
        raise ValueError(f"no such place: {place}")
    _lock_lake(postit.project)
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
    others.insert(index, postit)
    # Number the list 0, 1, 2… again. The others keep their order and only shift, mostly all
    # by the same step, so each step is one UPDATE rather than one CASE over the whole list.
    shifts: dict[int, list[int]] = {}
    for position, item in enumerate(others):
        if item is not postit and item.position != position:
            shifts.setdefault(position - item.position, []).append(item.pk)
        item.position = position
    if len(shifts) <= SHIFT_QUERIES:
        for step, pks in shifts.items():
            PostIt.objects.filter(pk__in=pks).update(position=F("position") + step)
    else:
        shifted = {pk for pks in shifts.values() for pk in pks}
        PostIt.objects.bulk_update([o for o in others if o.pk in shifted], ["position"])
    postit.place = place
    # Only the moved post-it is marked changed: the others kept their order, so a browser
    # puts this one back in place and leaves them where they are.
    postit.changed_in_revision = _record(
        project=postit.project,
        actor=_actor_for(postit, actor),
        kind="postit_moved",
        detail=place_label(place),
    )
    postit.save(update_fields=["place", "position", "changed_in_revision"])
    return postit


@transaction.atomic
def postit_edit(*, postit: PostIt, base_version: int, text: str, colour: str) -> PostIt:
    """Save the author's new words and colour; refuse if they changed, or the post-it was
    removed, meanwhile."""
    _lock_lake(postit.project)
    return words_save(
        item=postit,
        base_version=base_version,
        changes={"text": text, "colour": colour},
        project=postit.project,
        actor=postit.author,
        kind="postit_edited",
        detail=text[:80],
        only_if={"deleted_at": None},
        # The lake counts its own changes too, and the post-it carries the count it changed at.
        record=lambda **line: _stamp(postit, _record(**line)),
    )


@transaction.atomic
def postit_delete(*, postit: PostIt, actor: User) -> None:
    """Take a post-it off the lake; anyone in the project can bring it back for 30 days."""
    _lock_lake(postit.project)
    if postit.deleted_at is None:
        postit.deleted_at = timezone.now()
        postit.changed_in_revision = _record(
            project=postit.project,
            actor=_actor_for(postit, actor),
            kind="postit_deleted",
            detail=postit.text[:80],
        )
        postit.save(update_fields=["deleted_at", "changed_in_revision"])


@transaction.atomic
def postit_restore(*, postit: PostIt, actor: User) -> None:
    _lock_lake(postit.project)
    if postit.deleted_at is not None:
        postit.deleted_at = None
        postit.position = _next_position(postit.project, postit.place)
        postit.changed_in_revision = _record(
            project=postit.project,
            actor=_actor_for(postit, actor),
            kind="postit_restored",
            detail=postit.text[:80],
        )
        postit.save(update_fields=["deleted_at", "position", "changed_in_revision"])


def removed_since():
    return timezone.now() - timedelta(days=KEEP_REMOVED_DAYS)


@transaction.atomic
def postits_purge() -> int:
    """Delete for good the post-its removed more than 30 days ago, as the lake promises.

    Their earlier wordings go with them, and the activity lines that quoted their words
    keep the sentence without the quote. Returns how many post-its were deleted.
    """
    expired = list(
        PostIt.objects.filter(deleted_at__lt=removed_since()).values_list(
            "pk", "project_id", "text"
        )
    )
    for _pk, project_id, text in expired:
        Activity.objects.filter(
            project_id=project_id, kind__startswith="postit_", detail=text[:80]
        ).update(detail="")
    PostIt.objects.filter(pk__in=[pk for pk, _project, _text in expired]).delete()
    return len(expired)


def timer_for(project: Project) -> LakeTimer:
    timer, _created = LakeTimer.objects.get_or_create(project=project)
    return timer


@transaction.atomic
def timer_action(*, project: Project, actor: User, action: str) -> LakeTimer:
    """Start, pause or stop the five minutes with the lake. Nothing is locked either way."""
    _lock_lake(project)
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


@transaction.atomic
def postit_redraw(*, postit: PostIt) -> None:
    """Send the post-it to every board again at the next poll, without a line in the activity.

    For a change made elsewhere that boards must show, such as setting the post-it aside: the
    change records its own activity line. It takes the lake's lock first, as every change to
    the lake does.
    """
    _lock_lake(postit.project)
    LakeState.objects.filter(project=postit.project).update(revision=F("revision") + 1)
    revision = LakeState.objects.filter(project=postit.project).values_list("revision", flat=True)
    _stamp(postit, revision.get())
