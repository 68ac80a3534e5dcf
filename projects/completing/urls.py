from django.urls import path

from . import views

app_name = "completing"
urlpatterns = [
    path("projects/<int:project_id>/stay-in-touch/", views.touch, name="touch"),
    path("projects/<int:project_id>/updates/", views.updates, name="updates"),
    path("projects/<int:project_id>/thanks/", views.thanks, name="thanks"),
    path("thanks/", views.my_thanks, name="my_thanks"),
    path("stop-emails/<str:signed>/", views.unsubscribe, name="unsubscribe"),
]
