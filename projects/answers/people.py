"""What answers hold about one person: the answers they recorded for their group.

Listed in ``sharing.people.services.PARTS``. Each answer once recorded is in the history, so
that is what is listed: the kind of idea, the project, the answer and its reason. The idea's
own words are the group's (and may be someone else's, or set aside), so they are left out.
Ideas the person wrote are in each app's own part.
"""

from accounts.models import User

from .kinds import KINDS


def personal_data(user: User) -> dict:
    """One query for each kind of idea, however many answers."""
    recorded = []
    for kind in KINDS.values():
        project_path = f"{kind.history_field}__{kind.project_path}"
        for row in (
            kind.history.objects.filter(answered_by=user)
            .select_related(project_path)
            .order_by("created_at", "pk")
        ):
            project = row
            for step in project_path.split("__"):
                project = getattr(project, step)
            recorded.append(
                {
                    "kind": str(kind.label),
                    "project": project.name,
                    "answer": row.answer,
                    "reason": row.reason,
                    "recorded_at": row.created_at.isoformat(),
                }
            )
    return {"answers_you_recorded": recorded}


def blockers(user: User) -> list:
    return []


def forget(user: User, remove: bool) -> None:
    # The group's answers stay, recorded by "a former member": ideas keep their answer.
    return None
