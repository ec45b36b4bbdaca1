from django.urls import path

from . import views

app_name = "messaging"

urlpatterns = [
    # compose?to=<user id>&subject=...: opens a new private message to that user.
    path("new/", views.compose, name="compose"),
]
