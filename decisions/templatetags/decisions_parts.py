"""What the decisions app adds to a page of an app below it (the ground rules page) without
that app importing it: its template includes one of this app's partials, which loads these
tags. Each tag costs a fixed number of queries."""

from django import template

from decisions.models import HowWeDecideAgreement
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
