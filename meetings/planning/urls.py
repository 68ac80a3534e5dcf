from django.urls import path

from . import views

app_name = "meetings"
project = "projects/<int:project_id>/"
meeting = f"{project}meetings/<int:meeting_id>/"
urlpatterns = [
    path(f"{project}meetings/", views.meeting_list, name="meetings"),
    path(f"{project}meetings/new/", views.propose, name="propose"),
    path(f"{project}meetings/emails/", views.email_choice, name="email_choice"),
    path(meeting, views.meeting_detail, name="meeting"),
    path(f"{meeting}answers/", views.poll, name="poll"),
    path(f"{meeting}choose/", views.choose, name="choose"),
    path(f"{meeting}where/", views.place, name="place"),
    path(f"{meeting}coming/", views.attendance, name="attendance"),
    path(f"{meeting}thoughts/", views.thoughts, name="thoughts"),
    path(f"{meeting}end/", views.end, name="end"),
    path(f"{meeting}calendar.ics", views.calendar, name="calendar"),
]
