"""Pupils reply, pupil administrators open topics and hide pupils' messages (docs/roles.md)."""

import pytest

from jumelage.forum.models import Post
from jumelage.projects.models import Project, Visibility

from .helpers import reply, start_topic, url

pytestmark = pytest.mark.django_db

NEW = {"title": "Our recipes", "body": "<p>Share one.</p>"}


def test_ordinary_pupils_only_reply_by_default(client, world, topic):
    client.force_login(world.users["pupil"])
    page = client.get(url("topic_list", world.project.pk))
    assert url("topic_create", world.project.pk) not in page.text
    assert client.post(url("topic_create", world.project.pk), NEW).status_code == 403
    response = client.post(url("reply", world.project.pk, topic.pk), {"body": "<p>Hi</p>"})
    assert response.status_code == 302


def test_the_admins_may_let_pupils_open_topics(client, world):
    Project.objects.filter(pk=world.project.pk).update(pupils_may_start_topics=True)
    client.force_login(world.users["pupil"])
    assert client.post(url("topic_create", world.project.pk), NEW).status_code == 302


def test_a_pupil_admin_opens_topics(client, world):
    client.force_login(world.users["pupil_admin"])
    assert client.post(url("topic_create", world.project.pk), NEW).status_code == 302


def test_a_pupil_admin_hides_a_pupils_reply_but_not_a_teachers(client, world, topic):
    Project.objects.filter(pk=world.project.pk).update(pupils_need_approval=False)
    world.project.refresh_from_db()
    rude = reply(topic, world.users["pupil"], "<p>rude</p>")
    teachers = reply(topic, world.users["admin"], "<p>teacher</p>")
    client.force_login(world.users["pupil_admin"])
    page = client.get(url("topic_detail", world.project.pk, topic.pk))
    assert page.text.count(">Hide</button>") == 1
    hide = {"visibility": "hidden"}
    client.post(url("post_moderate", world.project.pk, rude.pk), hide)
    client.post(url("post_moderate", world.project.pk, teachers.pk), hide)
    assert Post.objects.get(pk=rude.pk).visibility == Visibility.HIDDEN
    assert Post.objects.get(pk=teachers.pk).visibility == Visibility.PUBLISHED
    # Restoring is the teachers' decision.
    client.post(url("post_moderate", world.project.pk, rude.pk), {"visibility": "published"})
    assert Post.objects.get(pk=rude.pk).visibility == Visibility.HIDDEN


def test_an_ordinary_pupil_hides_nothing(client, world, topic):
    Project.objects.filter(pk=world.project.pk).update(pupils_need_approval=False)
    world.project.refresh_from_db()
    other = reply(topic, world.users["pupil_admin"], "<p>mine</p>")
    client.force_login(world.users["pupil"])
    response = client.post(
        url("post_moderate", world.project.pk, other.pk), {"visibility": "hidden"}
    )
    assert response.status_code == 403
    assert Post.objects.get(pk=other.pk).visibility == Visibility.PUBLISHED


def test_a_topic_opened_by_a_pupil_admin_is_in_the_activity(world):
    topic = start_topic(world.project, world.users["pupil_admin"], title="Wall news")
    assert topic.author == world.users["pupil_admin"]
