from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from projects.stages import Stage


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/home.html", {"stages": Stage.choices})
