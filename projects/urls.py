from django.urls import path

from . import completing_views, views

app_name = "projects"
urlpatterns = [
    path("projects/", views.project_list, name="list"),
    path("projects/new/", views.project_create, name="create"),
    path("projects/<int:project_id>/", views.home, name="home"),
    path("projects/<int:project_id>/edit/", views.edit, name="edit"),
    path("projects/<int:project_id>/history/", views.history, name="history"),
    path("projects/<int:project_id>/members/", views.members, name="members"),
    path(
        "projects/<int:project_id>/members/<int:membership_id>/role/",
        views.member_role,
        name="member_role",
    ),
    path(
        "projects/<int:project_id>/members/<int:membership_id>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path("projects/<int:project_id>/leave/", views.leave, name="leave"),
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
    path("projects/<int:project_id>/rules/", views.rules, name="rules"),
    path(
        "projects/<int:project_id>/rules/<int:rule_id>/agree/", views.rule_agree, name="rule_agree"
    ),
    path("projects/<int:project_id>/rules/<int:rule_id>/edit/", views.rule_edit, name="rule_edit"),
    path(
        "projects/<int:project_id>/rules/<int:rule_id>/history/",
        views.rule_history,
        name="rule_history",
    ),
    path("projects/<int:project_id>/settings/", views.project_settings, name="settings"),
    path("join/<str:token>/", views.join, name="join"),
    # Completing, sharing, celebrating: staying in touch, updates and thanks.
    path("projects/<int:project_id>/stay-in-touch/", completing_views.touch, name="touch"),
    path("projects/<int:project_id>/updates/", completing_views.updates, name="updates"),
    path("projects/<int:project_id>/thanks/", completing_views.thanks, name="thanks"),
    path("thanks/", completing_views.my_thanks, name="my_thanks"),
    path("stop-emails/<str:signed>/", completing_views.unsubscribe, name="unsubscribe"),
]
