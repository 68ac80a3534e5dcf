"""Checks for the one-line words other people see: names and titles.

They live at the bottom of the stack so every app's forms can use them.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Control and format characters (Unicode Cc and Cf, which include the invisible ones
# such as zero-width spaces and direction marks), and the line and paragraph separators.
# Any of them in a name makes it break a line, hide a part of itself or pass for another.
HIDDEN_CATEGORIES = {"Cc", "Cf", "Zl", "Zp"}

# What the app writes in place of a name. A person called one of these would look like
# an anonymous writer, a deleted account or an unknown actor.
APP_WORDS = [
    gettext_lazy("Anonymous"),
    gettext_lazy("A former member"),
    gettext_lazy("Someone"),
]
ENGLISH_APP_WORDS = ["anonymous", "a former member", "former member", "someone"]


def one_line(value: str) -> None:
    """Refuse line breaks, control characters and invisible ones."""
    if any(unicodedata.category(character) in HIDDEN_CATEGORIES for character in value):
        raise ValidationError(
            _("Write this on one line, without line breaks or hidden characters."),
            code="not_one_line",
        )


def _plain(value: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", value).split()).casefold().strip(".")


def not_app_words(value: str) -> None:
    """Refuse a name the app itself shows in place of a name, in English or translated."""
    words = set(ENGLISH_APP_WORDS) | {_plain(str(word)) for word in APP_WORDS}
    if _plain(value) in words:
        raise ValidationError(
            _("“%(name)s” is what the app shows when it doesn't give a name. Choose another name.")
            % {"name": value.strip()},
            code="app_words",
        )
