import time

from allauth.account import app_settings as allauth_account_settings
from allauth.account.adapter import get_adapter
from allauth.account.internal.flows.reauthentication import resume_request
from allauth.account.models import EmailAddress
from allauth.account.views import email as allauth_email
from allauth.core import ratelimit
from allauth.core.exceptions import ReauthenticationRequired
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .confirming import recently_confirmed, record_confirmation
from .forms import CodeForm

# The code we emailed, when, and how many wrong tries it has had; in the session only.
STATE = "accounts_reauth_code"


def _plain(code: str) -> str:
    """A code as typed, without the spaces, dashes or lower case a person may add."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def by_code(request: HttpRequest) -> HttpResponse:
    """Confirm it is you with a code sent to your email address: for everyone, and the only
    way for people who sign in with emailed codes and have no password."""
    user = request.user
    email = EmailAddress.objects.get_primary_email(user) or user.email
    state = request.session.get(STATE)
    sending = request.method == "POST" and "send" in request.POST
    form = CodeForm(request.POST if request.method == "POST" and not sending else None)
    status = 200
    refused = None
    if sending:
        # The same limits as sign-in codes: a few a minute, ten an hour, for one inbox.
        if not ratelimit.consume(request, action="request_login_code", key=email.lower()):
            refused = _("Too many codes were asked for. Wait a few minutes and try again.")
            status = 429
        else:
            code = get_adapter(request).generate_login_code()
            request.session[STATE] = state = {"code": code, "at": time.time(), "tries": 0}
            get_adapter(request).send_mail("accounts/email/reauth_code", email, {"code": code})
    elif form.is_bound and form.is_valid():
        timeout = allauth_account_settings.LOGIN_BY_CODE_TIMEOUT
        if not state or time.time() - state["at"] > timeout:
            request.session.pop(STATE, None)
            state = None
            form.add_error("code", _("That code has run out. Ask for a new one."))
        elif constant_time_compare(_plain(form.cleaned_data["code"]), _plain(state["code"])):
            request.session.pop(STATE, None)
            record_confirmation(request, "code")
            return resume_request(request) or redirect("accounts:profile")
        else:
            state["tries"] += 1
            if state["tries"] >= allauth_account_settings.LOGIN_BY_CODE_MAX_ATTEMPTS:
                request.session.pop(STATE, None)
                state = None
                form.add_error("code", _("That code is not right, three times. Ask for a new one."))
            else:
                request.session[STATE] = state
                form.add_error("code", _("That code is not right. Check the email and try again."))
    if form.is_bound and form.errors:
        status = 400
    return render(
        request,
        "accounts/reauth/code.html",
        {
            "form": form,
            "email": email,
            "sent": state is not None,
            "refused": refused,
            "has_password": user.has_usable_password(),
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def email_addresses(request: HttpRequest) -> HttpResponse:
    """allauth's page of email addresses, at its own address: a change (adding, removing or
    choosing the main address) first asks whether it is really the person. allauth asks
    too, but only people who have a password; this asks everyone, by password or code."""
    if request.method == "POST" and request.user.is_authenticated:
        if not recently_confirmed(request):
            raise ReauthenticationRequired()
    return allauth_email(request)
