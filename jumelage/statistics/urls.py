from django.urls import path
from django.views.decorators.http import require_GET

from . import views

app_name = "statistics"

urlpatterns = [
    path("", require_GET(views.index), name="index"),
    path("europe/", require_GET(views.europe), name="europe"),
    path("europe.csv", require_GET(views.europe_csv), name="europe_csv"),
    path("<str:code>/", require_GET(views.country), name="country"),
    path("<str:code>.csv", require_GET(views.country_csv), name="country_csv"),
]
