from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import LiveUpdatesForm


@login_required
@require_POST
def save(request: HttpRequest) -> HttpResponse:
    """Remember the person's choice for live pages.

    The buttons on a live page send it in the background (an empty answer: the page has
    already changed); the form in "Your account" is a plain post that comes back with a
    message. A checkbox left out is "off", so the form never fails.
    """
    form = LiveUpdatesForm(request.POST, instance=request.user)
    form.is_valid()
    request.user.save_live_updates(
        announcements=form.cleaned_data.get("live_announcements", False),
        paused=form.cleaned_data.get("live_paused", False),
    )
    if request.htmx:
        return HttpResponse(status=204)
    messages.success(request, _("Your choice for live pages is saved."))
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = ""
    return redirect(back or "accounts:profile")
