"""What the mark page shows of the action plan: a section drawn by the plan's own view."""

from django.urls import reverse

from projects.models import Project

from ..models import Mark


def mark_actions_context(project: Project, mark: Mark) -> dict:
    """Where the mark page loads its actions from; nothing is read until it asks."""
    url = reverse("actions:action_add", args=[project.pk])
    return {"mark_actions_url": f"{url}?mark={mark.pk}&back=mark"}
