from django.urls import path

from . import views

app_name = "invoices"
project = "projects/<int:project_id>/payments/"
urlpatterns = [
    path(f"{project}claims/<int:claim_id>/invoice/", views.invoice, name="invoice"),
    path(f"{project}claims.csv", views.claims_csv, name="csv"),
]
