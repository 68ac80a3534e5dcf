from django.urls import path

from . import views

app_name = "certificates"
urlpatterns = [
    path(
        "projects/<int:project_id>/certificates/<int:user_id>/",
        views.certificate,
        name="certificate",
    ),
]
