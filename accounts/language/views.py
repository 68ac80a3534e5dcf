from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from .forms import LanguageForm


def _back(request: HttpRequest) -> str:
    back = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        return back
    return ""


@require_http_methods(["GET", "HEAD", "POST"])
def choose(request: HttpRequest) -> HttpResponse:
    """Choose the language of the pages (and, when signed in, of the emails we send).

    Open to everyone, signed in or not: the header's button posts here, and this page is
    also the plain list of languages.
    """
    current = translation.get_language()
    form = LanguageForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        code = form.cleaned_data["language"]
        if request.user.is_authenticated:
            request.user.save_language(code)
        response = redirect(_back(request) or "home")
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        )
        return response
    if not form.is_bound:
        form = LanguageForm(initial={"language": _matching(current)})
    return render(
        request,
        "accounts/language/choose.html",
        {"form": form, "next": _back(request)},
        status=400 if form.is_bound else 200,
    )


def _matching(code: str) -> str:
    """The listed language that the active one belongs to ("en" for "en-gb" and so on)."""
    codes = dict(settings.LANGUAGES)
    if code in codes:
        return code
    return next((c for c in codes if c.split("-")[0] == code.split("-")[0]), "")
