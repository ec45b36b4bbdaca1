from django.urls import path

from . import views

app_name = "materials"

urlpatterns = [
    path("", views.index, name="index"),
    path("upload/", views.upload, name="upload"),
    path("folders/new/", views.folder_create, name="folder_create"),
    path("folders/<int:folder_id>/", views.index, name="folder"),
    path("folders/<int:folder_id>/upload/", views.upload, name="folder_upload"),
    path("folders/<int:folder_id>/new/", views.folder_create, name="subfolder_create"),
    path("folders/<int:folder_id>/delete/", views.folder_delete, name="folder_delete"),
    path("folders/<int:folder_id>/rights/", views.folder_rights, name="folder_rights"),
    path("files/<int:item_id>/", views.download, name="download"),
    path("files/<int:item_id>/thumbnail/", views.thumbnail, name="thumbnail"),
    path("files/<int:item_id>/delete/", views.item_delete, name="item_delete"),
    path("picker/", views.picker, name="picker"),
]
