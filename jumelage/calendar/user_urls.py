"""A person's own calendar, across their projects: time zone and personal feed."""

from django.urls import path

from . import views

app_name = "mycalendar"

urlpatterns = [
    path("", views.my_calendar, name="settings"),
    path("feed/", views.my_feed, name="feed"),
    path("feed/<str:token>.ics", views.my_ics, name="ics"),
]
