from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..access import get_project_for_change, get_project_for_user
from . import services
from .forms import BreakForm


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def take(request: HttpRequest, project_id: int) -> HttpResponse:
    """Taking a break: an optional return date, which emails still come, and for a
    facilitator, who looks after the project meanwhile."""
    project, membership = get_project_for_change(request, project_id)
    choices = services.cover_choices(membership) if membership.is_facilitator else None
    alone = membership.is_facilitator and not choices.exists()
    form = BreakForm(request.POST or None, cover_choices=choices)
    status = 200
    if request.method == "POST" and not membership.on_break:
        if alone:
            status = 400
        elif form.is_valid():
            try:
                services.break_take(
                    membership=membership,
                    until=form.cleaned_data["until"],
                    emails=form.cleaned_data["emails"],
                    cover=form.cleaned_data.get("cover"),
                )
            except services.BreakError as error:
                form.add_error(None, str(error))
                status = 400
            else:
                messages.success(
                    request,
                    _(
                        "Your break has started. Come back whenever you like, from this project's page."
                    ),
                )
                return redirect("projects:home", project_id=project.pk)
        else:
            status = 400
    ctx = {"project": project, "membership": membership, "form": form, "alone": alone}
    return render(request, "projects/breaks/take.html", ctx, status=status)


@login_required
@require_POST
def back(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    if membership.on_break:
        services.break_end(membership=membership)
        messages.success(request, _("Welcome back. Here is what changed while you were away."))
    return redirect("projects:home", project_id=project.pk)
