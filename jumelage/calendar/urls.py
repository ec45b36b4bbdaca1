from django.urls import path

from . import views

app_name = "calendar"

urlpatterns = [
    path("", views.month, name="month"),
    path("list/", views.event_list, name="event_list"),
    path("new/", views.event_create, name="event_create"),
    path("feed/", views.project_feed, name="project_feed"),
    path("feed/<str:token>.ics", views.project_ics, name="project_ics"),
    path("<int:event_id>/", views.event_detail, name="event_detail"),
    path("<int:event_id>/event.ics", views.event_ics, name="event_ics"),
    path("<int:event_id>/edit/", views.event_edit, name="event_edit"),
    path("<int:event_id>/delete/", views.event_delete, name="event_delete"),
]
