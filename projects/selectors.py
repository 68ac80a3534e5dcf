"""Reads that several pages share: the project home and the feature pages beside it."""

from django.db.models import Prefetch, QuerySet

from .models import Agreement, GroundRule, Project


def ground_rules(project: Project) -> QuerySet[GroundRule]:
    """The project's ground rules, each with who agreed, in a fixed number of queries."""
    agreements = Agreement.objects.select_related("user").order_by("user__name")
    return (
        GroundRule.objects.filter(project=project)
        .select_related("created_by")
        .prefetch_related(Prefetch("agreements", queryset=agreements))
    )
