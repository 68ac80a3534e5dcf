from django.urls import path

from . import views

app_name = "report"
urlpatterns = [
    path("projects/<int:project_id>/report/", views.report_page, name="report"),
]
