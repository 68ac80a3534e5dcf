"""``terms``: the words of the project in the URL, for the ``glossary`` filter.

Pages reach it only after ``projects.access`` has let the person in; nothing is read
until a template marks or checks some text.
"""

from django.http import HttpRequest

from .glossary import page_words


def words(request: HttpRequest) -> dict:
    return {"terms": page_words(request)}
