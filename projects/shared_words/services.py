"""Saving a new version of shared words: one transaction, one stale check, one revision row,
one activity line."""

from collections.abc import Callable
from typing import Any

from django.db import models, transaction

from .models import EditedWording, SharedWords


class StaleEdit(Exception):
    """Someone else saved a newer version while this person was editing."""


@transaction.atomic
def words_save[T: SharedWords](
    *,
    item: T,
    base_version: int,
    changes: dict[str, Any],
    project: models.Model,
    actor: models.Model | None,
    kind: str,
    detail: str = "",
    only_if: dict[str, Any] | None = None,
    record: Callable[..., Any],
) -> T:
    """Save ``changes`` as the next version of ``item``, keeping the wording it replaces.

    Refuses with ``StaleEdit`` when ``item`` is no longer at ``base_version`` (someone saved
    since the form was drawn) or no longer matches ``only_if`` (for example, it was removed).
    The check and the change are one UPDATE, so two people saving at once can't both win.
    ``record`` writes the activity line and bumps what live pages poll: usually
    ``projects.activity.record_activity``, or an app's own recorder where it keeps a counter
    of its own. It is passed in, so that this package needs nothing of the app it serves.
    """
    model = type(item)
    new_version = base_version + 1
    updated = model.objects.filter(pk=item.pk, version=base_version, **(only_if or {})).update(
        version=new_version, **changes
    )
    if not updated:
        raise StaleEdit
    item.refresh_from_db()
    revisions = getattr(item, "revisions", None)
    if revisions is not None:
        wording = item.wording()
        if issubclass(revisions.model, EditedWording):
            wording["edited_by"] = actor
        revisions.create(version=new_version, **wording)
    record(project=project, actor=actor, kind=kind, detail=detail)
    return item
