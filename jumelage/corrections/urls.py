from django.urls import path

from . import views

app_name = "corrections"

urlpatterns = [
    path("", views.index, name="index"),
    path("<str:language>/", views.language, name="language"),
    path("<str:language>/export.po", views.export, name="export"),
]
