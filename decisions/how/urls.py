from django.urls import path

from . import views

app_name = "how_we_decide"
urlpatterns = [
    path("projects/<int:project_id>/rules/how-we-decide/", views.how_edit, name="how_edit"),
    path("projects/<int:project_id>/rules/how-we-decide/agree/", views.how_agree, name="how_agree"),
]
