from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_new, name="new"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/edit/", views.event_edit, name="edit"),
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/event.ics", views.ical, name="ical"),
    path("<int:pk>/certificate.pdf", views.certificate, name="certificate"),
    path("<int:pk>/live/", views.live, name="live"),
    path("<int:pk>/attendees/", views.attendees, name="attendees"),
    path("<int:pk>/attendees.csv", views.attendees_csv, name="attendees_csv"),
]
