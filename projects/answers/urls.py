from django.urls import path

from . import views

app_name = "answers"
urlpatterns = [
    path(
        "projects/<int:project_id>/answers/<str:kind>/<int:item_id>/", views.answer, name="answer"
    ),
    path("account/answers/", views.mine, name="mine"),
]
