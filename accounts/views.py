from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .forms import NameForm


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    form = NameForm(
        request.POST if request.method == "POST" else None, initial={"name": request.user.name}
    )
    if form.is_bound and form.is_valid():
        request.user.rename(form.cleaned_data["name"])
        messages.success(request, _("Your name has been saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})
