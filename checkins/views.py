"""Check-ins: any member starts one, answers it and closes it; past ones stay readable."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from projects.access import get_project_for_user
from projects.on_behalf import services as on_behalf

from . import services
from .forms import AnswerForm
from .models import CheckIn

ANSWERED_ANONYMOUSLY = gettext_lazy(
    "You have already answered this check-in without your name. Those answers can't be "
    "changed or added to, because nothing links them to you."
)


@login_required
@require_safe
def checkin_list(request: HttpRequest, project_id: int) -> HttpResponse:
    project, membership = get_project_for_user(request, project_id)
    items = list(services.checkins_of(project))
    ctx = {
        "project": project,
        "membership": membership,
        "checkins": items,
        "current": next((c for c in items if c.is_open), None),
    }
    return render(request, "checkins/checkins.html", ctx)


@login_required
@require_POST
def checkin_start(request: HttpRequest, project_id: int) -> HttpResponse:
    project, _membership = get_project_for_user(request, project_id)
    try:
        checkin = services.checkin_start(project=project, actor=request.user)
    except services.AlreadyOpen as e:
        messages.info(request, _("A check-in is already open. Answer this one first."))
        checkin = e.checkin
    else:
        messages.success(request, _("The check-in has started. Ask the group to answer it."))
    return redirect("checkins:checkin", project.pk, checkin.pk)


def _checkin(project, checkin_id: int) -> CheckIn:
    return get_object_or_404(
        CheckIn.objects.select_related("started_by"), pk=checkin_id, project=project
    )


# The fields of the form for answers someone gave another way are named "for-...".
BEHALF_PREFIX = "for"


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def checkin_detail(request: HttpRequest, project_id: int, checkin_id: int) -> HttpResponse:
    """An open check-in: the answer form and a count. A closed one: every answer, by question."""
    project, membership = get_project_for_user(request, project_id)
    checkin = _checkin(project, checkin_id)
    allow_anonymous = project.allow_anonymous
    status = 200
    # Two forms: the member's own answers (filled with what they saved), and, for members
    # who can add for someone else, an empty one for answers given another way, so nobody's
    # own words are ever sent as someone else's by mistake. A POST binds the one it came from.
    mine = services.own_answers(checkin, request.user)
    posted = request.POST if request.method == "POST" else None
    for_someone = posted is not None and BEHALF_PREFIX + "-for_whom" in posted
    form = AnswerForm(
        None if for_someone else posted, initial=mine, allow_anonymous=allow_anonymous
    )
    behalf_form = None
    if checkin.is_open and not project.is_completed:
        choosable = on_behalf.choosable(project, request.user)
        if choosable or for_someone:
            behalf_form = AnswerForm(
                posted if for_someone else None,
                allow_anonymous=allow_anonymous,
                prefix=BEHALF_PREFIX,
            )
            behalf_form.add_on_behalf_fields(
                project,
                request.user,
                choosable,
                own=False,
                label=_("Whose answers are these?"),
                help_text=_(
                    "Only members who said others may add for them. Their answers replace "
                    "any they saved before."
                ),
            )
            behalf_form.order_fields(["for_whom", "given_via"])
    if for_someone and behalf_form is None:
        # Sent to a check-in that has closed since: answered like any late answer.
        for_someone = False
        form = AnswerForm(posted, initial=mine, allow_anonymous=allow_anonymous)
    bound = behalf_form if for_someone else form
    if bound is not None and bound.is_bound:
        if not checkin.is_open:
            bound.is_valid()
            bound.add_error(None, _("This check-in has closed, so it takes no more answers."))
            status = 400
        elif bound.is_valid():
            anonymous = bound.cleaned_data.get("anonymous", False)
            try:
                services.checkin_answer(
                    checkin=checkin,
                    member=bound.for_member or request.user,
                    answers=bound.answers(),
                    anonymous=anonymous,
                    added_by=request.user if bound.for_member else None,
                    given_via=bound.given_via,
                )
            except services.Closed:
                bound.add_error(None, _("This check-in has closed, so it takes no more answers."))
                checkin.refresh_from_db()
                status = 400
            except services.AnsweredAnonymously:
                bound.add_error(None, ANSWERED_ANONYMOUSLY)
                status = 400
            else:
                if bound.for_member:
                    messages.success(
                        request,
                        _("The answers of %(name)s are saved.")
                        % {"name": bound.for_member.display_name},
                    )
                elif anonymous:
                    messages.success(request, _("Your answers are saved, without your name."))
                else:
                    messages.success(request, _("Your answers are saved."))
                return redirect("checkins:checkin", project.pk, checkin.pk)
        else:
            status = 400
    ctx = {
        "project": project,
        "membership": membership,
        "checkin": checkin,
        # A closed check-in takes no answers, so it shows a form only to say why it refused one.
        "form": form if checkin.is_open or form.is_bound else None,
        "behalf_form": behalf_form,
        "error_form": bound if bound is not None and bound.is_bound else form,
        "answered": checkin.responses.count(),
        "answered_anonymously": checkin.is_open
        and services.answered_anonymously(checkin, request.user),
        # Asked to close with few anonymous answers: the close form warns and asks again.
        "few_answers": _few_answers(checkin) if request.GET.get("confirm_close") == "1" else None,
        # Only a closed check-in shows everyone's answers.
        "shared": None if checkin.is_open else services.answers_by_question(checkin),
        "mine": [(text, mine[key]) for key, text in services.QUESTIONS if key in mine],
    }
    return render(request, "checkins/checkin.html", ctx, status=status)


def _few_answers(checkin: CheckIn) -> int | None:
    """How many anonymous answers there are, when closing would show so few (else None)."""
    if not checkin.is_open:
        return None
    count = services.anonymous_count(checkin)
    return count if 0 < count < services.FEW_ANSWERS else None


@login_required
@require_POST
def checkin_close(request: HttpRequest, project_id: int, checkin_id: int) -> HttpResponse:
    project, _membership = get_project_for_user(request, project_id)
    checkin = _checkin(project, checkin_id)
    if request.POST.get("confirm") != "yes" and _few_answers(checkin) is not None:
        # One or two anonymous answers shown together are easy to trace to their writers:
        # the same form comes back with a warning, and the group can wait or close anyway.
        url = reverse("checkins:checkin", args=[project.pk, checkin.pk])
        return redirect(f"{url}?confirm_close=1#close-title")
    try:
        services.checkin_close(checkin=checkin, actor=request.user)
    except services.Closed:
        messages.info(request, _("This check-in was already closed."))
    else:
        messages.success(
            request, _("The check-in is closed. Everyone's answers are now shown together.")
        )
    return redirect("checkins:checkin", project.pk, checkin.pk)
