from django.urls import path

from . import views

app_name = "breaks"
urlpatterns = [
    path("projects/<int:project_id>/break/", views.take, name="take"),
    path("projects/<int:project_id>/break/back/", views.back, name="back"),
]
