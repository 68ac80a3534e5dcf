from django.urls import path

from . import views

app_name = "decision_log"
project = "projects/<int:project_id>/"
urlpatterns = [
    path(f"{project}decisions/", views.log, name="log"),
    path(f"{project}decisions/new/", views.decision_new, name="decision_new"),
    path(f"{project}decisions/<int:decision_id>/edit/", views.decision_edit, name="decision_edit"),
    path(
        f"{project}decisions/<int:decision_id>/history/",
        views.decision_history,
        name="decision_history",
    ),
]
