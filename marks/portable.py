"""The marks app's part of the whole-project file: marks, notes, rounds, actions.

What goes in is what members see in the app. A round's scores are there only once
the round is revealed, with names only if the round was opened showing names; a
deleted note is left out (only its author could still see it, to undo). Check-ins
are written by ``checkins.portable``, inside this app's section.
"""

from django.db.models import Prefetch

from projects.answers.portable import export_answer, import_answer, save_history
from projects.models import Project
from projects.on_behalf.portable import export_trace, import_trace
from projects.parts import BadFile, People, Reader, iso, unique_versions
from projects.stages import Stage

from .models import (
    ACTION_TEXT_LIMIT,
    EXPLANATION_LIMIT,
    NOTE_LIMIT,
    TITLE_LIMIT,
    Action,
    Mark,
    MarkRevision,
    Note,
    NoteAnswer,
    NoteRevision,
    RoundParticipant,
    Score,
    ScoringRound,
    ScoringSettings,
)
from .scoring.selectors import median

LIBRARY_KEY_LIMIT = Mark._meta.get_field("library_key").max_length


# -- export --------------------------------------------------------------------------


def export(project: Project, people: People) -> dict:
    settings = ScoringSettings.for_project(project)
    marks = Mark.objects.filter(project=project).prefetch_related(
        Prefetch("revisions", MarkRevision.objects.order_by("version")),
        Prefetch(
            "notes",
            Note.objects.visible()
            .filter(deleted_at=None)
            .order_by("created_at", "pk")
            .prefetch_related(
                Prefetch("revisions", NoteRevision.objects.order_by("version")),
                Prefetch("answer_revisions", NoteAnswer.objects.order_by("version")),
            ),
        ),
        Prefetch(
            "rounds",
            ScoringRound.objects.order_by("opened_at", "pk").prefetch_related(
                Prefetch("scores", Score.objects.order_by("pk"))
            ),
        ),
    )
    exported_marks = []
    for i, mark in enumerate(marks.order_by("stage", "position", "pk"), start=1):
        ref = f"mark-{i}"
        people.set_object_ref("mark", mark.pk, ref)
        exported_marks.append(_export_mark(mark, ref, people))
    actions = (
        Action.objects.filter(project=project)
        .order_by("created_at", "pk")
        .prefetch_related("owners")
    )
    return {
        "scoring": {
            "any_member_runs_rounds": settings.any_member_runs_rounds,
            "show_names": settings.show_names,
        },
        "marks": exported_marks,
        "actions": [_export_action(action, people) for action in actions],
    }


def _export_mark(mark: Mark, ref: str, people: People) -> dict:
    return {
        "ref": ref,
        "stage": mark.stage,
        "position": mark.position,
        "hidden": mark.hidden,
        # Empty for a mark the group added itself.
        "library_key": mark.library_key or None,
        "title": mark.title,
        "explanation": mark.explanation,
        "created_by": people.ref(mark.created_by_id),
        "created_at": iso(mark.created_at),
        "history": [
            {
                "version": revision.version,
                "title": revision.title,
                "explanation": revision.explanation,
                "edited_by": people.ref(revision.edited_by_id),
                "edited_at": iso(revision.edited_at),
            }
            for revision in mark.revisions.all()
        ],
        "notes": [
            {
                "kind": note.kind,
                "text": note.text,
                "anonymous": note.is_anonymous,
                "author": people.ref(note.author_id),
                **export_trace(note, people),
                "created_at": iso(note.created_at),
                "answer": export_answer(note, people),
                "history": [
                    {"version": r.version, "text": r.text, "edited_at": iso(r.edited_at)}
                    for r in note.revisions.all()
                ],
            }
            for note in mark.notes.all()
        ],
        "rounds": [_export_round(r, people) for r in mark.rounds.all()],
    }


