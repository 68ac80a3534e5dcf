from django.urls import path

from . import views

app_name = "reauth"
urlpatterns = [
    path("confirm/code/", views.by_code, name="code"),
]
