from django.http import HttpRequest


def live_updates(request: HttpRequest) -> dict:
    """The person's choice for live pages, drawn into the page so nothing changes after load.

    `politeness` is what a region that reads out other people's changes says to screen
    readers: "off" keeps it silent.
    """
    user = getattr(request, "user", None)
    announce = not (user and user.is_authenticated and not user.live_announcements)
    paused = bool(user and user.is_authenticated and user.live_paused)
    return {
        "live_updates": {
            "announce": announce,
            "paused": paused,
            "politeness": "polite" if announce else "off",
        }
    }
