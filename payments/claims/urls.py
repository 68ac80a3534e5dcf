from django.urls import path

from . import views

app_name = "claims"
project = "projects/<int:project_id>/payments/"
claim = f"{project}claims/<int:claim_id>/"
urlpatterns = [
    path(project, views.mine, name="mine"),
    path(f"{project}claims/new/", views.start, name="start"),
    path(claim, views.claim, name="claim"),
    path(f"{claim}meeting/", views.add_meeting, name="add_meeting"),
    path(f"{claim}time/", views.add_time, name="add_time"),
    path(f"{claim}expense/", views.add_expense, name="add_expense"),
    path(f"{claim}send/", views.send, name="send"),
    path(f"{claim}lines/<int:line_id>/remove/", views.line_remove, name="line_remove"),
    path(f"{claim}lines/<int:line_id>/receipt/", views.receipt, name="receipt"),
]
