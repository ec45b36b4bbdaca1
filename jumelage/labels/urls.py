from django.urls import path

from . import views

app_name = "labels"

urlpatterns = [
    path("", views.index, name="index"),
    path("projects/<int:project_id>/", views.project, name="project"),
    path("projects/<int:project_id>/apply/", views.apply, name="apply"),
    path("projects/<int:project_id>/nominate/", views.nominate, name="nominate"),
    path("projects/<int:project_id>/european/", views.decide_european, name="decide_european"),
    path(
        "projects/<int:project_id>/european/certificate/",
        views.european_certificate,
        name="european_certificate",
    ),
    path("applications/<int:pk>/", views.application, name="application"),
    path("applications/<int:pk>/space/", views.space, name="space"),
    path("applications/<int:pk>/certificate/", views.certificate, name="certificate"),
    path("office/", views.office, name="office"),
    path("committee/", views.committee, name="committee"),
    path("schools/<int:school_id>/", views.school, name="school"),
    path("schools/<int:school_id>/apply/", views.school_apply, name="school_apply"),
    path(
        "school-labels/<int:pk>/certificate/", views.school_certificate, name="school_certificate"
    ),
    path("teachers/<int:user_id>/", views.teacher, name="teacher"),
]
