from django.urls import path

from . import views

app_name = "chat"

urlpatterns = [
    path("", views.index, name="index"),
    path("rooms/new/", views.create_room, name="create"),
    path("rooms/<int:room_id>/", views.room, name="room"),
    path("rooms/<int:room_id>/older/", views.older, name="older"),
    path("rooms/<int:room_id>/send/", views.send, name="send"),
    path("rooms/<int:room_id>/close/", views.close, name="close"),
    path("rooms/<int:room_id>/mute/", views.mute, name="mute"),
    path("messages/<int:message_id>/delete/", views.delete, name="delete"),
    path("messages/<int:message_id>/approve/", views.approve, name="approve"),
    path("messages/<int:message_id>/report/", views.report, name="report"),
]
