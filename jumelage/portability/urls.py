from django.urls import path

from . import views

app_name = "portability"

urlpatterns = [
    path(
        "projects/<int:project_id>/export/",
        views.project_export,
        name="project_export",
    ),
    path(
        "projects/<int:project_id>/export/<int:export_id>/download/",
        views.export_download,
        name="export_download",
    ),
    path("import/", views.import_project, name="import"),
]
