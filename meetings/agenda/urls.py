from django.urls import path

from . import views

app_name = "agenda"
agenda = "projects/<int:project_id>/meetings/<int:meeting_id>/agenda/"
urlpatterns = [
    path(agenda, views.agenda, name="agenda"),
    path(f"{agenda}suggest/", views.suggest, name="suggest"),
    path(f"{agenda}<int:agenda_item_id>/order/", views.order, name="order"),
    path(f"{agenda}<int:agenda_item_id>/remove/", views.remove, name="remove"),
]
