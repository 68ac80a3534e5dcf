from django.urls import path

from . import views

app_name = "payment_terms"
project = "projects/<int:project_id>/payments/terms/"
urlpatterns = [
    path(project, views.terms, name="terms"),
    path(f"{project}change/", views.terms_edit, name="edit"),
    path(f"{project}history/", views.terms_history, name="history"),
]
