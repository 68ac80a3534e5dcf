"""What setting aside holds about one person, and letting go of them when they leave.

Listed in ``sharing.people.services.PARTS``. It holds what the person did (words they set
aside or put back, looks they asked for under their name), never what they wrote: that is
in each app's own part.
"""

from accounts.models import User

from ..models import LookRequest, SetAside


def _when(moment) -> str | None:
    return moment.isoformat() if moment else None


def personal_data(user: User) -> dict:
    """Two queries, however much there is."""
    asides = SetAside.objects.filter(set_by=user).select_related("project")
    looks = LookRequest.objects.filter(asked_by=user).select_related("project")
    return {
        "words_set_aside": [
            {
                "project": a.project.name,
                "ground_rule": a.rule_text,
                "reason": a.reason,
                "set_aside_at": _when(a.created_at),
                "put_back_at": _when(a.put_back_at),
            }
            for a in asides
        ],
        "looks_asked_for": [
            {"project": r.project.name, "note": r.note, "asked_at": _when(r.created_at)}
            for r in looks
        ],
    }


def blockers(user: User) -> list:
    return []


def forget(user: User, remove: bool) -> None:
    # A request to look stays for the facilitators, without the name of who asked. Words
    # set aside stay set aside, by "a former member": moderation stays open.
    LookRequest.objects.filter(asked_by=user).update(asked_by=None)
