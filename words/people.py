"""What the group's words hold about one person, and forgetting them.

Listed in ``sharing.people.services.PARTS`` (see there).
"""

from accounts.models import User
from projects.parts import Blocker

from .models import AvoidWord, Term, TermRevision


def _when(moment) -> str | None:
    return moment.isoformat() if moment else None


def personal_data(user: User) -> dict:
    """Each list is one query, so the file costs the same however much there is."""
    return {
        "glossary_terms_you_added": [
            {
                "project": t.project.name,
                "term": t.term,
                "meaning": t.meaning,
                "added": _when(t.created_at),
            }
            for t in Term.objects.filter(created_by=user).select_related("project")
        ],
        "glossary_wordings_you_wrote": [
            {
                "project": r.term_item.project.name,
                "version": r.version,
                "term": r.term,
                "meaning": r.meaning,
                "saved": _when(r.edited_at),
            }
            for r in TermRevision.objects.filter(edited_by=user).select_related(
                "term_item__project"
            )
        ],
        "words_to_avoid_you_added": [
            {"project": a.project.name, "word": a.word, "instead": a.instead}
            for a in AvoidWord.objects.filter(created_by=user).select_related("project")
        ],
    }


def blockers(user: User) -> list[Blocker]:
    """Nothing in the glossary needs a choice first."""
    return []


def forget(user: User, remove: bool) -> None:
    """With ``remove``, take the terms and words the person added out of the glossary.

    Without, they stay: the group's words, with "A former member" in their history.
    """
    if not remove:
        return
    Term.objects.filter(created_by=user).delete()
    AvoidWord.objects.filter(created_by=user).delete()
