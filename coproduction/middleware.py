"""Response headers that say what a browser, and any cache on the way, may do with a page."""

from django.conf import settings
from django.utils.cache import patch_vary_headers

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
