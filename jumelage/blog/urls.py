from django.urls import path

from . import feeds, views

app_name = "blog"

urlpatterns = [
    path("", views.post_list, name="post_list"),
    path("feed/", feeds.BlogFeed(), name="feed"),
    path("settings/", views.blog_settings, name="settings"),
    path("new/", views.post_create, name="post_create"),
    path("<int:post_id>/", views.post_detail, name="post_detail"),
    path("<int:post_id>/cover/", views.cover, name="cover"),
    path("<int:post_id>/edit/", views.post_edit, name="post_edit"),
    path("<int:post_id>/publish/", views.post_publish, name="post_publish"),
    path("<int:post_id>/unpublish/", views.post_unpublish, name="post_unpublish"),
    path("<int:post_id>/delete/", views.post_delete, name="post_delete"),
    path("<int:post_id>/moderate/", views.post_moderate, name="post_moderate"),
    path("<int:post_id>/report/", views.post_report, name="post_report"),
    path("<int:post_id>/comments/", views.comment_add, name="comment_add"),
    path("comments/<int:comment_id>/moderate/", views.comment_moderate, name="comment_moderate"),
    path("comments/<int:comment_id>/report/", views.comment_report, name="comment_report"),
]
