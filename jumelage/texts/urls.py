from django.urls import path

from . import views

app_name = "texts"

urlpatterns = [
    path("", views.text_list, name="list"),
    path("new/", views.text_new, name="new"),
    path("<int:pk>/", views.text_detail, name="detail"),
    path("<int:pk>/edit/", views.text_edit, name="edit"),
    path("<int:pk>/delete/", views.text_delete, name="delete"),
]
