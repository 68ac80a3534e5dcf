from django.urls import path

from . import views

app_name = "checkins"
project = "projects/<int:project_id>/"
urlpatterns = [
    path(f"{project}check-ins/", views.checkin_list, name="checkins"),
    path(f"{project}check-ins/start/", views.checkin_start, name="checkin_start"),
    path(f"{project}check-ins/<int:checkin_id>/", views.checkin_detail, name="checkin"),
    path(f"{project}check-ins/<int:checkin_id>/close/", views.checkin_close, name="checkin_close"),
]
