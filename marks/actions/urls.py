from django.urls import path

from . import views

app_name = "actions"
project = "projects/<int:project_id>/"
urlpatterns = [
    path(f"{project}benchmark/", views.benchmark, name="benchmark"),
    path(
        f"{project}benchmark/score-history.csv",
        views.score_history_csv,
        name="score_history_csv",
    ),
    path(f"{project}actions/", views.action_plan, name="action_plan"),
    path(f"{project}actions/action-plan.csv", views.actions_csv, name="actions_csv"),
    path(f"{project}actions/add/", views.action_add, name="action_add"),
    path(f"{project}actions/<int:action_id>/", views.action_edit, name="action_edit"),
    path(f"{project}actions/<int:action_id>/status/", views.action_status, name="action_status"),
]
