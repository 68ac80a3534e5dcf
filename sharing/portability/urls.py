from django.urls import path

from . import views

app_name = "portability"
urlpatterns = [
    path("projects/<int:project_id>/export/project.json", views.export, name="export"),
]
