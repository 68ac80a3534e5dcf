"""What marks hold about one person, and how they let go of someone deleting their account.

Listed in ``sharing.people.services.PARTS`` (see there).
"""

from django.urls import reverse
from django.utils.translation import gettext

from accounts.models import User
from projects.on_behalf.services import trace
from projects.parts import Blocker
from projects.stages import Stage

from .models import (
    Action,
    Mark,
    MarkRevision,
    Note,
    NoteRevision,
    RoundParticipant,
    Score,
    ScoringRound,
)


def _when(moment) -> str | None:
    return moment.isoformat() if moment else None


def _mark(mark: Mark) -> dict:
    return {"project": mark.project.name, "stage": str(Stage(mark.stage).label), "mark": mark.title}


def personal_data(user: User) -> dict:
    """Each list comes from one query, so the file costs the same however much there is."""
    notes = Note.objects.filter(author=user).select_related("mark__project", "added_by")
    wordings = NoteRevision.objects.filter(note__author=user).select_related("note__mark")
    # A score in a round revealed without names is no longer linked to anyone, so only
    # the fact of taking part is here for those rounds.
    scores = Score.objects.filter(member=user).select_related("round__mark__project", "added_by")
    rounds = RoundParticipant.objects.filter(member=user).select_related("round__mark__project")
    marks_added = Mark.objects.filter(created_by=user).select_related("project")
    mark_edits = MarkRevision.objects.filter(edited_by=user).select_related("mark__project")
    owned = Action.objects.filter(owners=user).select_related("project", "mark")
    return {
        "notes": [
            {
                **_mark(n.mark),
                "question": n.get_kind_display(),
                "text": n.text,
                "written": _when(n.created_at),
                "deleted": _when(n.deleted_at),
                **trace(n),
            }
            for n in notes
        ],
        "earlier_wordings_of_your_notes": [
            {
                "mark": r.note.mark.title,
                "version": r.version,
                "text": r.text,
                "saved": _when(r.edited_at),
            }
            for r in wordings
        ],
        "scores": [
            {
                **_mark(s.round.mark),
                "score": s.value,
                "round_opened": _when(s.round.opened_at),
                "given": _when(s.updated_at),
                **trace(s),
            }
            for s in scores
        ],
        "scoring_rounds_taken_part_in": [
            {**_mark(p.round.mark), "round_opened": _when(p.round.opened_at)} for p in rounds
        ],
        "marks_added": [{**_mark(m), "added": _when(m.created_at)} for m in marks_added],
        "mark_edits": [
            {
                **_mark(r.mark),
                "wording": r.title,
                "what_it_means": r.explanation,
                "version": r.version,
                "saved": _when(r.edited_at),
            }
            for r in mark_edits
        ],
        "actions_you_own": [
            {
                "project": a.project.name,
                "mark": a.mark.title if a.mark else None,
                "action": a.text,
                "due": a.due.isoformat() if a.due else None,
                "how_far": a.get_status_display(),
            }
            for a in owned
        ],
    }


def blockers(user: User) -> list[Blocker]:
    """Nothing in marks needs a choice first: projects' own blockers cover the people."""
    return []


def forget(user: User, remove: bool) -> None:
    """With ``remove``, delete the person's notes and scores.

    Marks they added, actions and rounds stay: other people's notes, scores and plans
    hang on them. Only the person's name comes off them.
    """
    if not remove:
        return
    Note.objects.filter(author=user).delete()
    Score.objects.filter(member=user).delete()
    RoundParticipant.objects.filter(member=user).delete()
    Action.owners.through.objects.filter(user=user).delete()
    Action.objects.filter(created_by=user).update(created_by=None)
    Mark.objects.filter(created_by=user).update(created_by=None)
    MarkRevision.objects.filter(edited_by=user).update(edited_by=None)
    ScoringRound.objects.filter(opened_by=user).update(opened_by=None)
    ScoringRound.objects.filter(agreed_by=user).update(agreed_by=None)


def words_added_for(user: User) -> list[dict]:
    """Notes and scores someone else added for the person: two queries, however many."""
    notes = (
        Note.objects.filter(author=user, deleted_at=None)
        .exclude(given_via="")
        .select_related("mark__project", "added_by")
    )
    scores = (
        Score.objects.filter(member=user, round__status=ScoringRound.Status.OPEN)
        .exclude(given_via="")
        .select_related("round__mark__project", "added_by")
    )
    found = [
        {
            "what": gettext("A note on “%(mark)s”") % {"mark": n.mark.title},
            "project": n.mark.project.name,
            "text": n.text,
            "given": n.given_line(),
            "when": n.created_at,
            "url": reverse("marks:mark", args=[n.mark.project_id, n.mark_id]) + f"#note-{n.pk}",
            "action": gettext("Change or delete it on the mark’s page"),
        }
        for n in notes
    ]
    found += [
        {
            "what": gettext("Your score for “%(mark)s”") % {"mark": s.round.mark.title},
            "project": s.round.mark.project.name,
            "text": (gettext("I’d rather not score this one") if s.value is None else str(s.value)),
            "given": s.given_line(),
            "when": s.updated_at,
            "url": reverse("marks:mark", args=[s.round.mark.project_id, s.round.mark_id])
            + "#score",
            "action": gettext("Change it on the mark’s page until the reveal"),
        }
        for s in scores
    ]
    return found
