from django.urls import path

from . import review_views, scoring_views, views

app_name = "marks"
project = "projects/<int:project_id>/"
urlpatterns = [
    path(f"{project}stages/panel/", views.stages_panel, name="stages_panel"),
    path(f"{project}stages/<str:stage>/", views.stage_detail, name="stage"),
    path(f"{project}stages/<str:stage>/add/", views.mark_add, name="mark_add"),
    path(f"{project}marks/<int:mark_id>/", views.mark_detail, name="mark"),
    path(f"{project}marks/<int:mark_id>/reword/", views.mark_edit, name="mark_edit"),
    path(f"{project}marks/<int:mark_id>/history/", views.mark_history, name="mark_history"),
    path(f"{project}marks/<int:mark_id>/hide/", views.mark_hide, name="mark_hide"),
    path(f"{project}marks/<int:mark_id>/bring-back/", views.mark_show, name="mark_show"),
    path(f"{project}marks/<int:mark_id>/move/", views.mark_move, name="mark_move"),
    path(f"{project}marks/<int:mark_id>/notes/", views.note_add, name="note_add"),
    path(f"{project}notes/<int:note_id>/edit/", views.note_edit, name="note_edit"),
    path(f"{project}notes/<int:note_id>/delete/", views.note_delete, name="note_delete"),
    path(f"{project}notes/<int:note_id>/undo/", views.note_restore, name="note_restore"),
    path(f"{project}notes/<int:note_id>/history/", views.note_history, name="note_history"),
    # Scoring rounds, the meeting screen and the scoring settings.
    path(f"{project}marks/<int:mark_id>/rounds/open/", scoring_views.round_open, name="round_open"),
    path(f"{project}marks/<int:mark_id>/rounds/poll/", scoring_views.round_poll, name="round_poll"),
    path(f"{project}rounds/<int:round_id>/score/", scoring_views.score_submit, name="score"),
    path(
        f"{project}rounds/<int:round_id>/reveal/", scoring_views.round_reveal, name="round_reveal"
    ),
    path(f"{project}rounds/<int:round_id>/agree/", scoring_views.round_agree, name="round_agree"),
    path(f"{project}meeting/", scoring_views.meeting, name="meeting"),
    path(f"{project}meeting/poll/", scoring_views.meeting_poll, name="meeting_poll"),
    path(f"{project}scoring/settings/", scoring_views.scoring_settings, name="scoring_settings"),
    # Review: the benchmark, the action plan and their CSV exports.
    path(f"{project}benchmark/", review_views.benchmark, name="benchmark"),
    path(
        f"{project}benchmark/score-history.csv",
        review_views.score_history_csv,
        name="score_history_csv",
    ),
    path(f"{project}actions/", review_views.action_plan, name="action_plan"),
    path(f"{project}actions/action-plan.csv", review_views.actions_csv, name="actions_csv"),
    path(f"{project}actions/add/", review_views.action_add, name="action_add"),
    path(f"{project}actions/<int:action_id>/", review_views.action_edit, name="action_edit"),
    path(
        f"{project}actions/<int:action_id>/status/",
        review_views.action_status,
        name="action_status",
    ),
]
