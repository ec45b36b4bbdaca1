from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("mine/", views.mine, name="mine"),
]
