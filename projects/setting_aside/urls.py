from django.urls import path

from . import views

app_name = "setting_aside"
base = "projects/<int:project_id>/set-aside/"
words = f"{base}<str:kind>/<int:item_id>/"
urlpatterns = [
    path(base, views.kept, name="kept"),
    path(f"{base}<int:aside_id>/put-back/", views.put_back, name="put_back"),
    path(f"{base}<int:aside_id>/yours/", views.yours, name="yours"),
    path(f"{base}<int:aside_id>/accept/", views.accept, name="accept"),
    path(f"{base}looks/<int:look_id>/keep/", views.look_keep, name="look_keep"),
    path(words, views.item, name="item"),
    path(f"{words}ask/", views.ask, name="ask"),
    path(f"{words}set/", views.set_aside, name="set"),
    path("account/set-aside/", views.mine, name="mine"),
]
