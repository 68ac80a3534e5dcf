"""The project home's updates and thanks, fetched by the template so the home view stays small."""

from django import template

from projects.models import Thanks, Update

register = template.Library()


@register.simple_tag
def latest_updates(project, count: int = 3) -> list[Update]:
    return list(Update.objects.visible().filter(project=project).select_related("author")[:count])


@register.simple_tag
def latest_thanks(project, count: int = 5) -> list[Thanks]:
    return list(
        Thanks.objects.visible()
        .filter(project=project)
        .select_related("from_user", "to_user")[:count]
    )