def _export_round(scoring_round: ScoringRound, people: People) -> dict:
    show_names = scoring_round.show_names
    exported = {
        "status": scoring_round.status,
        "show_names": show_names,
        "opened_by": people.ref(scoring_round.opened_by_id),
        "opened_at": iso(scoring_round.opened_at),
        "revealed_at": iso(scoring_round.revealed_at),
        "closed_at": iso(scoring_round.closed_at),
        "agreed_score": scoring_round.agreed_value,
        "agreed_note": scoring_round.agreed_note,
        "agreed_by": people.ref(scoring_round.agreed_by_id),
        # An open round's scores are private: not even how many have scored goes in.
        "scores": None,
        "spread": None,
    }
    if scoring_round.is_open:
        return exported
    # As the reveal shows them: never in the order people scored, and named only when
    # the round was opened showing names (someone who has left is shown without a name).
    scores = [
        {
            "member": people.member_ref(score.member_id) if show_names else None,
            "value": score.value,
            # Who added a score for its member goes only with a named one.
            **(export_trace(score, people) if show_names else {}),
        }
        for score in scoring_round.scores.all()
    ]
    scores.sort(key=lambda s: (s["value"] is None, s["value"] or 0, s["member"] or ""))
    values = [s["value"] for s in scores if s["value"] is not None]
    exported["scores"] = scores
    # Worked out from the scores, for a person reading the file; the import ignores it.
    exported["spread"] = {
        "lowest": min(values, default=None),
        "highest": max(values, default=None),
        "median": median(values),
        "passed": len(scores) - len(values),
    }
    return exported


def _export_action(action: Action, people: People) -> dict:
    return {
        "mark": people.object_ref("mark", action.mark_id),
        "text": action.text,
        "kind": action.kind,
        "everyone": action.everyone,
        "owners": sorted(people.ref(user.pk) for user in action.owners.all()),
        "due": iso(action.due),
        "status": action.status,
        "created_by": people.ref(action.created_by_id),
        "created_at": iso(action.created_at),
        "updated_at": iso(action.updated_at),
    }


# -- import --------------------------------------------------------------------------


def import_(project: Project, data: Reader, people: People) -> None:
    scoring = data.object("scoring")
    ScoringSettings.objects.create(
        project=project,
        any_member_runs_rounds=scoring.boolean("any_member_runs_rounds"),
        show_names=scoring.boolean("show_names"),
    )
    library_keys: set[str] = set()
    for item in data.objects("marks"):
        _import_mark(project, item, people, library_keys)
    for item in data.objects("actions"):
        _import_action(project, item, people)


def _author(item: Reader, people: People, what: str):
    """The author of something that may be anonymous: an anonymous one names nobody."""
    anonymous = item.boolean("anonymous")
    author = people.user(item, "author")
    if anonymous and author is not None:
        raise BadFile(f"{item.path_of('author')}: an anonymous {what} can't have an author.")
    return author, anonymous


def _import_mark(project: Project, item: Reader, people: People, library_keys: set) -> None:
    ref = item.text("ref", blank=False)
    library_key = item.text("library_key", null=True, blank=False, limit=LIBRARY_KEY_LIMIT)
    if library_key is not None:
        if library_key in library_keys:
            raise BadFile(f'{item.path_of("library_key")}: "{library_key}" appears twice.')
        library_keys.add(library_key)
    history = [
        (entry, {"version": entry.integer("version", low=1)}) for entry in item.objects("history")
    ]
    unique_versions(history, "this mark's history")
    if people.has_object("mark", ref):
        raise BadFile(f'{item.path_of("ref")}: "{ref}" is used for two marks.')
    mark = Mark.objects.create(
        project=project,
        stage=item.choice("stage", Stage.values, what="stage"),
        position=item.integer("position"),
        hidden=item.boolean("hidden"),
        library_key=library_key or "",
        title=item.text("title", blank=False, limit=TITLE_LIMIT),
        explanation=item.text("explanation", limit=EXPLANATION_LIMIT),
        created_by=people.user(item, "created_by"),
        created_at=item.when("created_at"),
        version=max((fields["version"] for _e, fields in history), default=1),
    )
    people.set_object_ref("mark", mark.pk, ref, mark)
    MarkRevision.objects.bulk_create(
        MarkRevision(
            mark=mark,
            version=fields["version"],
            title=entry.text("title", blank=False, limit=TITLE_LIMIT),
            explanation=entry.text("explanation", limit=EXPLANATION_LIMIT),
            edited_by=people.user(entry, "edited_by"),
            edited_at=entry.when("edited_at"),
        )
        for entry, fields in history
    )
    for note_item in item.objects("notes"):
        _import_note(mark, note_item, people)
    in_progress = 0
    for round_item in item.objects("rounds"):
        status = round_item.choice("status", ScoringRound.Status.values, what="round status")
        in_progress += status != ScoringRound.Status.CLOSED
        if in_progress > 1:
            raise BadFile(
                f"{round_item.path}: a mark can have only one round that is not yet agreed."
            )
        _import_round(mark, round_item, people)


