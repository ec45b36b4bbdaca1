from django.urls import path

from . import views

app_name = "forum"

urlpatterns = [
    path("", views.topic_list, name="topic_list"),
    path("new/", views.topic_create, name="topic_create"),
    path("categories/", views.categories, name="categories"),
    path("categories/<int:category_id>/", views.category_edit, name="category_edit"),
    path("categories/<int:category_id>/rights/", views.category_rights, name="category_rights"),
    path("categories/<int:category_id>/delete/", views.category_delete, name="category_delete"),
    path("<int:topic_id>/", views.topic_detail, name="topic_detail"),
    path("<int:topic_id>/edit/", views.topic_edit, name="topic_edit"),
    path("<int:topic_id>/reply/", views.reply, name="reply"),
    path("<int:topic_id>/sticky/", views.topic_toggle, {"switch": "sticky"}, name="topic_sticky"),
    path("<int:topic_id>/lock/", views.topic_toggle, {"switch": "lock"}, name="topic_lock"),
    path("<int:topic_id>/follow/", views.topic_toggle, {"switch": "follow"}, name="topic_follow"),
    path("<int:topic_id>/moderate/", views.topic_moderate, name="topic_moderate"),
    path("<int:topic_id>/report/", views.topic_report, name="topic_report"),
    path("posts/<int:post_id>/edit/", views.post_edit, name="post_edit"),
    path("posts/<int:post_id>/moderate/", views.post_moderate, name="post_moderate"),
    path("posts/<int:post_id>/report/", views.post_report, name="post_report"),
]
