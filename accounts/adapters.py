from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import ratelimit
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    def populate_username(self, request, user) -> None:
        # Our users have no username: the email address identifies them.
        return None

    def save_user(self, request, user, form, commit: bool = True):
        # The name must be set before the first save: the database refuses a blank one.
        user.name = form.cleaned_data["name"]
        return super().save_user(request, user, form, commit=commit)

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
