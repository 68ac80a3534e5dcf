"""Response headers that say what a browser, and any cache on the way, may do with a page;
and the answer to an htmx request from someone whose session has ended."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme

# Nothing in the app uses these browser features; turning them off means nothing on a page
# (a link to somewhere, say) can ask for them either.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "interest-cohort")
)
DOWNLOAD_TYPES = ("text/csv", "application/json")


class PrivacyHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")

        # A signed-in person's pages and every download hold someone's data: no browser or
        # proxy may keep a copy (a shared computer's back button, a caching proxy). Whoever
        # has a session (everyone signed in, or being signed in by this response) counts; the
        # cookie tells without asking the database, which may be the thing that just failed.
        content_type = response.headers.get("Content-Type", "")
        is_download = "Content-Disposition" in response.headers or content_type.startswith(
            DOWNLOAD_TYPES
        )
        cookie = settings.SESSION_COOKIE_NAME
        if is_download or cookie in request.COOKIES or cookie in response.cookies:
            response.headers["Cache-Control"] = "private, no-store"

        # Views answer one URL with the whole page or, for htmx, only a fragment. Both
        # answers must say so, or a cache holding the whole page could hand it to htmx (or
        # the fragment to the back button); which views branch on it can't be seen from
        # here, so every page says it.
        if content_type.startswith("text/html") or "HX-Request" in request.headers:
            patch_vary_headers(response, ["HX-Request"])
        return response


class SignedOutHtmxMiddleware:
    """Send a signed-out person's htmx request to sign-in as a whole page, not a fragment.

    htmx follows redirects inside the page: a note posted after the session ended would
    come back as the sign-in page swapped over the form, and `next` would name the address
    the form posts to, which answers only POST. Instead htmx is told to load the sign-in
    page itself (HX-Redirect), with `next` set to the page the person was on, so they come
    back to it (and to their words, which the browser kept: static/js/forms.js).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.headers.get("HX-Request") != "true" or not 300 <= response.status_code < 400:
            return response
        login_url = resolve_url(settings.LOGIN_URL)
        if urlsplit(response.headers.get("Location", "")).path != login_url:
            return response
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            return response
        page = current_page(request)
        target = redirect_to_login(page, login_url).url if page else login_url
        answer = HttpResponse(status=204)
        answer["HX-Redirect"] = target
        return answer


def current_page(request) -> str | None:
    """The path (and query) of the page an htmx request came from, if it is on this site."""
    current = request.headers.get("HX-Current-URL", "")
    if not current or not url_has_allowed_host_and_scheme(
        current, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return None
    parts = urlsplit(current)
    if not parts.path.startswith("/"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")
