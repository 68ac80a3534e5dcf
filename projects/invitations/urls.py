from django.urls import path

from . import views

app_name = "invitations"
urlpatterns = [
    path("projects/<int:project_id>/invitations/", views.invitations, name="invitations"),
    path(
        "projects/<int:project_id>/invitations/email/",
        views.invitation_email,
        name="invitation_email",
    ),
    path(
        "projects/<int:project_id>/invitations/<int:invitation_id>/stop/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("join/<str:token>/", views.join, name="join"),
]
