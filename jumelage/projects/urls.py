from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "projects"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("mine/", views.mine, name="mine"),
    path("new/", views.create, name="create"),
    path("approvals/", views.approvals, name="approvals"),
    path("invitations/<slug:token>/", views.invitation, name="invitation"),
    # The address printed on the pupils' cards before it moved to accounts/.
    path(
        "pupils/login/",
        RedirectView.as_view(pattern_name="accounts:pupil_login", permanent=True),
        name="pupil_login_card",
    ),
    path("<int:project_id>/", views.detail, name="detail"),
    path("<int:project_id>/edit/", views.edit, name="edit"),
    path("<int:project_id>/cofounder/", views.cofounder, name="cofounder"),
    path("<int:project_id>/submit/", views.submit, name="submit"),
    path("<int:project_id>/approval/<str:country>/", views.decide, name="decide"),
    path("<int:project_id>/invitations/", views.invitations, name="invitations"),
    path(
        "<int:project_id>/invitations/<int:invitation_id>/revoke/",
        views.revoke,
        name="revoke",
    ),
    path("<int:project_id>/members/", views.members, name="members"),
    path(
        "<int:project_id>/members/<int:membership_id>/remove/",
        views.remove_member,
        name="remove_member",
    ),
    path(
        "<int:project_id>/members/<int:membership_id>/make-admin/",
        views.make_admin,
        name="make_admin",
    ),
    path("<int:project_id>/leave/", views.leave, name="leave"),
    path("<int:project_id>/close/", views.lifecycle, {"step": "close"}, name="close"),
    path("<int:project_id>/reopen/", views.lifecycle, {"step": "reopen"}, name="reopen"),
    path("<int:project_id>/archive/", views.lifecycle, {"step": "archive"}, name="archive"),
    path("<int:project_id>/pupils/", views.pupils, name="pupils"),
    path(
        "<int:project_id>/pupils/<int:membership_id>/reset/",
        views.pupil_reset,
        name="pupil_reset",
    ),
    path(
        "<int:project_id>/pupils/<int:membership_id>/pupil-admin/",
        views.pupil_admin,
        name="pupil_admin",
    ),
]
