from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/", include("allauth.urls")),
    path("account/", include("accounts.urls")),
    path("", include("projects.urls")),
    path("", include("marks.urls")),
    path("", include("marks.scoring.urls")),
    path("", include("marks.actions.urls")),
    path("", include("lake.urls")),
]
