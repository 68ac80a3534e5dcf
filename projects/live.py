"""What every live page's poll answers, shared by the meeting screen, the lake, scoring,
proposals and the meetings table (their JavaScript is static/js/live.js).

- Nothing changed since the revision the page shows: an empty 204.
- The person has paused live updates: the page only asks how much has changed
  (`X-Live-Peek`), and gets an empty answer saying so in `X-Live-Changes`, without the
  work of drawing anything.
- A new revision that leaves what the page shows as it was: an empty 204 with the new
  revision in `X-Live-Revision`, which the page asks from next (`moved_on`).
- Every answer says in `X-Poll-Interval` how many seconds to wait before the next poll:
  `LIVE_POLL_SECONDS`, stretched while the server is busy (its load for each processor
  over the last minute above `LIVE_POLL_BUSY_LOAD`), up to `LIVE_POLL_MAX_SECONDS`, so a
  crowded server sheds polls instead of falling behind on everything.
"""

import os
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse


def unchanged(request: HttpRequest, revision: int, *, due: bool = False) -> HttpResponse | None:
    """The short answer when the page needs nothing drawn, or None when it does."""
    asked = request.GET.get("revision", "")
    if asked == str(revision) and not due:
        return HttpResponse(status=204)
    if request.headers.get("X-Live-Peek"):
        try:
            changes = max(1, revision - int(asked))
        except ValueError:
            changes = 1
        return HttpResponse(headers={"X-Live-Changes": str(changes)})
    return None


# Drawings each process keeps for itself, in front of the shared cache: a member's poll
# that finds one another member's poll drew then costs no query. Only for what never
# changes under its key (a key names its revision) and is never changed once drawn.
NEAR_ENTRIES = 200
_near: dict = {}


def kept(key: str) -> object | None:
    """What was drawn under this key, from this process or the shared cache, or None."""
    found = _near.get(key)
    if found is None:
        found = cache.get(key)
        if found is not None:
            _keep_near(key, found)
    return found


def keep(key: str, drawing: object, seconds: int) -> None:
    """Shares a drawing under its key, for `kept` to find."""
    cache.set(key, drawing, seconds)
    _keep_near(key, drawing)


def _keep_near(key: str, drawing: object) -> None:
    _near[key] = drawing
    while len(_near) > NEAR_ENTRIES:
        _near.pop(next(iter(_near)), None)


def moved_on(revision: int) -> HttpResponse:
    """Nothing to draw, though the revision moved on: the page asks from this one next."""
    return HttpResponse(status=204, headers={"X-Live-Revision": str(revision)})


def live_poll(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Adds the server's wish for how often to poll to every answer of a poll view."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["X-Poll-Interval"] = str(poll_interval())
        return response

    return wrapper


def poll_interval() -> int:
    """Seconds between polls: the usual wait, doubled for each step of load past busy."""
    seconds = settings.LIVE_POLL_SECONDS
    try:
        load = os.getloadavg()[0] / (os.cpu_count() or 1)
    except OSError:
        return seconds
    busy = settings.LIVE_POLL_BUSY_LOAD
    while load > busy and seconds < settings.LIVE_POLL_MAX_SECONDS:
        seconds *= 2
        load -= busy
    return min(seconds, max(settings.LIVE_POLL_SECONDS, settings.LIVE_POLL_MAX_SECONDS))
