from django.urls import path

from . import views

app_name = "showcase"

urlpatterns = [
    path("projects/<int:project_id>/", views.manage, name="manage"),
    path("projects/<int:project_id>/generate/", views.generate, name="generate"),
    path("projects/<int:project_id>/download/", views.download, name="download"),
    path("projects/<int:project_id>/publish/", views.publish, name="publish"),
    path("projects/<int:project_id>/unpublish/", views.unpublish, name="unpublish"),
    # The published site: /showcase/<project_id>/ and the files under it.
    path("<int:project_id>/", views.public, name="public"),
    path("<int:project_id>/<path:path>", views.public, name="public_file"),
]
