from django.urls import path

from . import portability_views, report_views, views

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
    path("projects/<int:project_id>/settings/", views.project_settings, name="settings"),
    path("projects/<int:project_id>/export/project.json", portability_views.export, name="export"),
    # Sharing: the printable report, and each member's certificate of contribution.
    path("projects/<int:project_id>/report/", report_views.report_page, name="report"),
    path(
        "projects/<int:project_id>/certificates/<int:user_id>/",
        report_views.certificate,
        name="certificate",
    ),
]
