"""The two fields in the whole-project file, for each kind of words that carries them.

Files from before words could be added for someone have neither key: their words are
then the author's own, as they were.
"""

from projects.parts import BadFile, People, Reader

from .models import VIA_VALUES


def export_trace(item, people: People) -> dict:
    """Both keys for words someone added for their author; none for one's own words."""
    if not item.given_via:
        return {}
    return {"given_via": item.given_via, "added_by": people.ref(item.added_by_id)}


def import_trace(reader: Reader, people: People, *, anonymous: bool = False) -> dict:
    """The model fields for one item; a ``BadFile`` for anonymous words added for someone."""
    if reader.data.get("given_via") is None:
        return {}
    given_via = reader.choice("given_via", VIA_VALUES, what="way the words reached someone")
    if anonymous:
        raise BadFile(
            f"{reader.path_of('given_via')}: anonymous words can't have been added for someone."
        )
    added_by = people.user(reader, "added_by") if "added_by" in reader.data else None
    return {"given_via": given_via, "added_by": added_by}
