"""A group's members edit their topics and replies, moderators anyone's: the project
forum's form, service and topic page (forum.views.edit_topic/edit_post, forum.pages)."""

import pytest
from django.urls import reverse

from jumelage import testing
from jumelage.audit.models import AuditEntry
from jumelage.forum import services as forum
from jumelage.groups import services
from jumelage.groups.access import load_access

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(world, group):
    admin = world.users["admin"]
    services.join(load_access(admin, group.pk))
    return admin


@pytest.fixture
def colleague(group):
    other = testing.make_teacher("DE")
    services.join(load_access(other, group.pk))
    return other


@pytest.fixture
def topic(group, member):
    return forum.start_topic(load_access(member, group.pk), member, "Sources", "<p>Which?</p>")


def test_the_author_edits_their_topic_and_reply(client, group, member, topic):
    answer = forum.reply(load_access(member, group.pk), topic, member, "<p>Mine</p>")
    testing.sign_in(client, member)
    page = client.get(reverse("groups:topic", args=[group.pk, topic.pk])).text
    assert reverse("groups:topic_edit", args=[group.pk, topic.pk]) in page
    assert reverse("groups:post_edit", args=[group.pk, answer.pk]) in page
    response = client.post(
        reverse("groups:topic_edit", args=[group.pk, topic.pk]),
        {"title": "Primary sources", "body": "<p>Which ones?</p>"},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("groups:post_edit", args=[group.pk, answer.pk]), {"body": "<p>Mine, edited</p>"}
    )
    assert response.status_code == 302
    topic.refresh_from_db()
    answer.refresh_from_db()
    assert topic.title == "Primary sources" and topic.edited_at is not None
    assert answer.body == "<p>Mine, edited</p>" and answer.edited_at is not None
    page = client.get(reverse("groups:topic", args=[group.pk, topic.pk])).text
    assert "edited" in page


def test_another_member_may_not_edit_but_a_moderator_may_and_is_audited(
    client, group, moderator, colleague, topic
):
    testing.sign_in(client, colleague)
    page = client.get(reverse("groups:topic", args=[group.pk, topic.pk])).text
    assert reverse("groups:topic_edit", args=[group.pk, topic.pk]) not in page
    edit = reverse("groups:topic_edit", args=[group.pk, topic.pk])
    assert client.post(edit, {"title": "Mine now", "body": "<p>x</p>"}).status_code == 403
    testing.sign_in(client, moderator)
    assert client.post(edit, {"title": "Tidied", "body": "<p>Which?</p>"}).status_code == 302
    topic.refresh_from_db()
    assert topic.title == "Tidied"
    assert AuditEntry.objects.filter(action="forum.edit", actor=moderator).exists()


def test_an_empty_edit_is_refused_on_the_form(client, group, member, topic):
    testing.sign_in(client, member)
    response = client.post(
        reverse("groups:topic_edit", args=[group.pk, topic.pk]), {"title": "x", "body": "<p></p>"}
    )
    assert response.status_code == 400 and "Write a message." in response.text
