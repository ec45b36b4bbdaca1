from django.urls import path

from . import views

app_name = "schools"

urlpatterns = [
    path("register/", views.register, name="register"),
    path("<int:school_id>/edit/", views.edit, name="edit"),
    path("resubmit/", views.resubmit, name="resubmit"),
    path("head/<str:token>/", views.head_confirm, name="head_confirm"),
    path("join/<str:token>/", views.join_confirm, name="join_confirm"),
    path("join-requests/<int:request_id>/withdraw/", views.join_withdraw, name="join_withdraw"),
    path("<int:school_id>/leave/", views.leave, name="leave"),
    path(
        "join-requests/<int:request_id>/<str:decision>/",
        views.join_decide,
        name="join_decide",
    ),
    path("queue/", views.queue, name="queue"),
    path("queue/<str:country>/", views.queue_country, name="queue_country"),
    path("<int:school_id>/review/", views.review, name="review"),
    path("<int:school_id>/calls/", views.record_call, name="record_call"),
    path("<int:school_id>/<str:decision>/", views.decide_school, name="decide"),
    path(
        "<int:school_id>/teachers/<int:user_id>/<str:decision>/",
        views.decide_teacher,
        name="decide_teacher",
    ),
]
