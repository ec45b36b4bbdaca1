from django.urls import path

from . import views

app_name = "messaging"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    # new/?to=<user id>&subject=...: opens a new private message to that user.
    path("new/", views.compose, name="compose"),
    path("<int:thread_id>/", views.thread, name="thread"),
    path("<int:thread_id>/reply/", views.reply, name="reply"),
    # The project's teachers read its pupils' conversations (supervision, read-only).
    path("projects/<int:project_id>/", views.supervision, name="supervision"),
    path(
        "projects/<int:project_id>/<int:thread_id>/",
        views.supervised_thread,
        name="supervised_thread",
    ),
]