def _import_note(mark: Mark, item: Reader, people: People) -> None:
    author, anonymous = _author(item, people, "note")
    history = [
        (entry, {"version": entry.integer("version", low=1)}) for entry in item.objects("history")
    ]
    unique_versions(history, "this note's history")
    answer, answers = import_answer(item, people)
    note = Note.objects.create(
        mark=mark,
        kind=item.choice("kind", Note.Kind.values, what="kind of note"),
        text=item.text("text", blank=False, limit=NOTE_LIMIT),
        author=author,
        is_anonymous=anonymous,
        created_at=item.when("created_at"),
        version=max((fields["version"] for _e, fields in history), default=1),
        **answer,
        **import_trace(item, people, anonymous=anonymous),
    )
    save_history(NoteAnswer, "note", note, answers)
    NoteRevision.objects.bulk_create(
        NoteRevision(
            note=note,
            version=fields["version"],
            text=entry.text("text", blank=False, limit=NOTE_LIMIT),
            edited_at=entry.when("edited_at"),
        )
        for entry, fields in history
    )


def _import_round(mark: Mark, item: Reader, people: People) -> None:
    status = item.choice("status", ScoringRound.Status.values, what="round status")
    agreed = item.score("agreed_score", null=True)
    # Files from before rounds kept their own choice named scorers only when names showed.
    if "show_names" in item.data:
        show_names = item.boolean("show_names")
    else:
        show_names = any(
            isinstance(entry, dict) and entry.get("member")
            for entry in item.data.get("scores") or []
        )
    if status == ScoringRound.Status.CLOSED and agreed is None:
        raise BadFile(f"{item.path_of('agreed_score')}: a closed round needs its agreed score.")
    scoring_round = ScoringRound.objects.create(
        mark=mark,
        status=status,
        opened_by=people.user(item, "opened_by"),
        opened_at=item.when("opened_at"),
        revealed_at=item.when("revealed_at", null=True),
        closed_at=item.when("closed_at", null=True),
        agreed_value=agreed,
        agreed_note=item.text("agreed_note"),
        agreed_by=people.user(item, "agreed_by"),
        show_names=show_names,
    )
    if status == ScoringRound.Status.OPEN:
        if item.data.get("scores") is not None:
            raise BadFile(
                f"{item.path_of('scores')}: an open round's scores are private and can't be "
                "in the file."
            )
        return
    scorers = set()
    scores = []
    for entry in item.objects("scores"):
        member = people.user(entry, "member")
        if member is not None and not show_names:
            raise BadFile(
                f"{entry.path_of('member')}: this round doesn't show names, so its scores "
                "can't name anyone."
            )
        if member is not None:
            if member.pk in scorers:
                raise BadFile(f"{entry.path_of('member')}: this person scored twice in one round.")
            scorers.add(member.pk)
        trace = import_trace(entry, people) if member is not None else {}
        scores.append(
            Score(
                round=scoring_round,
                member=member,
                value=entry.score("value", null=True),
                **trace,
            )
        )
    Score.objects.bulk_create(scores)
    RoundParticipant.objects.bulk_create(
        RoundParticipant(round=scoring_round, member=s.member) for s in scores if s.member
    )


def _import_action(project: Project, item: Reader, people: People) -> None:
    everyone = item.boolean("everyone")
    owners = people.users(item, "owners")
    action = Action.objects.create(
        project=project,
        mark=people.object(item, "mark", "mark"),
        text=item.text("text", blank=False, limit=ACTION_TEXT_LIMIT),
        kind=item.choice("kind", Action.Kind.values, what="kind of action"),
        everyone=everyone,
        due=item.day("due", null=True),
        status=item.choice("status", Action.Status.values, what="action status"),
        created_by=people.user(item, "created_by"),
        created_at=item.when("created_at"),
        updated_at=item.when("updated_at"),
    )
    # "Everyone" is its own choice, as in the app: it has no named owners.
    action.owners.set([] if everyone else owners)
