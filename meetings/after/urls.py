from django.urls import path

from . import views

app_name = "after"
project = "projects/<int:project_id>/"
meeting = f"{project}meetings/<int:meeting_id>/"
urlpatterns = [
    path(f"{project}meetings/support/", views.contacts, name="contacts"),
    path(
        f"{project}meetings/support/<int:contact_id>/remove/",
        views.contact_remove,
        name="contact_remove",
    ),
    path(f"{meeting}how-are-you/", views.check_out, name="check_out"),
    path(f"{meeting}how-are-you/remove/", views.check_out_remove, name="check_out_remove"),
    path(f"{meeting}notes/", views.notes_edit, name="notes_edit"),
    path(f"{meeting}notes/history/", views.notes_history, name="notes_history"),
]
