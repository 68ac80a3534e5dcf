"""Changing how the group decides, and agreeing to it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from decisions import services
from decisions.models import HowWeDecide
from projects.access import get_project_for_change
from projects.shared_words.views import edit_words

from .forms import HowWeDecideForm


def _rules_url(project) -> str:
    return f"{reverse('rules:rules', args=[project.pk])}#how-we-decide"


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def how_edit(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_change(request, project_id)
    # The defaults are shown until someone changes them; a change needs the saved row.
    if request.method == "POST":
        how = services.how_we_decide_row(project)
    else:
        how = services.how_we_decide(project)

    def save(*, base_version, **words):
        changes = {name: words[name] for name in HowWeDecide.wording_fields}
        return services.how_we_decide_save(
            how=how, actor=request.user, base_version=base_version, changes=changes
        )

    def make_form(data=None, initial=None):
        return HowWeDecideForm(data, initial=initial)

    return edit_words(
        request,
        item=how,
        make_form=make_form,
        save=save,
        context={
            "project": project,
            "membership": membership,
            "conflict_title": _("Someone changed how the group decides while you were writing"),
        },
        template="decisions/how/edit.html",
        back_url=_rules_url(project),
        saved_message=_("How the group decides is changed. Everyone is asked to agree again."),
    )


@login_required
@require_POST
def how_agree(request: HttpRequest, project_id: int) -> HttpResponse:
    project, _membership = get_project_for_change(request, project_id)
    # Agreeing to the defaults saves them, so the agreement is to something that stays put.
    how = services.how_we_decide_row(project)
    agree = request.POST.get("agree") == "yes"
    services.how_we_decide_agree(how=how, user=request.user, agree=agree)
    if agree:
        messages.success(request, _("You have agreed to how the group decides."))
    else:
        messages.success(request, _("You have taken back your agreement."))
    return redirect(_rules_url(project))
