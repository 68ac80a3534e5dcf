"""Which language a person sees, and the language each person's emails are written in.

A choice made in the header or in "Your account" is kept on the account (so it follows the
person to every device and into their emails) and in a cookie (so it stays after signing
out). With no choice, the browser's own languages decide, as Django's LocaleMiddleware does.
"""

from contextlib import contextmanager

from django.conf import settings
from django.utils import translation


def language_of(user) -> str:
    """The language to write to this person in: theirs, or the site's own."""
    code = getattr(user, "language", "") or ""
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


@contextmanager
def speaking_to(user):
    """Everything made inside (an email's subject and body) is in this person's language."""
    with translation.override(language_of(user)):
        yield
