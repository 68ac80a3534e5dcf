from django.urls import path

from . import views

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
]
