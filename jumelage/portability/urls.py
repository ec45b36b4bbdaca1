from django.http import HttpResponseNotFound  # TRANSITIONAL (backups)
from django.urls import path

app_name = "portability"

urlpatterns: list = [
    path(  # TRANSITIONAL (backups): the export page's name, until portability's real view
        "projects/<int:project_id>/export/",
        lambda request, project_id: HttpResponseNotFound(),
        name="project_export",
    ),
]
