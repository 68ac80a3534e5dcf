"""A small reader of gettext .po files, enough for the translation tests."""

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

FIELD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) (".*")$')
# What a translation must keep: Python's %-placeholders, str.format's, and markup.
PLACEHOLDER = re.compile(
    r"%\([A-Za-z_][A-Za-z0-9_]*\)[sdif]|%[sdif]|\{[A-Za-z_0-9]*\}|</?[A-Za-z][^>]*>"
)


@dataclass
class Entry:
    msgid: str
    msgctxt: str | None = None
    msgid_plural: str | None = None
    translations: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    references: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        where = self.references[0] if self.references else "?"
        return f"{self.msgid[:60]!r} ({where})"


def read(path: Path) -> list[Entry]:
    """Every entry but the header; obsolete (#~) entries are left out."""
    entries = []
    for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
        values: dict[str, str] = {}
        flags: set[str] = set()
        references: list[str] = []
        current = None
        for line in block.splitlines():
            if line.startswith("#,"):
                flags |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#:"):
                references += line[2:].split()
            elif line.startswith("#"):
                continue
            elif match := FIELD.match(line):
                current = match.group(1)
                values[current] = ast.literal_eval(match.group(2))
            elif line.startswith('"') and current:
                values[current] += ast.literal_eval(line)
        if "msgid" not in values or values["msgid"] == "":
            continue
        translations = [v for k, v in sorted(values.items()) if k.startswith("msgstr")]
        entries.append(
            Entry(
                msgid=values["msgid"],
                msgctxt=values.get("msgctxt"),
                msgid_plural=values.get("msgid_plural"),
                translations=translations,
                flags=flags,
                references=references,
            )
        )
    return entries


def plural_count(path: Path) -> int:
    header = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    return int(re.search(r"nplurals=(\d+)", header).group(1))


def problems(entries: list[Entry], nplurals: int) -> list[str]:
    """Untranslated, unsure (fuzzy), missing plural forms, or a placeholder lost or added."""
    found = []
    for entry in entries:
        if "fuzzy" in entry.flags:
            found.append(f"not checked yet (fuzzy): {entry.label}")
            continue
        if not entry.translations or any(not text.strip() for text in entry.translations):
            found.append(f"no translation: {entry.label}")
            continue
        if entry.msgid_plural is not None and len(entry.translations) != nplurals:
            found.append(f"{len(entry.translations)} of {nplurals} plural forms: {entry.label}")
        wanted = sorted(PLACEHOLDER.findall(entry.msgid))
        wanted_plural = sorted(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        for index, text in enumerate(entry.translations):
            got = sorted(PLACEHOLDER.findall(text))
            if entry.msgid_plural is None:
                ok = got == wanted
            else:
                # The plural form's placeholders; a form may leave out the count itself
                # ("the one agreed score"), as the English singular can.
                ok = got == wanted_plural or (set(got) <= set(wanted_plural + wanted))
            if not ok:
                found.append(f"placeholders differ in form {index}: {entry.label} {wanted} {got}")
                break
    return found
