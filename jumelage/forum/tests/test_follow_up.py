"""A reply's followers are told off the posting path (Post.follow_up, forum.tasks).

A topic a whole project follows must not make its replies slow: the reply stores its
outbox flag, the task tells the followers after the commit and clears the flag in the
same transaction, and the sweep redoes what a lost task left. Nobody is told twice.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jumelage import testing
from jumelage.celery import app
from jumelage.forum import services, tasks
from jumelage.forum.models import Follow, Post
from jumelage.notifications.models import Notification
from jumelage.projects.models import Project

from .helpers import url

pytestmark = pytest.mark.django_db


def followers(topic, n):
    users = [testing.add_member(topic.project) for _ in range(n)]
    Follow.objects.bulk_create(Follow(topic=topic, user=u) for u in users)
    return users


def post_reply(client, topic, body, callbacks, *, execute=True):
    with callbacks(execute=execute):
        response = client.post(url("reply", topic.project_id, topic.pk), {"body": body})
    assert response.status_code == 302
    return Post.objects.get(body=body)


def test_a_reply_costs_the_same_queries_for_one_follower_or_thirty(
    client, teacher, topic, django_capture_on_commit_callbacks
):
    client.force_login(teacher)
    (one,) = followers(topic, 1)
    with CaptureQueriesContext(connection) as few:
        first = post_reply(
            client, topic, "<p>1</p>", django_capture_on_commit_callbacks, execute=False
        )
    assert not Notification.objects.exists()  # nobody is told before the task runs
    with CaptureQueriesContext(connection) as told_one:
        assert services.follow_up(first.pk) is True
    many = followers(topic, 29)
    with CaptureQueriesContext(connection) as more:
        second = post_reply(
            client, topic, "<p>2</p>", django_capture_on_commit_callbacks, execute=False
        )
    assert len(more) == len(few)
    with CaptureQueriesContext(connection) as told_thirty:
        assert services.follow_up(second.pk) is True
    assert len(told_thirty) == len(told_one)
    assert Notification.objects.filter(user__in=many, kind="activity").count() == 29
    assert Notification.objects.filter(user=one, kind="activity").count() == 2


def test_the_followers_are_told_once_after_the_commit_and_the_flag_cleared(
    client, teacher, topic, django_capture_on_commit_callbacks
):
    (colleague,) = followers(topic, 1)
    client.force_login(teacher)
    post = post_reply(client, topic, "<p>news</p>", django_capture_on_commit_callbacks)
    assert Notification.objects.filter(user=colleague, kind="activity").count() == 1
    assert not Post.objects.get(pk=post.pk).follow_up
    assert services.follow_up(post.pk) is False  # done once: a retry tells no one again
    assert tasks.follow_up.delay(post.pk)
    assert Notification.objects.filter(user=colleague).count() == 1


def reply_left_undone(client, teacher, topic, callbacks):
    """A follower, and the teacher's reply whose task never ran (its process died between
    the commit and the queueing, or it has not run yet)."""
    (colleague,) = followers(topic, 1)
    client.force_login(teacher)
    return colleague, post_reply(client, topic, "<p>left</p>", callbacks, execute=False)


def test_the_sweep_does_what_a_lost_task_left(
    client, teacher, topic, django_capture_on_commit_callbacks
):
    colleague, post = reply_left_undone(client, teacher, topic, django_capture_on_commit_callbacks)
    assert Post.objects.get(pk=post.pk).follow_up
    assert tasks.sweep_follow_ups() == 0  # too recent: its task may still be on its way
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    assert tasks.sweep_follow_ups() == 1
    assert Notification.objects.filter(user=colleague, kind="activity").count() == 1
    assert tasks.sweep_follow_ups() == 0


def test_a_reply_hidden_before_its_task_ran_tells_no_one(
    client, teacher, topic, django_capture_on_commit_callbacks
):
    colleague, post = reply_left_undone(client, teacher, topic, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=False):
        client.post(url("post_moderate", topic.project_id, post.pk), {"visibility": "hidden"})
    assert services.follow_up(post.pk) is True
    assert not Notification.objects.filter(user=colleague).exists()
    assert not Post.objects.get(pk=post.pk).follow_up


def test_an_approved_reply_reaches_the_followers_after_its_approval(
    client, project, teacher, pupil, topic, django_capture_on_commit_callbacks
):
    Project.objects.filter(pk=project.pk).update(pupils_need_approval=True)
    (colleague,) = followers(topic, 1)
    client.force_login(pupil)
    post = post_reply(client, topic, "<p>waits</p>", django_capture_on_commit_callbacks)
    assert post.visibility == "pending" and not post.follow_up
    assert not Notification.objects.filter(user=colleague, kind="activity").exists()
    client.force_login(teacher)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("post_moderate", project.pk, post.pk), {"visibility": "published"})
    assert Notification.objects.filter(user=colleague, kind="activity").count() == 1
    assert not Post.objects.get(pk=post.pk).follow_up


def test_the_beat_schedule_sweeps_the_forum_and_the_chat():
    scheduled = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "jumelage.forum.tasks.sweep_follow_ups" in scheduled
    assert "jumelage.chat.tasks.sweep_follow_ups" in scheduled
