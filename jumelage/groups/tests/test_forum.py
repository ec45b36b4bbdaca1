"""A group's forum has the project forum's switches: pin, lock, follow and report."""

import pytest
from django.urls import reverse

from jumelage import testing
from jumelage.audit.models import AuditEntry
from jumelage.forum import services as forum
from jumelage.forum.models import Post, Topic
from jumelage.groups import services
from jumelage.groups.access import load_access
from jumelage.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(world, group):
    admin = world.users["admin"]
    services.join(load_access(admin, group.pk))
    return admin


@pytest.fixture
def topic(group, member):
    return forum.start_topic(load_access(member, group.pk), member, "Sources", "<p>Which?</p>")


def test_a_moderator_pins_and_locks_and_a_locked_topic_refuses_members_replies(
    client, group, moderator, member, topic
):
    other = forum.start_topic(load_access(member, group.pk), member, "Later", "<p>Newer</p>")
    testing.sign_in(client, moderator)
    client.post(reverse("groups:topic_sticky", args=[group.pk, topic.pk]))
    client.post(reverse("groups:topic_lock", args=[group.pk, topic.pk]))
    topic.refresh_from_db()
    assert topic.sticky and topic.locked
    listing = client.get(reverse("groups:forum", args=[group.pk])).content.decode()
    assert listing.index("Sources") < listing.index(other.title)  # pinned first
    assert "pinned" in listing and "locked" in listing

    client.force_login(member)
    page = client.get(reverse("groups:topic", args=[group.pk, topic.pk])).content.decode()
    assert "This topic is locked: it takes no more replies." in page
    assert reverse("groups:reply", args=[group.pk, topic.pk]) not in page
    response = client.post(
        reverse("groups:reply", args=[group.pk, topic.pk]), {"body": "<p>Still?</p>"}
    )
    assert response.status_code == 403
    assert not Post.objects.filter(topic=topic).exists()

    # The moderator still answers in a locked topic, as a project's teachers do.
    client.force_login(moderator)
    client.post(reverse("groups:reply", args=[group.pk, topic.pk]), {"body": "<p>Closed.</p>"})
    assert Post.objects.filter(topic=topic, author=moderator).exists()


def test_members_cannot_pin_or_lock(client, group, member, topic):
    client.force_login(member)
    assert client.post(reverse("groups:topic_sticky", args=[group.pk, topic.pk])).status_code == 404
    assert client.post(reverse("groups:topic_lock", args=[group.pk, topic.pk])).status_code == 404
    topic.refresh_from_db()
    assert not topic.sticky and not topic.locked


def test_a_follower_hears_of_a_reply_with_a_link_to_the_groups_topic(
    client, django_capture_on_commit_callbacks, group, moderator, member, topic
):
    client.force_login(moderator)
    response = client.post(reverse("groups:topic_follow", args=[group.pk, topic.pk]))
    assert response.status_code == 302
    client.force_login(member)  # the author follows their own topic already
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("groups:reply", args=[group.pk, topic.pk]), {"body": "<p>Here</p>"})
    post = Post.objects.get(topic=topic)
    notice = Notification.objects.get(user=moderator)
    assert "Sources" in notice.title
    assert notice.url.startswith(reverse("groups:topic", args=[group.pk, topic.pk]))
    assert notice.url.endswith(f"#post-{post.pk}")
    assert not Notification.objects.filter(user=member).exists()  # not for one's own reply


def test_a_follower_who_left_the_group_hears_nothing(client, group, moderator, member, topic):
    outsider = testing.make_teacher("ES")
    services.join(load_access(outsider, group.pk))
    forum.toggle_follow(topic, outsider)
    services.leave(load_access(outsider, group.pk))
    forum.reply(load_access(moderator, group.pk), topic, moderator, "<p>News</p>")
    assert not Notification.objects.filter(user=outsider).exists()


def test_a_report_reaches_the_groups_moderators_and_the_audit_trail(
    client, django_capture_on_commit_callbacks, group, moderator, member, topic
):
    post = forum.reply(load_access(moderator, group.pk), topic, moderator, "<p>Buy it</p>")
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("groups:post_report", args=[group.pk, post.pk]), {"reason": "Advertising"}
        )
        client.post(reverse("groups:topic_report", args=[group.pk, topic.pk]), {"reason": "Dup"})
    assert response.status_code == 302
    notices = Notification.objects.filter(user=moderator, kind=Notification.Kind.APPROVAL)
    assert notices.count() == 2
    assert {n.url for n in notices} == {reverse("groups:reports", args=[group.pk])}
    assert "History teachers" in notices.first().title
    assert not Notification.objects.filter(user=member, kind=Notification.Kind.APPROVAL).exists()
    entry = AuditEntry.objects.get(action="moderation.report", note="Advertising")
    assert entry.project is None and entry.data["group"] == group.pk
    assert Topic.objects.filter(pk=topic.pk, visibility="published").exists()  # nothing hidden
