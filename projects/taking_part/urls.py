from django.urls import path

from . import views

app_name = "taking_part"
urlpatterns = [
    path("projects/<int:project_id>/taking-part/", views.mine, name="mine"),
    path("projects/<int:project_id>/taking-part/remove/", views.remove, name="remove"),
    path("projects/<int:project_id>/taking-part/shared/", views.shared, name="shared"),
]
