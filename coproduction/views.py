from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_safe

from projects.stages import Stage

# Search engines may list the front page and nothing else: every other page is private or
# means nothing to a stranger. They may read our static files, to show the front page right.
ROBOTS_TXT = """\
User-agent: *
Allow: /$
Allow: /static/
Disallow: /
"""


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/home.html", {"stages": Stage.choices})


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    return HttpResponse(ROBOTS_TXT, content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """For browsers that ask for /favicon.ico whatever the page's icon link says."""
    return redirect(static("img/favicon.svg"))
