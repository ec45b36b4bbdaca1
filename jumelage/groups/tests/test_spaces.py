"""A group and a project share the forum and the library: the same rows, rules and services."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from jumelage import testing
from jumelage.audit.models import AuditEntry
from jumelage.forum.models import Post, Topic
from jumelage.groups import services
from jumelage.groups.access import load_access
from jumelage.materials import services as materials_services
from jumelage.materials.models import Folder, Item
from jumelage.materials.tests import samples

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(world, group):
    admin = world.users["admin"]
    services.join(load_access(admin, group.pk))
    return admin


def test_a_groups_topic_is_a_forum_topic_of_the_group_and_of_no_project(client, group, member):
    client.force_login(member)
    response = client.post(
        reverse("groups:topic_create", args=[group.pk]),
        {"title": "Sources for 1914", "body": "<p>Which archives?</p><script>x()</script>"},
    )
    topic = Topic.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/forum/{topic.pk}/")
    assert topic.group == group and topic.project is None
    assert "<script>" not in topic.body  # the forum's own sanitising
    page = client.get(reverse("groups:forum", args=[group.pk])).content.decode()
    assert "Sources for 1914" in page


def test_a_moderator_hides_a_post_that_members_then_miss_and_its_author_sees_marked(
    client, world, group, moderator, member
):
    from jumelage.forum import services as forum

    topic = forum.start_topic(load_access(moderator, group.pk), moderator, "Hi", "<p>Hi</p>")
    post = forum.reply(load_access(member, group.pk), topic, member, "<p>Buy my book</p>")
    reader = testing.make_teacher("ES")
    services.join(load_access(reader, group.pk))

    testing.sign_in(client, moderator)
    client.post(reverse("groups:post_moderate", args=[group.pk, post.pk]), {"visibility": "hidden"})
    post.refresh_from_db()
    assert post.visibility == "hidden" and post.moderated_by == moderator
    assert AuditEntry.objects.filter(action="moderation.hidden", project=None).exists()

    client.force_login(reader)
    assert (
        "Buy my book"
        not in client.get(reverse("groups:topic", args=[group.pk, topic.pk])).content.decode()
    )
    client.force_login(member)
    page = client.get(reverse("groups:topic", args=[group.pk, topic.pk])).content.decode()
    assert "Buy my book" in page and "Hidden" in page


def test_a_member_cannot_moderate(client, group, moderator, member):
    from jumelage.forum import services as forum

    topic = forum.start_topic(load_access(moderator, group.pk), moderator, "Hi", "<p>Hi</p>")
    client.force_login(member)
    response = client.post(
        reverse("groups:topic_moderate", args=[group.pk, topic.pk]), {"visibility": "hidden"}
    )
    assert response.status_code == 404
    topic.refresh_from_db()
    assert topic.visibility == "published"


def test_a_project_and_a_group_never_see_each_others_topics(client, world, group, member):
    from jumelage.forum import services as forum
    from jumelage.projects.access import access_for

    forum.start_topic(access_for(member, world.project), member, "Project only", "<p>x</p>")
    forum.start_topic(load_access(member, group.pk), member, "Group only", "<p>y</p>")
    client.force_login(member)
    group_page = client.get(reverse("groups:forum", args=[group.pk])).content.decode()
    project_page = client.get(reverse("forum:topic_list", args=[world.project.pk])).content.decode()
    assert "Group only" in group_page and "Project only" not in group_page
    assert "Project only" in project_page and "Group only" not in project_page


def test_the_database_keeps_one_space_per_topic_folder_and_file(world, group):
    from jumelage.calendar.models import Event

    now = timezone.now()
    for model, fields in (
        (Topic, {"title": "t", "body": "b"}),
        (Event, {"title": "e", "starts_at": now, "ends_at": now + timedelta(hours=1)}),
        (Folder, {"name": "f"}),
        (Item, {"name": "i", "kind": "pdf", "size": 1, "file": "x.pdf"}),
    ):
        for owners in ({}, {"project": world.project, "group": group}):
            with pytest.raises(IntegrityError), transaction.atomic():
                model.objects.create(**owners, **fields)


def test_a_members_file_goes_through_the_librarys_checks_and_comes_back(client, group, member):
    client.force_login(member)
    client.post(reverse("groups:upload", args=[group.pk]), {"files": samples.pdf("notes.pdf")})
    item = Item.objects.get()
    assert item.group == group and item.project is None
    assert item.file.name.startswith(f"materials/groups/{group.pk}/")
    response = client.get(reverse("groups:download", args=[group.pk, item.pk]))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")

    program = samples.windows_program("notes.pdf")
    page = client.post(reverse("groups:upload", args=[group.pk]), {"files": program}, follow=True)
    assert page.status_code == 200 and Item.objects.count() == 1  # refused, with its reason


def test_a_file_of_a_group_is_not_reachable_through_a_project(client, world, group, member):
    item = materials_services.store_upload(group, member, samples.pdf(), None)
    client.force_login(member)
    url = reverse("materials:download", args=[world.project.pk, item.pk])
    assert client.get(url).status_code == 404


def test_a_teacher_outside_the_group_cannot_read_its_forum(client, group):
    stranger = testing.make_teacher("PL")
    client.force_login(stranger)
    assert client.get(reverse("groups:forum", args=[group.pk])).status_code == 404
    assert not Post.objects.exists()


def test_a_moderator_puts_an_event_in_the_groups_calendar_and_members_read_it(
    client, group, moderator, member
):
    from jumelage.calendar.models import Event

    testing.sign_in(client, moderator)
    response = client.post(
        reverse("groups:event_create", args=[group.pk]),
        {
            "title": "Online workshop",
            "start": "2030-03-04T14:00",
            "end": "2030-03-04T13:00",
            "timezone": "Europe/Paris",
        },
    )
    assert response.status_code == 400  # the calendar's own check: it ends before it starts
    assert "must end after it starts" in response.content.decode()
    client.post(
        reverse("groups:event_create", args=[group.pk]),
        {
            "title": "Online workshop",
            "start": "2030-03-04T14:00",
            "end": "2030-03-04T15:00",
            "timezone": "Europe/Paris",
        },
    )
    event = Event.objects.get()
    assert event.group == group and event.project is None
    client.force_login(member)
    page = client.get(reverse("groups:events", args=[group.pk])).content.decode()
    assert "Online workshop" in page and "Europe/Paris" in page
    assert client.get(reverse("groups:event_create", args=[group.pk])).status_code == 404
