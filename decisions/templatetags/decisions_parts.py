"""What the decisions app adds to pages of apps below it (the ground rules page, the lake
board, the mark page), without those apps importing it: their templates include one of
this app's partials, which loads these tags. Each tag costs a fixed number of queries,
however many post-its or notes the page shows."""

from django import template

from decisions.models import HowWeDecideAgreement, SuggestionAnswer
from decisions.services import how_we_decide

register = template.Library()


@register.simple_tag
def how_we_decide_for(project, user):
    """The group's way of deciding, who agreed to this wording, and whether ``user`` did."""
    how = how_we_decide(project)
    agreed = []
    if how.pk:
        agreed = list(
            HowWeDecideAgreement.objects.filter(how=how, version=how.version)
            .select_related("user")
            .order_by("created_at")
        )
    how.agreed = agreed
    how.agreed_by_me = any(a.user_id == user.pk for a in agreed)
    return how


@register.simple_tag
def answers_for(project, kind: str):
    """Every answer to the project's post-its (``kind="postit"``) or notes (``"note"``), by
    the id of what they answer: one query for the whole page."""
    field = f"{kind}_id"
    found = SuggestionAnswer.objects.filter(project=project, **{f"{kind}__isnull": False})
    return {getattr(a, field): a for a in found.select_related("answered_by")}


@register.filter
def answer_of(answers, pk):
    return answers.get(pk) if answers else None
