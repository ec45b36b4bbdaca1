from django.urls import path

from . import views

app_name = "groups"

urlpatterns = [
    path("", views.group_list, name="list"),
    path("new/", views.group_create, name="create"),
    path("<int:group_id>/", views.detail, name="detail"),
    path("<int:group_id>/join/", views.join, name="join"),
    path("<int:group_id>/leave/", views.leave, name="leave"),
    path("<int:group_id>/members/", views.members, name="members"),
    path("<int:group_id>/members/invite/", views.invite, name="invite"),
    path(
        "<int:group_id>/members/<int:member_id>/moderator/",
        views.make_moderator,
        name="make_moderator",
    ),
    path("<int:group_id>/forum/", views.forum, name="forum"),
    path("<int:group_id>/forum/new/", views.topic_create, name="topic_create"),
    path("<int:group_id>/forum/<int:topic_id>/", views.topic_detail, name="topic"),
    path("<int:group_id>/forum/<int:topic_id>/reply/", views.reply, name="reply"),
    path(
        "<int:group_id>/forum/<int:topic_id>/moderate/", views.topic_moderate, name="topic_moderate"
    ),
    path(
        "<int:group_id>/forum/<int:topic_id>/sticky/",
        views.topic_toggle,
        {"switch": "sticky"},
        name="topic_sticky",
    ),
    path(
        "<int:group_id>/forum/<int:topic_id>/lock/",
        views.topic_toggle,
        {"switch": "lock"},
        name="topic_lock",
    ),
    path(
        "<int:group_id>/forum/<int:topic_id>/follow/",
        views.topic_toggle,
        {"switch": "follow"},
        name="topic_follow",
    ),
    # Editing a topic or a reply (the project forum's form and service).
    path("<int:group_id>/forum/<int:topic_id>/edit/", views.topic_edit, name="topic_edit"),
    path("<int:group_id>/forum/posts/<int:post_id>/edit/", views.post_edit, name="post_edit"),
    path("<int:group_id>/forum/<int:topic_id>/report/", views.topic_report, name="topic_report"),
    path("<int:group_id>/forum/posts/<int:post_id>/report/", views.post_report, name="post_report"),
    path(
        "<int:group_id>/forum/posts/<int:post_id>/moderate/",
        views.post_moderate,
        name="post_moderate",
    ),
    path("<int:group_id>/events/", views.events, name="events"),
    path("<int:group_id>/events/new/", views.event_create, name="event_create"),
    path("<int:group_id>/events/<int:event_id>/edit/", views.event_edit, name="event_edit"),
    path("<int:group_id>/events/<int:event_id>/delete/", views.event_delete, name="event_delete"),
    path("<int:group_id>/library/", views.library, name="library"),
    path("<int:group_id>/library/upload/", views.upload, name="upload"),
    path("<int:group_id>/library/folders/new/", views.folder_create, name="folder_create"),
    path("<int:group_id>/library/folders/<int:folder_id>/", views.library, name="folder"),
    path(
        "<int:group_id>/library/folders/<int:folder_id>/new/",
        views.folder_create,
        name="subfolder_create",
    ),
    path(
        "<int:group_id>/library/folders/<int:folder_id>/upload/",
        views.upload,
        name="folder_upload",
    ),
    path("<int:group_id>/library/files/<int:item_id>/", views.download, name="download"),
    # The library's deletions and moves (the materials app's rules and services).
    path(
        "<int:group_id>/library/files/<int:item_id>/delete/",
        views.item_delete,
        name="item_delete",
    ),
    path("<int:group_id>/library/files/<int:item_id>/move/", views.item_move, name="item_move"),
    path(
        "<int:group_id>/library/folders/<int:folder_id>/delete/",
        views.folder_delete,
        name="folder_delete",
    ),
    # The report queue (twinspace's Report rows and moderation services).
    path("<int:group_id>/reports/", views.reports, name="reports"),
    path("<int:group_id>/reports/<int:report_id>/hide/", views.report_hide, name="report_hide"),
    path(
        "<int:group_id>/reports/<int:report_id>/dismiss/",
        views.report_dismiss,
        name="report_dismiss",
    ),
    # The group's calendar: a month and an iCalendar feed (the calendar app's views' parts).
    path("<int:group_id>/events/month/", views.event_month, name="event_month"),
    path("<int:group_id>/events/feed/", views.event_feed, name="event_feed"),
    path("<int:group_id>/events/feed/<str:token>.ics", views.event_ics, name="event_ics"),
]
