from django.templatetags.static import static
from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("language/", views.set_language, name="set_language"),
    path("style/", views.style_guide, name="style_guide"),
    path("editor/words.js", views.editor_words, name="editor_words"),
    path("readyz", views.readyz, name="readyz"),
    # The historical name, polled by .ci/run and existing monitors: readiness.
    path("healthz", views.readyz, name="healthz"),
    # Browsers ask for /favicon.ico whatever the page says: no 404 on every page.
    path(
        "favicon.ico",
        RedirectView.as_view(url=static("core/favicon.ico"), permanent=True),
        name="favicon",
    ),
]
