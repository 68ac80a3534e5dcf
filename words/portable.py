"""The group's words in the whole-project file: the glossary, with its history, and the words
it would rather not use.

They go in the "projects" section (as "glossary" and "words_to_avoid"), so files written
before the glossary existed still import: their project simply has no words.
"""

from django.db.models import Prefetch

from projects.models import Project
from projects.parts import BadFile, People, Reader, iso, unique_versions

from .models import INSTEAD_LIMIT, MEANING_LIMIT, TERM_LIMIT, AvoidWord, Term, TermRevision


def export(project: Project, people: People) -> dict:
    terms = Term.objects.filter(project=project).prefetch_related(
        Prefetch("revisions", TermRevision.objects.order_by("version"))
    )
    return {
        "glossary": [
            {
                "term": t.term,
                "meaning": t.meaning,
                "added_by": people.ref(t.created_by_id),
                "created_at": iso(t.created_at),
                "history": [
                    {
                        "version": r.version,
                        "term": r.term,
                        "meaning": r.meaning,
                        "edited_by": people.ref(r.edited_by_id),
                        "edited_at": iso(r.edited_at),
                    }
                    for r in t.revisions.all()
                ],
            }
            for t in terms
        ],
        "words_to_avoid": [
            {"word": a.word, "instead": a.instead, "added_by": people.ref(a.created_by_id)}
            for a in AvoidWord.objects.filter(project=project)
        ],
    }


def import_(project: Project, data: Reader, people: People) -> None:
    seen: set[str] = set()
    for item in data.objects("glossary") if "glossary" in data.data else []:
        term = item.text("term", blank=False, limit=TERM_LIMIT)
        if term.lower() in seen:
            raise BadFile(f'{item.path_of("term")}: "{term}" is in the glossary twice.')
        seen.add(term.lower())
        history = [
            (entry, {"version": entry.integer("version", low=1)})
            for entry in item.objects("history")
        ]
        unique_versions(history, "this term's history")
        created = Term.objects.create(
            project=project,
            term=term,
            meaning=item.text("meaning", blank=False, limit=MEANING_LIMIT),
            created_by=people.user(item, "added_by"),
            created_at=item.when("created_at"),
            version=max((fields["version"] for _e, fields in history), default=1),
        )
        TermRevision.objects.bulk_create(
            TermRevision(
                term_item=created,
                version=fields["version"],
                term=entry.text("term", blank=False, limit=TERM_LIMIT),
                meaning=entry.text("meaning", blank=False, limit=MEANING_LIMIT),
                edited_by=people.user(entry, "edited_by"),
                edited_at=entry.when("edited_at"),
            )
            for entry, fields in history
        )
    seen = set()
    for item in data.objects("words_to_avoid") if "words_to_avoid" in data.data else []:
        word = item.text("word", blank=False, limit=TERM_LIMIT)
        if word.lower() in seen:
            raise BadFile(f'{item.path_of("word")}: "{word}" is on the list twice.')
        seen.add(word.lower())
        AvoidWord.objects.create(
            project=project,
            word=word,
            instead=item.text("instead", blank=False, limit=INSTEAD_LIMIT),
            created_by=people.user(item, "added_by"),
        )
