from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.room_list, name="room_list"),
    path("<int:room_id>/", views.room_detail, name="room_detail"),
    path("<int:room_id>/open/", views.room_open, name="room_open"),
    path("<int:room_id>/end/", views.room_end, name="room_end"),
    path("find-a-time/", views.find_time, name="find_time"),
    path("schedule/", views.schedule, name="schedule"),
]
