from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("language/", views.set_language, name="set_language"),
    path("readyz", views.readyz, name="readyz"),
    # The historical name, polled by .ci/run and existing monitors: readiness.
    path("healthz", views.readyz, name="healthz"),
]
