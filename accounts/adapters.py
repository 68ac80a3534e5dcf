from allauth.account.adapter import DefaultAccountAdapter
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
