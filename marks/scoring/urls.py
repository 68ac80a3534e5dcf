from django.urls import path

from . import views

app_name = "scoring"
project = "projects/<int:project_id>/"
urlpatterns = [
    path(f"{project}marks/<int:mark_id>/rounds/open/", views.round_open, name="round_open"),
    path(f"{project}marks/<int:mark_id>/rounds/poll/", views.round_poll, name="round_poll"),
    path(f"{project}rounds/<int:round_id>/score/", views.score_submit, name="score"),
    path(f"{project}rounds/<int:round_id>/score-for/", views.score_for, name="score_for"),
    path(f"{project}rounds/<int:round_id>/reveal/", views.round_reveal, name="round_reveal"),
    path(f"{project}rounds/<int:round_id>/agree/", views.round_agree, name="round_agree"),
    path(f"{project}scoring/settings/", views.scoring_settings, name="scoring_settings"),
]
