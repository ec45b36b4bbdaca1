from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("", views.search, name="search"),
    path("requests/", views.request_list, name="request_list"),
    path("requests/new/", views.request_create, name="request_create"),
    path("requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("requests/<int:pk>/edit/", views.request_edit, name="request_edit"),
    path("requests/<int:pk>/renew/", views.request_renew, name="request_renew"),
    path("requests/<int:pk>/close/", views.request_close, name="request_close"),
]
