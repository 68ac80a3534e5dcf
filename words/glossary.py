"""Finding the group's words in its own writing.

``PageWords`` is made once per request (by the context processor) and holds the
project's glossary, compiled into one regular expression, and the words it would rather
not use. The compiled glossary is kept between requests, so a page with hundreds of notes
costs one query for the words and none per note; it is built again only after the group
changes its words.

Marking is done on the escaped text: the text is escaped first, then the terms are
wrapped in links, so nothing a person writes can add markup. Entities the escaping made
(``&amp;``, ``&#x27;``) are passed over whole, so a term is never found inside one.
"""

import json
import re
import threading
from dataclasses import dataclass, field

from django.db.models import IntegerField, Value
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .models import AvoidWord, Term

# Letters, digits or underscore on either side mean the term is part of a longer word.
_BEFORE = r"(?<!\w)"
_AFTER = r"(?!\w)"
# A simple plural or possessive still counts: "stakeholders", "the facilitator's".
_ENDING = r"(?:&\#x27;s|’s|s|es)?"
_RAW_ENDING = r"(?:'s|’s|s|es)?"
# What must be escaped in a browser's regular expression (in its stricter "u" mode).
_JS_SPECIAL = re.compile(r"[.*+?^${}()|[\]\\/]")


def _pattern(phrase: str, *, escaped: bool) -> str:
    # Any run of spaces or line breaks between the words of a phrase counts as one space.
    parts = phrase.split()
    return r"\s+".join(re.escape(escape(p) if escaped else p) for p in parts)


def _key(text: str) -> str:
    return " ".join(text.split()).lower()


@dataclass(frozen=True)
class Entry:
    pk: int
    term: str
    meaning: str


@dataclass(frozen=True)
class Avoided:
    word: str
    instead: str


@dataclass
class Compiled:
    """One project's words, ready to find in text."""

    terms: dict[str, Entry] = field(default_factory=dict)
    regex: re.Pattern | None = None
    avoid: dict[str, Avoided] = field(default_factory=dict)
    avoid_regex: re.Pattern | None = None

    @classmethod
    def build(cls, terms: list[Entry], avoid: list[Avoided]) -> "Compiled":
        compiled = cls()
        # Longest first, so "lived experience" wins over "experience" where both fit.
        terms = sorted(terms, key=lambda e: len(e.term), reverse=True)
        compiled.terms = {_key(escape(e.term)): e for e in terms}
        if terms:
            alternatives = "|".join(_pattern(e.term, escaped=True) for e in terms)
            compiled.regex = re.compile(
                rf"(?P<entity>&\#?\w+;)|{_BEFORE}(?P<term>{alternatives}){_ENDING}{_AFTER}",
                re.IGNORECASE,
            )
        avoid = sorted(avoid, key=lambda a: len(a.word), reverse=True)
        compiled.avoid = {_key(a.word): a for a in avoid}
        if avoid:
            alternatives = "|".join(_pattern(a.word, escaped=False) for a in avoid)
            compiled.avoid_regex = re.compile(
                rf"{_BEFORE}(?P<word>{alternatives}){_RAW_ENDING}{_AFTER}", re.IGNORECASE
            )
        return compiled


# project id -> (the words it was built from, compiled). Bounded, so a server with many
# projects stays small.
_CACHE: dict[int, tuple[tuple, Compiled]] = {}
_CACHE_SIZE = 500
_LOCK = threading.Lock()


def compiled_for(project_id: int) -> Compiled:
    """The project's compiled words, in one query however often it is asked.

    The rows themselves are the glossary's revision: the regular expressions are built
    again only when they differ from the ones the cache was built from, so every request
    costs the same one query, whether this process has seen the project before or not.
    """
    # The models' own ordering can't apply to a union: the rows are sorted here instead.
    terms = (
        Term.objects.filter(project_id=project_id)
        .order_by()
        .values_list("pk", "term", "meaning", Value(1, output_field=IntegerField()))
    )
    avoid = (
        AvoidWord.objects.filter(project_id=project_id)
        .order_by()
        .values_list("pk", "word", "instead", Value(0, output_field=IntegerField()))
    )
    rows = tuple(sorted(terms.union(avoid, all=True).order_by()))
    cached = _CACHE.get(project_id)
    if cached is not None and cached[0] == rows:
        return cached[1]
    compiled = Compiled.build(
        [Entry(pk, term, meaning) for pk, term, meaning, is_term in rows if is_term],
        [Avoided(word, instead) for _pk, word, instead, is_term in rows if not is_term],
    )
    with _LOCK:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
        _CACHE[project_id] = (rows, compiled)
    return compiled


