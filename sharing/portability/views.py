"""The whole project as one file, for any member to download."""

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from projects.access import get_project_for_user

from .document import export_project


@login_required
@require_safe
def export(request: HttpRequest, project_id: int) -> HttpResponse:
    project, _membership = get_project_for_user(request, project_id)
    content = json.dumps(export_project(project), ensure_ascii=False, indent=2)
    response = HttpResponse(content.encode("utf-8"), content_type="application/json")
    name = f"{slugify(project.name) or 'project'}-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
