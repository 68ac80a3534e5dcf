"""Every change to a project's words: the glossary and the words it would rather not use.

Each change is one transaction that also writes an activity line (and bumps the
revision live pages poll).
"""

from django.db import IntegrityError, transaction
from django.db.models.functions import Lower

from accounts.models import User
from projects.activity import record_activity
from projects.models import Project
from projects.shared_words.services import words_save

from .models import AvoidWord, Term, TermRevision
from .starters import COMMON_TERMS, WORDS_TO_AVOID


class AlreadyThere(Exception):
    """The project already has this word (in any mix of capitals)."""


def _record(project: Project, actor: User | None, kind: str, detail: str) -> None:
    record_activity(project=project, actor=actor, kind=kind, detail=detail)


def _unique(make):
    # The database has the last word on "already in the glossary", even for two people
    # adding the same term at the same moment.
    try:
        with transaction.atomic():
            return make()
    except IntegrityError:
        raise AlreadyThere from None


@transaction.atomic
def term_add(*, project: Project, author: User, term: str, meaning: str) -> Term:
    item = _unique(
        lambda: Term.objects.create(project=project, term=term, meaning=meaning, created_by=author)
    )
    TermRevision.objects.create(
        term_item=item, version=1, term=term, meaning=meaning, edited_by=author
    )
    _record(project, author, "term_added", term)
    return item


@transaction.atomic
def term_edit(*, item: Term, editor: User, base_version: int, term: str, meaning: str) -> Term:
    project = item.project
    return _unique(
        lambda: words_save(
            item=item,
            base_version=base_version,
            changes={"term": term, "meaning": meaning},
            project=project,
            actor=editor,
            kind="term_edited",
            detail=term,
            record=lambda **kwargs: _record(
                kwargs["project"], kwargs["actor"], kwargs["kind"], kwargs["detail"]
            ),
        )
    )


@transaction.atomic
def term_remove(*, item: Term, actor: User) -> None:
    item.delete()
    _record(item.project, actor, "term_removed", item.term)


@transaction.atomic
def avoid_add(*, project: Project, author: User, word: str, instead: str) -> AvoidWord:
    item = _unique(
        lambda: AvoidWord.objects.create(
            project=project, word=word, instead=instead, created_by=author
        )
    )
    _record(project, author, "avoid_added", word)
    return item


@transaction.atomic
def avoid_edit(
    *, item: AvoidWord, editor: User, base_version: int, word: str, instead: str
) -> AvoidWord:
    project = item.project
    return _unique(
        lambda: words_save(
            item=item,
            base_version=base_version,
            changes={"word": word, "instead": instead},
            project=project,
            actor=editor,
            kind="avoid_edited",
            detail=word,
            record=lambda **kwargs: _record(
                kwargs["project"], kwargs["actor"], kwargs["kind"], kwargs["detail"]
            ),
        )
    )


@transaction.atomic
def avoid_remove(*, item: AvoidWord, actor: User) -> None:
    item.delete()
    _record(item.project, actor, "avoid_removed", item.word)


def missing_starters(project: Project) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The common terms and suggested words to avoid that the project hasn't got yet."""
    terms = set(Term.objects.filter(project=project).values_list(Lower("term"), flat=True))
    avoid = set(AvoidWord.objects.filter(project=project).values_list(Lower("word"), flat=True))
    return (
        [(str(t), str(m)) for t, m in COMMON_TERMS if str(t).lower() not in terms],
        [(str(w), str(i)) for w, i in WORDS_TO_AVOID if str(w).lower() not in avoid],
    )


@transaction.atomic
def starters_add(
    *, project: Project, actor: User | None, terms: bool, avoid: bool, record: bool = True
) -> int:
    """Add the common terms and/or suggested words to avoid that the project hasn't got.

    Returns how many were added. ``record=False`` for a new project, whose one activity
    line says it was created.
    """
    new_terms, new_avoid = missing_starters(project)
    added = 0
    if terms:
        created = Term.objects.bulk_create(
            Term(project=project, term=t, meaning=m, created_by=actor) for t, m in new_terms
        )
        # bulk_create gives ids back on SQLite and PostgreSQL alike, so history can start.
        TermRevision.objects.bulk_create(
            TermRevision(
                term_item=item, version=1, term=item.term, meaning=item.meaning, edited_by=actor
            )
            for item in created
        )
        added += len(created)
    if avoid:
        added += len(
            AvoidWord.objects.bulk_create(
                AvoidWord(project=project, word=w, instead=i, created_by=actor)
                for w, i in new_avoid
            )
        )
    if record and added:
        _record(project, actor, "words_started", "")
    return added
