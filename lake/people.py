"""What the lake of ideas holds about one person, and forgetting them.

Listed in ``sharing.people.services.PARTS`` (see there).
"""

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext

from accounts.models import User
from projects.on_behalf.services import trace
from projects.parts import Blocker

from .models import LakeState, PostIt, PostItRevision


def _when(moment) -> str | None:
    return moment.isoformat() if moment else None


def personal_data(user: User) -> dict:
    """Each list comes from one query, so the file costs the same however much there is."""
    postits = PostIt.objects.filter(author=user).select_related("project", "mark", "added_by")
    wordings = PostItRevision.objects.filter(postit__author=user)
    return {
        "post_its": [
            {
                "project": p.project.name,
                "place": p.place_label,
                "text": p.text,
                "colour": p.get_colour_display(),
                "from_mark": p.mark.title if p.mark else None,
                "written": _when(p.created_at),
                "removed": _when(p.deleted_at),
                **trace(p),
            }
            for p in postits
        ],
        "earlier_wordings_of_your_post_its": [
            {"version": r.version, "text": r.text, "saved": _when(r.edited_at)} for r in wordings
        ],
    }


def blockers(user: User) -> list[Blocker]:
    """Nothing on the lake needs a choice first."""
    return []


def forget(user: User, remove: bool) -> None:
    """With ``remove``, take the person's named post-its off the lake for good."""
    if not remove:
        return
    postits = PostIt.objects.filter(author=user)
    project_ids = set(postits.values_list("project_id", flat=True))
    postits.delete()
    # Open boards redraw without the post-its.
    LakeState.objects.filter(project_id__in=project_ids).update(revision=F("revision") + 1)


def words_added_for(user: User) -> list[dict]:
    """Post-its someone else added for the person, in one query however many."""
    postits = (
        PostIt.objects.filter(author=user, deleted_at=None)
        .exclude(given_via="")
        .select_related("project", "added_by")
    )
    return [
        {
            "what": gettext("A post-it on the lake of ideas"),
            "project": p.project.name,
            "text": p.text,
            "given": p.given_line(),
            "when": p.created_at,
            "url": reverse("lake:board", args=[p.project_id]) + f"#postit-{p.pk}",
            "action": gettext("Change or remove it on the lake"),
        }
        for p in postits
    ]
