from django.urls import path

from . import views

app_name = "proposals"
project = "projects/<int:project_id>/"
urlpatterns = [
    path(f"{project}proposals/", views.proposal_list, name="proposals"),
    path(f"{project}proposals/new/", views.proposal_new, name="proposal_new"),
    path(f"{project}proposals/<int:proposal_id>/", views.proposal_detail, name="proposal"),
    path(
        f"{project}proposals/<int:proposal_id>/close/", views.proposal_close, name="proposal_close"
    ),
    path(
        f"{project}proposals/<int:proposal_id>/reply/", views.proposal_reply, name="proposal_reply"
    ),
    path(f"{project}proposals/<int:proposal_id>/poll/", views.proposal_poll, name="proposal_poll"),
]
