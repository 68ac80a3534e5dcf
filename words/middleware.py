"""The gentle hint after a form that saved and moved on.

A plain form (no JavaScript) that saves redirects to the saved item, so the hint can't sit
beside the field any more: it comes as a message on the next page instead. Saving is
never held up. Forms sent back with errors, and htmx saves, show the hint beside the field
themselves (``templatetags/words.avoid_hint``).
"""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from projects.models import Membership

from .glossary import page_words
from .templatetags.words import hint_sentence

# What a form posts beside the words people write.
_NOT_WORDS = {"csrfmiddlewaretoken", "version", "kind", "colour", "place", "next"}


class AvoidHintMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.method == "POST"
            and response.status_code in (302, 303)
            and not getattr(request, "htmx", False)
            and request.user.is_authenticated
        ):
            self._hint(request)
        return response

    def _hint(self, request: HttpRequest) -> None:
        match = request.resolver_match
        if match is None or "project_id" not in match.kwargs or match.namespace == "words":
            return
        words = page_words(request)
        # Only a member hears the group's words (the view has let them in, but say so here).
        if not Membership.objects.filter(project_id=words.project_id, user=request.user).exists():
            return
        found = []
        for name, values in request.POST.lists():
            if name in _NOT_WORDS:
                continue
            for value in values:
                found += words.avoided(value)
        seen = set()
        for written, avoided in found:
            if avoided.word in seen:
                continue
            seen.add(avoided.word)
            messages.info(
                request,
                hint_sentence(written, avoided.instead)
                + " "
                + _("Your words were saved as written."),
            )
