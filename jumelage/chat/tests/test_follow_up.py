"""Mentions and the teachers' notice of a pending message run off the posting path.

The message row is their outbox (Message.follow_up, stored by the INSERT): the
task does the work and clears the flag in one transaction; the sweep redoes what
a lost task left, and nobody is told twice.
"""

from datetime import timedelta

import pytest
from django.db.models import QuerySet
from django.utils import timezone

from jumelage.chat import services, tasks
from jumelage.chat.models import Message, Room
from jumelage.notifications.models import Notification
from jumelage.projects.access import ProjectAccess
from jumelage.testing import make_project, make_pupil

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    project = make_project(pupils_need_approval=False)
    membership = project.memberships.filter(is_founder=True).select_related("user").first()
    pupil = make_pupil(project)
    room = Room.objects.create(project=project, kind="general")
    access = ProjectAccess(project, pupil.pk, pupil.memberships.get(project=project))
    return {
        "project": project,
        "teacher": membership.user,
        "pupil": pupil,
        "room": room,
        "a": access,
    }


def post(w, body, client_id="c"):
    return services.post_message(w["pupil"], w["a"], w["room"], body, client_id)


def test_a_mention_is_told_by_the_task_after_commit_and_the_flag_cleared(
    w, django_capture_on_commit_callbacks
):
    teacher = w["teacher"]
    with django_capture_on_commit_callbacks(execute=True):
        message = post(w, f"@{teacher.display_name} bonjour")
    assert Notification.objects.filter(user=teacher, kind="mention").count() == 1
    assert not Message.objects.get(pk=message.pk).follow_up
    assert services.follow_up(message.pk) is False  # done once: a retry tells no one again
    assert Notification.objects.filter(user=teacher, kind="mention").count() == 1


def test_a_plain_message_leaves_no_follow_up(w, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = post(w, "bonjour")
    assert not message.follow_up
    assert not any("follow_up" in repr(c) for c in callbacks)


def test_the_sweep_does_what_a_lost_task_left(w, django_capture_on_commit_callbacks):
    teacher = w["teacher"]
    with django_capture_on_commit_callbacks(execute=False):  # the process died: no task
        message = post(w, f"@{teacher.display_name} ?")
    assert Message.objects.get(pk=message.pk).follow_up
    assert tasks.sweep_follow_ups() == 0  # too recent: its task may still be on its way
    old = timezone.now() - timedelta(minutes=5)
    QuerySet.update(Message.objects.filter(pk=message.pk), created_at=old)
    assert tasks.sweep_follow_ups() == 1
    assert Notification.objects.filter(user=teacher, kind="mention").count() == 1
    assert tasks.sweep_follow_ups() == 0


def test_a_pending_message_tells_the_teachers_off_the_posting_path(
    w, django_capture_on_commit_callbacks
):
    Room.objects.filter(pk=w["room"].pk).update(pupils_need_approval=True)
    w["room"].refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        message = post(w, "à approuver")
    assert message.visibility == "pending"
    assert Notification.objects.filter(user=w["teacher"]).exists()
    assert not Message.objects.get(pk=message.pk).follow_up
