"""When someone last proved it is them, in this session, and the decorator that asks again."""

import time
from functools import wraps

from allauth.account import app_settings as allauth_account_settings
from allauth.account.internal.flows.login import get_authentication_records, record_authentication
from allauth.core.exceptions import ReauthenticationRequired

# Set by every sign-in (see accounts/apps.py): the password or code given then counts too.
SIGNED_IN_AT = "accounts_signed_in_at"


def remember_sign_in(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = time.time()


def confirmed_at(request) -> float:
    """The latest moment this session's person gave a password or code: signing in, or
    confirming it is them since (allauth keeps those in the session)."""
    latest = request.session.get(SIGNED_IN_AT) or 0.0
    for record in get_authentication_records(request, request.user):
        if record.get("reauthenticated"):
            latest = max(latest, record.get("at") or 0.0)
    return latest


def recently_confirmed(request) -> bool:
    if not request.user.is_authenticated:
        return False
    return time.time() - confirmed_at(request) < allauth_account_settings.REAUTHENTICATION_TIMEOUT


def record_confirmation(request, method: str) -> None:
    record_authentication(request, request.user, method=method, reauthenticated=True)


def confirmation_required(view):
    """Before the view, the person confirms it is them unless they did so (or signed in)
    recently. allauth's middleware keeps a POST that was interrupted and sends it again
    once they have confirmed, so nothing they chose on the page is lost. Signed-out people
    are the view's own business (login_required, or a message of its own)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.user.is_authenticated and not recently_confirmed(request):
            raise ReauthenticationRequired()
        return view(request, *args, **kwargs)

    return wrapped
