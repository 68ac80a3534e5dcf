"""Pages for what helps each person take part: your own, and what others shared."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from projects.access import get_project_for_user
from projects.models import TakingPart

from . import services
from .forms import TakingPartForm
from .selectors import needs_visible_to

# Each person's own choice, so a completed project still takes it: someone may need a
# large-print copy of the report, or want their needs gone, after the work has ended.


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def mine(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    current = TakingPart.objects.filter(membership=membership).first()
    form = TakingPartForm(request.POST if request.method == "POST" else None, instance=current)
    if form.is_bound and form.is_valid():
        saved = services.taking_part_save(membership=membership, **form.choices())
        if saved is None:
            messages.success(request, _("You didn't tell us anything, so nothing is kept."))
        else:
            messages.success(request, _("Thank you. What helps you take part has been saved."))
        return redirect("taking_part:mine", project_id=project.pk)
    ctx = {"project": project, "membership": membership, "form": form, "current": current}
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "projects/taking_part/mine.html", ctx, status=status)


@login_required
@require_POST
def remove(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    services.taking_part_remove(membership=membership)
    messages.success(request, _("What you told us has been removed. Nothing of it is kept."))
    return redirect("taking_part:mine", project_id=project.pk)


@login_required
@require_safe
def shared(request: HttpRequest, project_id: int) -> HttpResponse:
    """Facilitators plan with everything shared with them; others see what is for the group.

    A co-producer gets the same page without anything shared only with the facilitators (not
    a 403, so the page itself says nothing about whether anyone has shared anything).
    """
    project, membership = get_project_for_user(request, project_id)
    ctx = {"project": project, "membership": membership, "rows": needs_visible_to(membership)}
    return render(request, "projects/taking_part/shared.html", ctx)
