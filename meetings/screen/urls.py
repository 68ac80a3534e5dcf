from django.urls import path

from . import views

app_name = "screen"
project = "projects/<int:project_id>/"
screen = f"{project}meetings/<int:meeting_id>/screen/"
urlpatterns = [
    # The screen's first address, kept so bookmarks still find the meeting on now.
    path(f"{project}meeting/", views.now, name="now"),
    path(screen, views.screen, name="screen"),
    path(f"{screen}poll/", views.poll, name="poll"),
    path(f"{screen}step/", views.step, name="step"),
]
