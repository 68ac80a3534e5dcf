"""Checks on the mark library: the content every new project starts from.

Plain pytest, no database: the library is data in code, reviewed like code.
"""

import re
from pathlib import Path

import pytest
from django.utils.functional import Promise

from marks.library import LIBRARY, LibraryMark
from marks.models import EXPLANATION_LIMIT, NOTE_LIMIT, TITLE_LIMIT
from projects.stages import Stage

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = PROJECT_ROOT.parent / "shared" / "seeds"

MIN_MARKS_PER_STAGE = 6
FIRST_PLANNING_TITLE = "Starting positively: bringing together co-producers"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEY_LIMIT = 80  # Mark.library_key's max_length
# Words DESIGN.md asks the app's text to avoid, matched as whole words in any case.
WORDS_TO_AVOID = re.compile(r"\b(?:stakeholders?|users?|interviews?)\b", re.IGNORECASE)
# A sentence ends at . ! or ? (repeats count once), perhaps followed by a closing
# quote or bracket, then a space or the end of the text.
SENTENCE_END = re.compile(r"[.!?]+[\"'\u2019\u201d)\]]*(?=\s|$)")
COPIED_RUN = 12  # this many words in a row, word for word from a seed, counts as copying


def sentence_count(text: str) -> int:
    return len(SENTENCE_END.findall(text.strip()))


def words(text: str) -> list[str]:
    """Lower-case words, with curly apostrophes made straight, ignoring punctuation."""
    return re.findall(r"[a-z0-9]+(?:'[a-z0-9]+)*", str(text).lower().replace("\u2019", "'"))


def runs(word_list: list[str], n: int = COPIED_RUN) -> set[tuple[str, ...]]:
    return {tuple(word_list[i : i + n]) for i in range(len(word_list) - n + 1)}


def label(mark: LibraryMark) -> str:
    return f"{mark.key} ({mark.stage.label})"


def all_texts(mark: LibraryMark) -> list[tuple[str, Promise]]:
    return (
        [("title", mark.title), ("explanation", mark.explanation)]
        + [("ladder", text) for text in mark.ladders]
        + [("snake", text) for text in mark.snakes]
    )


# -- helpers check themselves -------------------------------------------------


def test_sentence_count_counts_sentences_sensibly():
    assert sentence_count("One. Two? Three!") == 3
    assert sentence_count("Wait... really?! Yes.") == 3
    assert sentence_count("They called it a 'conversation'. Then it worked.") == 2
    assert sentence_count("Co-producers meet on 1.5 days a week.") == 1
    assert sentence_count("") == 0


def test_words_to_avoid_match_whole_words_only():
    assert WORDS_TO_AVOID.search("Ask every User.")
    assert WORDS_TO_AVOID.search("service-users and others")
    assert WORDS_TO_AVOID.search("an Interview")
    assert WORDS_TO_AVOID.search("key stakeholders")
    assert not WORDS_TO_AVOID.search("a useful meeting")


# -- shape ----------------------------------------------------------------------


def test_library_is_made_of_library_marks():
    assert LIBRARY
    for mark in LIBRARY:
        assert isinstance(mark, LibraryMark)
        assert mark.stage in Stage


@pytest.mark.parametrize("stage", list(Stage), ids=lambda s: s.value)
def test_every_stage_has_at_least_six_marks(stage):
    count = sum(1 for mark in LIBRARY if mark.stage == stage)
    assert count >= MIN_MARKS_PER_STAGE, (
        f"{stage.label} has {count} marks; it needs at least {MIN_MARKS_PER_STAGE}."
    )


def test_first_planning_mark_is_starting_positively():
    planning = [mark for mark in LIBRARY if mark.stage == Stage.PLANNING]
    assert str(planning[0].title) == FIRST_PLANNING_TITLE


def test_stages_appear_in_their_usual_order():
    order = list(Stage)
    positions = [order.index(mark.stage) for mark in LIBRARY]
    assert positions == sorted(positions), "Keep each stage's marks together, stage by stage."


def test_keys_are_unique_slugs():
    keys = [mark.key for mark in LIBRARY]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    assert not duplicates, f"Keys used more than once: {duplicates}"
    for key in keys:
        assert isinstance(key, str)
        assert SLUG.match(key), f"{key!r} is not a slug (lower-case words joined by hyphens)."
        assert len(key) <= KEY_LIMIT


def test_titles_are_unique_within_a_stage():
    seen: set[tuple[Stage, str]] = set()
    for mark in LIBRARY:
        pair = (mark.stage, str(mark.title))
        assert pair not in seen, f"{label(mark)}: title used twice in one stage."
        seen.add(pair)


def test_every_text_is_translatable():
    for mark in LIBRARY:
        for kind, text in all_texts(mark):
            assert isinstance(text, Promise), f"{label(mark)}: wrap the {kind} in _()."


def test_texts_fit_the_fields_they_are_copied_into():
    for mark in LIBRARY:
        assert 0 < len(str(mark.title)) <= TITLE_LIMIT, label(mark)
        assert len(str(mark.explanation)) <= EXPLANATION_LIMIT, label(mark)
        for text in [*mark.ladders, *mark.snakes]:
            assert 0 < len(str(text)) <= NOTE_LIMIT, label(mark)


# -- content --------------------------------------------------------------------


def test_every_explanation_has_three_to_six_sentences():
    for mark in LIBRARY:
        explanation = str(mark.explanation).strip()
        assert explanation, f"{label(mark)} has no explanation."
        count = sentence_count(explanation)
        assert 3 <= count <= 6, f"{label(mark)}: explanation has {count} sentences, not 3-6."
        assert SENTENCE_END.search(explanation[-3:]), f"{label(mark)}: end on a full stop."


def test_every_mark_has_an_example_snake_or_ladder():
    for mark in LIBRARY:
        assert mark.ladders or mark.snakes, f"{label(mark)} has no example snake or ladder."
        assert len(mark.ladders) <= 3, f"{label(mark)}: at most three example ladders."
        assert len(mark.snakes) <= 3, f"{label(mark)}: at most three example snakes."


def test_every_example_is_one_sentence():
    for mark in LIBRARY:
        for text in [*mark.ladders, *mark.snakes]:
            assert sentence_count(str(text)) == 1, f"{label(mark)}: {text!s}"


def test_no_text_uses_words_to_avoid():
    found = []
    for mark in LIBRARY:
        for kind, text in all_texts(mark):
            match = WORDS_TO_AVOID.search(str(text))
            if match:
                found.append(f"{label(mark)} {kind}: {match.group(0)!r}")
    assert not found, "Say co-producer, member or conversation instead:\n" + "\n".join(found)


def test_no_explanation_copies_a_long_run_of_words_from_the_seeds():
    seed_files = sorted(SEEDS_DIR.glob("*.txt")) if SEEDS_DIR.is_dir() else []
    if not seed_files:
        pytest.skip(f"Seed documents not found at {SEEDS_DIR}, so copying can't be checked.")
    seed_runs: set[tuple[str, ...]] = set()
    for path in seed_files:
        seed_runs |= runs(words(path.read_text(encoding="utf-8")))
    copied = []
    for mark in LIBRARY:
        for kind, text in all_texts(mark)[1:]:  # headings may be kept; check the rest
            for run in sorted(runs(words(text)) & seed_runs):
                copied.append(f"{label(mark)} {kind}: {' '.join(run)!r}")
    assert not copied, (
        f"Runs of {COPIED_RUN}+ words copied from a seed; put them in our own words:\n"
        + "\n".join(copied)
    )
