"""Every message in the app has its Welsh, with every placeholder kept.

The first test extracts the messages from the code as it is now (makemessages, in a copy
of the source, so the working tree is never written to) and checks the Welsh catalogue
against them: a message added or changed without its Welsh fails here, naming it.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import allauth
import pytest
from django.conf import settings

from .po import plural_count, problems, read

ROOT = Path(settings.BASE_DIR)
OURS = ROOT / "locale" / "cy" / "LC_MESSAGES" / "django.po"
SIGN_IN = ROOT / "locale_allauth" / "cy" / "LC_MESSAGES" / "django.po"
# The allauth parts this app doesn't install: their words are never shown.
NOT_INSTALLED = ("socialaccount", "headless", "usersessions", "idp")
SKIP_WHEN_COPYING = {
    ".venv",
    ".vnu",
    ".git",
    "node_modules",
    "bench",
    "tests",
    "media",
    "staticfiles",
    "db.sqlite3",
}


def report(found: list[str]) -> str:
    return f"{len(found)} message(s) need their Welsh:\n" + "\n".join(found[:40])


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Path:
    """The Welsh catalogue as makemessages leaves it after reading today's code."""
    if not shutil.which("xgettext") or not shutil.which("msgmerge"):
        pytest.fail("These tests need GNU gettext (xgettext, msgmerge): install gettext.")
    copy = tmp_path_factory.mktemp("source") / "app"
    shutil.copytree(
        ROOT,
        copy,
        ignore=lambda folder, names: [
            n for n in names if n in SKIP_WHEN_COPYING or n.endswith(".mo")
        ],
    )
    env = {**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "coproduction.settings"}
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--locale",
            "cy",
            "--no-obsolete",
            "--ignore",
            "locale_allauth",
        ],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    return copy / "locale" / "cy" / "LC_MESSAGES" / "django.po"


def test_every_message_in_the_code_has_its_welsh(extracted):
    found = problems(read(extracted), plural_count(extracted))
    assert not found, report(found) + "\n(run makemessages -l cy and translate them)"


def test_the_committed_catalogue_is_the_extracted_one(extracted):
    """Nothing in the catalogue that the code no longer says, and nothing missing from it."""
    ours = {(e.msgctxt, e.msgid) for e in read(OURS)}
    fresh = {(e.msgctxt, e.msgid) for e in read(extracted)}
    assert not (fresh - ours), f"not in locale/cy yet: {sorted(fresh - ours)[:10]}"
    assert not (ours - fresh), f"no longer in the code: {sorted(ours - fresh)[:10]}"


def test_the_welsh_catalogue_has_six_plural_forms():
    for path in (OURS, SIGN_IN):
        assert plural_count(path) == 6, path


def test_every_sign_in_message_we_show_has_its_welsh():
    """allauth's own words, for the parts of it this app uses."""
    english = Path(allauth.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "django.po"
    shown = {
        (e.msgctxt, e.msgid)
        for e in read(english)
        if e.references
        and not all(any(part in ref for part in NOT_INSTALLED) for ref in e.references)
    }
    welsh = read(SIGN_IN)
    have = {(e.msgctxt, e.msgid) for e in welsh}
    missing = sorted(shown - have, key=str)
    assert not missing, f"{len(missing)} allauth message(s) have no Welsh: {missing[:10]}"
    found = problems(welsh, plural_count(SIGN_IN))
    assert not found, report(found)


def test_a_lost_placeholder_is_found(tmp_path):
    """The check itself: a translation that drops or adds a placeholder is reported."""
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=6; plural=0;\\n"\n\n'
        '#: a.py:1\nmsgid "Hello %(name)s"\nmsgstr "Helo"\n\n'
        '#: a.py:2\nmsgid "Read <a href=\\"%(url)s\\">this</a>"\nmsgstr "Darllenwch hwn"\n\n'
        '#: a.py:3\nmsgid "Fine %(x)s"\nmsgstr "Iawn %(x)s"\n\n'
        '#: a.py:4\nmsgid "Empty"\nmsgstr ""\n\n'
        '#: a.py:5\nmsgid "%(n)s day"\nmsgid_plural "%(n)s days"\n'
        'msgstr[0] "%(n)s diwrnod"\nmsgstr[1] "%(n)s diwrnod"\n',
        encoding="utf-8",
    )
    found = problems(read(po), 6)
    assert len(found) == 4
    assert any("Hello" in line and "placeholders" in line for line in found)
    assert any("Read" in line and "placeholders" in line for line in found)
    assert any("Empty" in line and "no translation" in line for line in found)
    assert any("2 of 6 plural forms" in line for line in found)
