from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

# Each language is offered in its own words, so someone who can't read the page's
# language still finds theirs. Not translated, on purpose.
OWN_NAMES = {"en-gb": "English", "cy": "Cymraeg"}


def languages(request: HttpRequest) -> dict:
    """The languages the header offers: every one but the page's own."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    offered = [
        {"code": code, "name": OWN_NAMES.get(code, code), "html_lang": code.split("-")[0]}
        for code, _name in settings.LANGUAGES
        if code.split("-")[0] != current.split("-")[0]
    ]
    return {"other_languages": offered}
