"""The moderation queue says what, who, where and when, and the teachers hear of it (issue 14)."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.functional import Promise

from jumelage.blog.models import Comment
from jumelage.blog.models import Post as BlogPost
from jumelage.chat.models import Room
from jumelage.forum.models import Post, Topic
from jumelage.notifications.models import Notification, Preference
from jumelage.notifications.tasks import send_daily_digests
from jumelage.projects.models import Visibility
from jumelage.twinspace import services
from jumelage.twinspace.reporting import LABELS, kind_label

from .helpers import page, report, url

pytestmark = pytest.mark.django_db


def _topic(project, author, title="Our towns"):
    return Topic.objects.create(project=project, author=author, title=title, body="<p>Hello</p>")


def _pending_reply(topic, author, body="<p>We have <b>three</b> rivers.</p>"):
    return Post.objects.create(topic=topic, author=author, body=body, visibility="pending")


def test_the_queue_shows_what_who_where_when_and_an_excerpt(client, world):
    project, admin, pupil = world.project, world.users["admin"], world.users["pupil"]
    topic = _topic(project, admin)
    reply = _pending_reply(topic, pupil)
    waiting_page = page(project, pupil, "Our school", "<p>We are <i>25</i>.</p>", "pending")
    client.force_login(admin)
    text = client.get(url("moderation", project)).text
    assert f'<a href="{waiting_page.get_absolute_url()}">Our school — We are 25.</a>' in text
    assert f"Reply #{reply.pk}" not in text
    assert "forum reply" in text
    assert str(pupil) in text
    topic_url = reverse(
        "forum:topic_detail", kwargs={"project_id": project.pk, "topic_id": topic.pk}
    )
    assert f'<a href="{topic_url}">Our towns</a>' in text
    assert "We have three rivers." in text and "<b>three</b>" not in text
    assert f'datetime="{reply.created_at.isoformat()}' in text or "<time datetime=" in text
    assert 'name="action" value="approve"' in text and 'hx-post="' in text


def test_a_report_shows_the_content_its_author_and_the_reporter(client, world):
    project, admin, pupil = world.project, world.users["admin"], world.users["pupil"]
    topic = _topic(project, pupil, title="Football")
    reply = Post.objects.create(topic=topic, author=pupil, body="<p>Something rude</p>")
    report(world.users["teacher"], project, reply, "Not kind")
    client.force_login(admin)
    text = client.get(url("moderation", project)).text
    assert "forum reply" in text and "Something rude" in text and "Football" in text
    assert f"By {pupil}" in text and "Not kind" in text
    assert f"Reported by {world.users['teacher']}" in text


def test_every_kind_of_content_has_a_translatable_name():
    for model in services.moderated_models():
        label = LABELS.get(model._meta.label_lower) or model._meta.original_attrs.get(
            "verbose_name"
        )
        assert isinstance(label, Promise), model._meta.label
    assert kind_label(Post) == "forum reply"


def test_approving_works_without_javascript_and_with_htmx(client, world):
    project, admin, pupil = world.project, world.users["admin"], world.users["pupil"]
    topic = _topic(project, admin)
    first, second = _pending_reply(topic, pupil), _pending_reply(topic, pupil)
    client.force_login(admin)
    data = {"content_type": "forum.post", "action": "approve", "next": url("moderation", project)}
    response = client.post(url("moderate", project), {**data, "object_id": first.pk})
    assert response.status_code == 303 and response["Location"] == url("moderation", project)
    response = client.post(
        url("moderate", project), {**data, "object_id": second.pk}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response.text.strip().startswith("<li") and "approved" in response.text
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.visibility == second.visibility == Visibility.PUBLISHED


def _fill(project, author, n):
    """n items of three kinds: pending forum replies and blog comments, reported chat messages."""
    topic = _topic(project, author)
    post = BlogPost.objects.create(project=project, author=author, title="Journal")
    room = Room.objects.create(project=project, name="Class chat", kind=Room.Kind.BREAKOUT)
    for i in range(n):
        kind = i % 3
        if kind == 0:
            _pending_reply(topic, author)
        elif kind == 1:
            Comment.objects.create(post=post, author=author, body="Nice", visibility="pending")
        else:
            from jumelage.chat.models import Message

            message = Message(room=room, author=author, body=f"hi {i}", client_id=f"c{i}")
            message.save()
            report(author, project, message, "rude")


def test_the_queue_makes_as_many_queries_for_13_items_as_for_3(
    client, world, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    project, admin, pupil = world.project, world.users["admin"], world.users["pupil"]
    client.force_login(admin)
    _fill(project, pupil, 3)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url("moderation", project)).status_code == 200
    _fill(project, pupil, 10)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url("moderation", project)).status_code == 200
    assert len(many) == len(few)
    assert len(few) <= 30


def test_teachers_are_told_once_that_something_waits(world, django_capture_on_commit_callbacks):
    from jumelage.forum import services as forum
    from jumelage.projects.access import access_for

    project, pupil = world.project, world.users["pupil"]
    topic = _topic(project, world.users["admin"])
    access = access_for(pupil, project)
    with django_capture_on_commit_callbacks(execute=True):
        forum.reply(access, topic, pupil, "<p>Hello</p>")
    with django_capture_on_commit_callbacks(execute=True):
        forum.reply(access, topic, pupil, "<p>Again</p>")
    queue = url("moderation", project)
    told = Notification.objects.filter(url=queue)
    teachers = project.memberships.filter(role__in=["admin", "teacher"])
    assert sorted(n.user_id for n in told) == sorted(teachers.values_list("user_id", flat=True))
    assert world.users["teacher"].pk in [n.user_id for n in told]
    assert all("forum reply" in n.title and project.title in n.title for n in told)
    assert not Notification.objects.filter(user=pupil, url=queue).exists()


def test_a_report_tells_the_other_teachers_and_reaches_the_digest(
    world, django_capture_on_commit_callbacks
):
    project, admin, teacher = world.project, world.users["admin"], world.users["teacher"]
    Preference.objects.create(user=admin, kind="approval", in_app=True, email=False, digest=True)
    reply = Post.objects.create(topic=_topic(project, admin), author=admin, body="<p>x</p>")
    with django_capture_on_commit_callbacks(execute=True):
        report(teacher, project, reply, "spam")
    assert Notification.objects.filter(user=admin, url=url("moderation", project)).exists()
    assert not Notification.objects.filter(user=teacher, url=url("moderation", project)).exists()
    send_daily_digests.delay()
    assert len(mail.outbox) == 1
    assert f"Reported in {project.title}: forum reply" in mail.outbox[0].body
