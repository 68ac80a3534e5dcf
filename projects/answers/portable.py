"""The group's answer to an idea in the whole-project file, for each app's part to use.

Each idea says ``"answer": null`` when it has none; otherwise the answer, its reason, who
recorded it and when, and its earlier answers. A file from before answers has no ``answer``
key at all, and imports as ideas with no answer yet. The action an answer made is in the
file's action plan; the link between them is not kept.
"""

from ..parts import BadFile, People, Reader, iso
from .models import ANSWER_REASON_LIMIT, Reply


def export_answer(item, people: People) -> dict | None:
    """Needs the idea's ``answer_revisions`` (prefetched, in version order)."""
    if not item.answer:
        return None
    return {
        "answer": item.answer,
        "reason": item.answer_reason,
        "by": people.ref(item.answered_by_id),
        "at": iso(item.answered_at),
        "history": [
            {
                "version": r.version,
                "answer": r.answer,
                "reason": r.reason,
                "by": people.ref(r.answered_by_id),
                "at": iso(r.created_at),
            }
            for r in item.answer_revisions.all()
        ],
    }


def _one(reader: Reader, people: People, who: str) -> dict:
    answer = reader.choice("answer", Reply.values, what="answer")
    reason = reader.text("reason", limit=ANSWER_REASON_LIMIT)
    if answer == Reply.NOT_NOW and not reason.strip():
        raise BadFile(f"{reader.path_of('reason')}: “not this time” needs a reason.")
    return {"answer": answer, "reason": reason, "by": people.user(reader, who)}


def import_answer(item: Reader, people: People) -> tuple[dict, list[dict]]:
    """The idea's answer fields for ``create``, and its history rows to save after."""
    if item.data.get("answer") is None:
        return {}, []
    reader = item.object("answer")
    now = _one(reader, people, "by")
    history = []
    seen = set()
    for entry in reader.objects("history"):
        version = entry.integer("version", low=1)
        if version in seen:
            raise BadFile(f"{entry.path_of('version')}: two answers with the same number.")
        seen.add(version)
        one = _one(entry, people, "by")
        history.append(
            {
                "version": version,
                "answer": one["answer"],
                "reason": one["reason"],
                "answered_by": one["by"],
                "created_at": entry.when("at"),
            }
        )
    fields = {
        "answer": now["answer"],
        "answer_reason": now["reason"],
        "answered_by": now["by"],
        "answered_at": reader.when("at"),
        "answer_version": max((h["version"] for h in history), default=1),
    }
    return fields, history


def save_history(model, field: str, item, history: list[dict]) -> None:
    model.objects.bulk_create(model(**{field: item}, **row) for row in history)
