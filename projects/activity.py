"""The project's activity: each change told as a plain sentence, and the live pages' counter."""

from django.db.models import F
from django.utils import timezone

from accounts.models import User

from .models import Activity, Project


def record_activity(*, project: Project, actor: User | None, kind: str, detail: str = "") -> None:
    """Add a line to the activity and bump the revision that live pages poll."""
    now = timezone.now()
    Activity.objects.create(
        project=project, actor=actor, kind=kind, detail=detail[:200], created_at=now
    )
    Project.objects.filter(pk=project.pk).update(revision=F("revision") + 1, last_activity_at=now)