class PageWords:
    """The words of one project for one request, and the terms the page has marked so far.

    Nothing is read until a text is marked or checked, so a page that shows no group
    text costs nothing.
    """

    def __init__(self, project_id: int | None, *, fragment: bool = False) -> None:
        self.project_id = project_id
        # A fragment swapped into a page has no list of words at its end: its terms link to
        # the "Our words" page instead.
        self.fragment = fragment
        self._compiled: Compiled | None = None
        self._used: dict[int, Entry] = {}

    @property
    def compiled(self) -> Compiled:
        if self._compiled is None:
            self._compiled = (
                compiled_for(self.project_id) if self.project_id is not None else Compiled()
            )
        return self._compiled

    @property
    def used(self) -> list[Entry]:
        """The terms marked on this page so far, in the order they first appeared."""
        return list(self._used.values())

    @property
    def page_url(self) -> str:
        return reverse("words:words", args=[self.project_id]) if self.project_id else ""

    def mark(self, text: str) -> SafeString:
        """The text escaped, with the first use of each glossary term linked to its meaning."""
        escaped = escape(text)
        regex = self.compiled.regex if self.project_id is not None else None
        if regex is None:
            return escaped
        marked_here: set[int] = set()

        def wrap(match: re.Match) -> str:
            if match.group("entity"):
                return match.group(0)
            entry = self.compiled.terms.get(_key(match.group("term")))
            # Once per text is enough to find the meaning; more would be noise.
            if entry is None or entry.pk in marked_here:
                return match.group(0)
            marked_here.add(entry.pk)
            return self._link(entry, match.group(0))

        # Safe: the text was escaped first, and wrap only adds links built by format_html.
        return mark_safe(regex.sub(wrap, escaped))

    def _link(self, entry: Entry, shown: str) -> str:
        # Safe: ``shown`` is a piece of the text ``mark`` escaped, matched whole words only and
        # never inside an entity, so marking it again would escape it twice.
        shown = mark_safe(shown)
        if self.fragment:
            return format_html(
                '<a class="term" href="{}#term-{}">{}</a>', self.page_url, entry.pk, shown
            )
        first = entry.pk not in self._used
        self._used.setdefault(entry.pk, entry)
        return format_html(
            '<a class="term" href="#term-{pk}"{id} aria-describedby="term-{pk}-meaning">{shown}</a>',
            pk=entry.pk,
            # The first use on the page is where the list's "back" link returns to.
            id=format_html(' id="term-{}-use"', entry.pk) if first else "",
            shown=shown,
        )

    def avoided(self, text: str) -> list[tuple[str, Avoided]]:
        """Each word to avoid in the text, once, as written there, with the group's word."""
        regex = self.compiled.avoid_regex if self.project_id is not None else None
        if regex is None or not text:
            return []
        found: dict[str, tuple[str, Avoided]] = {}
        for match in regex.finditer(text):
            avoided = self.compiled.avoid.get(_key(match.group("word")))
            if avoided is not None:
                found.setdefault(_key(avoided.word), (match.group(0), avoided))
        return list(found.values())

    def avoid_json(self) -> str:
        """The words to avoid, for the script that hints while someone types."""
        if self.project_id is None:
            return "{}"
        return json.dumps({key: a.instead for key, a in self.compiled.avoid.items()})

    def avoid_json_attribute(self) -> SafeString:
        """``avoid_json`` for a single-quoted attribute: only what could end or break it is
        escaped, so the page stays small (its quotes needn't become ``&quot;``)."""
        text = self.avoid_json()
        for char, entity in (("&", "&amp;"), ("'", "&#x27;"), ("<", "&lt;"), (">", "&gt;")):
            text = text.replace(char, entity)
        # Safe: every character that could end the single-quoted attribute or open markup was
        # replaced just above; the rest is JSON from json.dumps.
        return mark_safe(text)

    def avoid_pattern(self) -> str:
        """The same search as ``avoided``, written for the browser's regular expressions."""
        if self.project_id is None or not self.compiled.avoid:
            return ""
        words = sorted(self.compiled.avoid.values(), key=lambda a: len(a.word), reverse=True)
        alternatives = "|".join(
            r"\s+".join(_JS_SPECIAL.sub(r"\\\g<0>", part) for part in a.word.split()) for a in words
        )
        edge = r"[\p{L}\p{N}_]"
        return rf"(?<!{edge})({alternatives})(?:'s|’s|s|es)?(?!{edge})"


def page_words(request: HttpRequest) -> PageWords:
    """The request's one ``PageWords``: for the project in the URL, or an empty one."""
    found = getattr(request, "_page_words", None)
    if found is None:
        match = getattr(request, "resolver_match", None)
        project_id = match.kwargs.get("project_id") if match is not None else None
        found = PageWords(project_id, fragment=bool(getattr(request, "htmx", False)))
        request._page_words = found
    return found
