from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("data/", views.data, name="data"),
    path("delete/", views.delete, name="delete"),
    path("words-added-for-you/", views.words_for_you, name="words_for_you"),
    path("deleted/", views.deleted, name="deleted"),
]
