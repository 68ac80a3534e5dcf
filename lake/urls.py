from django.urls import path

from projects.setting_aside import views as setting_aside

from . import views

app_name = "lake"
project = "projects/<int:project_id>/lake/"
urlpatterns = [
    path(project, views.board, name="board"),
    path(f"{project}list/", views.board_list, name="list"),
    path(f"{project}poll/", views.poll, name="poll"),
    # The lake on a big screen, for the "five minutes with the lake" in a meeting.
    path(f"{project}projector/", views.projector, name="projector"),
    path(f"{project}add/", views.add, name="add"),
    path(f"{project}timer/", views.timer, name="timer"),
    path(f"{project}removed/", views.removed, name="removed"),
    path(f"{project}post-its/<int:postit_id>/move/", views.move, name="move"),
    path(f"{project}post-its/<int:postit_id>/edit/", views.edit, name="edit"),
    path(f"{project}post-its/<int:postit_id>/delete/", views.delete, name="delete"),
    path(f"{project}post-its/<int:postit_id>/undo/", views.restore, name="restore"),
    path(f"{project}post-its/<int:postit_id>/history/", views.history, name="history"),
    path(f"{project}from-note/<int:note_id>/", views.from_note, name="from_note"),
    # Asking for a look at a post-it, or setting it aside: the shared page, at an address
    # beside the post-it's others (a board of hundreds of post-its stays small).
    path(
        f"{project}post-its/<int:item_id>/set-aside/",
        setting_aside.item,
        {"kind": "postit"},
        name="set_aside",
    ),
]
