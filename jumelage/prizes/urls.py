from django.urls import path

from . import views

app_name = "prizes"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.competition, name="competition"),
    path("<int:pk>/enter/", views.enter, name="enter"),
    path("<int:pk>/advance/", views.advance, name="advance"),
    path("entries/<int:entry_id>/score/", views.score, name="score"),
]
