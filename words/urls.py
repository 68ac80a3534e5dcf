from django.urls import path

from . import views

app_name = "words"
urlpatterns = [
    path("projects/<int:project_id>/words/", views.words, name="words"),
    path("projects/<int:project_id>/words/add/", views.term_add, name="term_add"),
    path("projects/<int:project_id>/words/common/", views.starters_add, name="starters_add"),
    path("projects/<int:project_id>/words/<int:term_id>/edit/", views.term_edit, name="term_edit"),
    path(
        "projects/<int:project_id>/words/<int:term_id>/remove/",
        views.term_remove,
        name="term_remove",
    ),
    path(
        "projects/<int:project_id>/words/<int:term_id>/history/",
        views.term_history,
        name="term_history",
    ),
    path("projects/<int:project_id>/words/avoid/add/", views.avoid_add, name="avoid_add"),
    path(
        "projects/<int:project_id>/words/avoid/<int:avoid_id>/edit/",
        views.avoid_edit,
        name="avoid_edit",
    ),
    path(
        "projects/<int:project_id>/words/avoid/<int:avoid_id>/remove/",
        views.avoid_remove,
        name="avoid_remove",
    ),
]
