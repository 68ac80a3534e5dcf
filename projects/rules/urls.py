from django.urls import path

from . import views

app_name = "rules"
urlpatterns = [
    path("projects/<int:project_id>/rules/", views.rules, name="rules"),
    path(
        "projects/<int:project_id>/rules/<int:rule_id>/agree/", views.rule_agree, name="rule_agree"
    ),
    path("projects/<int:project_id>/rules/<int:rule_id>/edit/", views.rule_edit, name="rule_edit"),
    path(
        "projects/<int:project_id>/rules/<int:rule_id>/history/",
        views.rule_history,
        name="rule_history",
    ),
]
