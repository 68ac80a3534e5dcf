from django.urls import path

from . import views

app_name = "handling"
project = "projects/<int:project_id>/payments/"
claim = f"{project}claims/<int:claim_id>/"
urlpatterns = [
    path(f"{project}handlers/", views.handlers, name="handlers"),
    path(f"{project}waiting/", views.waiting, name="waiting"),
    path(f"{claim}approve/", views.approve, name="approve"),
    path(f"{claim}ask/", views.ask, name="ask"),
    path(f"{claim}paid/", views.paid, name="paid"),
]
