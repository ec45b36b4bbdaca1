from django.urls import path

from . import views

app_name = "wiki"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("<int:page_id>/", views.detail, name="detail"),
    path("<int:page_id>/edit/", views.edit, name="edit"),
    path("<int:page_id>/history/", views.history, name="history"),
    path("<int:page_id>/diff/", views.diff, name="diff"),
    path("<int:page_id>/revisions/<int:number>/", views.revision, name="revision"),
    path("<int:page_id>/revisions/<int:number>/restore/", views.restore, name="restore"),
    path("<int:page_id>/delete/", views.delete, name="delete"),
    path("<int:page_id>/rights/", views.rights, name="rights"),
]
