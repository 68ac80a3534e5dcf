from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import ratelimit
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .reauth.confirming import recently_confirmed


class AccountAdapter(DefaultAccountAdapter):
    def populate_username(self, request, user) -> None:
        # Our users have no username: the email address identifies them.
        return None

    def save_user(self, request, user, form, commit: bool = True):
        # The name must be set before the first save: the database refuses a blank one.
        user.name = form.cleaned_data["name"]
        # A language chosen in the header before signing up becomes the account's own,
        # so the first emails are already in it.
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if chosen in dict(settings.LANGUAGES):
            user.language = chosen
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # Sign-in codes, password resets and address checks: in the language of the account
        # the address belongs to, when it has one; otherwise in the page's own language.
        user = get_user_model().objects.filter(email__iexact=email).only("language").first()
        language = getattr(user, "language", "") or translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def get_login_redirect_url(self, request) -> str:
        # Someone who came through an invitation link goes straight back to it.
        token = request.session.get("pending_invitation")
        if token:
            return reverse("invitations:join", args=[token])
        return super().get_login_redirect_url(request)

    def pre_authenticate(self, request, **credentials) -> None:
        # allauth limits wrong passwords ("login_failed"); a right one is given back. Every
        # password checked against one account, right or wrong, also counts towards
        # "login_account" (settings.ACCOUNT_RATE_LIMITS), so that however many addresses
        # share the work, one account never costs hundreds of password hashes a minute.
        super().pre_authenticate(request, **credentials)
        if not ratelimit.consume(
            request,
            action="login_account",
            key=self._get_login_attempts_cache_key(request, **credentials),
        ):
            # Refused before any password was checked, so it is no wrong password either.
            self._rollback_login_failed_rl_usage()
            raise self.validation_error("too_many_login_attempts")

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        # One rule for allauth's steps (email addresses, the second step at sign-in) and
        # ours (accounts/reauth): a sign-in or a confirmation in the last few minutes counts.
        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        return not recently_confirmed(self.request)

    def get_reauthentication_methods(self, user) -> list[dict]:
        # Besides the password (and an authenticator app, for those who added one), anyone
        # can confirm with a code sent to their email: the only way for people who sign in
        # with codes and have no password.
        methods = super().get_reauthentication_methods(user)
        if user.is_authenticated:
            methods.append(
                {
                    "id": "reauthenticate_by_code",
                    "description": _("Email me a code"),
                    "url": reverse("reauth:code"),
                }
            )
        return methods


class MFAAdapter(DefaultMFAAdapter):
    def build_totp_svg(self, url: str) -> str:
        # The picture to scan needs the optional qrcode package; without it the page shows
        # only the key to type into the app, which every authenticator app accepts.
        try:
            return super().build_totp_svg(url)
        except ImportError:
            return ""
