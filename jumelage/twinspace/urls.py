from django.urls import path

from . import views

app_name = "twinspace"

urlpatterns = [
    path("", views.home, name="home"),
    path("bulletin/", views.bulletin_post, name="bulletin_post"),
    path("bulletin/<int:note_id>/delete/", views.bulletin_delete, name="bulletin_delete"),
    path("settings/", views.space_settings, name="settings"),
    path("moderation/", views.moderation, name="moderation"),
    path("moderation/decide/", views.moderate, name="moderate"),
    path("moderation/reports/<int:report_id>/close/", views.resolve_report, name="resolve_report"),
    path("moderation/log/", views.audit, name="audit"),
    path("report/", views.report, name="report"),
    path("search/", views.search, name="search"),
]
