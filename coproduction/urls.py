from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/", include("allauth.urls")),
    path("account/", include("accounts.urls")),
    path("", include("projects.urls")),
    path("", include("marks.urls")),
    path("", include("lake.urls")),
    path("", include("sharing.report.urls")),
    path("", include("sharing.certificates.urls")),
    path("", include("sharing.portability.urls")),
    path("account/", include("sharing.people.urls")),
]
