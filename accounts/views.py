from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .forms import NameForm
from .language.forms import LanguageForm
from .live.forms import LiveUpdatesForm


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    form = NameForm(
        request.POST if request.method == "POST" else None,
        initial={"name": request.user.name, "time_zone": request.user.time_zone},
    )
    if form.is_bound and form.is_valid():
        request.user.save_profile(
            name=form.cleaned_data["name"], time_zone=form.cleaned_data["time_zone"]
        )
        messages.success(request, _("Your name has been saved."))
        return redirect("accounts:profile")
    ctx = {
        "form": form,
        "live_form": LiveUpdatesForm(instance=request.user),
        "language_form": LanguageForm(
            initial={"language": request.user.language or translation.get_language()},
        ),
    }
    return render(request, "accounts/profile.html", ctx)
