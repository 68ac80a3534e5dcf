import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from accounts.reauth.confirming import confirmation_required

from . import services
from .forms import DeleteAccountForm

# Set in the signed-out session after deleting, so a second try from an old tab is explained.
DELETED_KEY = "account_deleted"


def _about() -> dict[str, str]:
    return {
        "this_file": _(
            "Everything Mark of co-production holds about you or by you, made when you "
            "downloaded it. Other people appear only through the names of projects and marks."
        ),
        "account": _("Your name, email addresses and when you joined and last signed in."),
        "projects": _(
            "The projects you are in, your role and your staying-in-touch choices; thanks you "
            "sent and received; updates and ground rules you wrote; ground rules you agreed "
            "to; changes you saved to aims and rules; things you did, as the activity list "
            "tells them; update emails sent to you; invitations sent to your email address."
        ),
        "marks": _(
            "Notes you wrote on marks under your name, with their earlier wordings; scores "
            "you gave; marks you added or reworded; actions you own; check-in answers you "
            "gave under your name."
        ),
        "lake": _("Post-its you put on the lake of ideas under your name, with earlier wordings."),
        "added_for_you": _(
            "Notes, scores, post-its, check-in answers and responses to proposals that another "
            "member added for you, because you gave "
            "them your words another way, are with your own: each says who added it and how "
            "it reached them."
        ),
        "anonymous": _(
            "Notes, post-its and answers you added anonymously are not here: nothing in the "
            "database links them to you, so they cannot be found or sent to you."
        ),
    }


@login_required
@require_safe
def words_for_you(request: HttpRequest) -> HttpResponse:
    """Words other members added for you, given to them another way: yours to change or remove."""
    ctx = {"items": services.words_added_for(request.user)}
    return render(request, "sharing/people/words_for_you.html", ctx)


@login_required
@confirmation_required
@require_safe
def data(request: HttpRequest) -> HttpResponse:
    content = {"about": _about(), **services.personal_data(request.user)}
    response = HttpResponse(
        json.dumps(content, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"my-data-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@confirmation_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        # Most likely a second try from a page left open: say what happened, if we know.
        if request.session.get(DELETED_KEY):
            messages.info(request, _("Your account has already been deleted."))
        return redirect_to_login(request.get_full_path())
    user = request.user
    # An empty POST is still a POST: it is refused with messages, not shown as a fresh form.
    posted = request.POST if request.method == "POST" else None
    form = DeleteAccountForm(posted, user=user, blockers=services.blockers(user))
    if form.is_bound and form.is_valid():
        try:
            services.account_delete(user=user, remove=form.remove, choices=form.choices())
        except services.Blocked:
            # Someone joined, left or changed role meanwhile: show the choices as they are now.
            form = DeleteAccountForm(request.POST, user=user, blockers=services.blockers(user))
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Something changed in your projects while you were deciding. "
                    "Check your choices and try again. Nothing has been deleted."
                ),
            )
        else:
            logout(request)
            request.session[DELETED_KEY] = True
            return redirect("people:deleted")
    status = 400 if form.is_bound else 200
    return render(request, "sharing/people/delete.html", {"form": form}, status=status)


@require_safe
def deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "sharing/people/deleted.html")
