from django.urls import path

from . import views

app_name = "kits"

urlpatterns = [
    path("", views.kit_list, name="list"),
    path("<slug:slug>/", views.kit_detail, name="detail"),
]
