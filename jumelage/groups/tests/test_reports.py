"""A group's reports are rows of the TwinSpace's Report, worked through in a queue."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from jumelage import testing
from jumelage.audit.models import AuditEntry
from jumelage.forum import services as forum
from jumelage.forum.models import Post, Topic
from jumelage.groups import services
from jumelage.groups.access import load_access
from jumelage.groups.models import Group
from jumelage.twinspace.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(world, group):
    admin = world.users["admin"]
    services.join(load_access(admin, group.pk))
    return admin


@pytest.fixture
def topic(group, member):
    return forum.start_topic(load_access(member, group.pk), member, "Sources", "<p>Which?</p>")


@pytest.fixture
def post(group, moderator, topic):
    return forum.reply(load_access(moderator, group.pk), topic, moderator, "<p>Buy my book</p>")


def _report(client, group, post, reason="Advertising"):
    return client.post(reverse("groups:post_report", args=[group.pk, post.pk]), {"reason": reason})


def test_a_report_is_a_row_of_the_group_the_moderator_sees_in_the_queue(
    client, world, group, moderator, member, post
):
    client.force_login(member)
    _report(client, group, post)
    report = Report.objects.get()
    assert report.group == group and report.project is None and report.reporter == member

    client.force_login(moderator)
    home = client.get(reverse("groups:detail", args=[group.pk])).content.decode()
    assert reverse("groups:reports", args=[group.pk]) in home
    assert '<span class="badge">1</span>' in home
    page = client.get(reverse("groups:reports", args=[group.pk])).content.decode()
    assert "Buy my book" in page and "Advertising" in page and str(member) in page
    assert str(moderator) in page  # the author of the reply
    assert f"#post-{post.pk}" in page  # a link to the reply in its topic
    # The project's queue does not list the group's report, nor the group a project's.
    assert not Report.objects.filter(project=world.project).exists()


def test_hiding_from_the_queue_hides_the_content_and_closes_its_reports(
    client, group, moderator, member, post
):
    client.force_login(member)
    _report(client, group, post)
    _report(client, group, post, reason="Spam")
    client.force_login(moderator)
    first = Report.objects.order_by("pk").first()
    response = client.post(reverse("groups:report_hide", args=[group.pk, first.pk]))
    assert response["Location"] == reverse("groups:reports", args=[group.pk])
    post.refresh_from_db()
    assert post.visibility == "hidden"
    assert not Report.objects.filter(resolved_at__isnull=True).exists()  # both closed
    assert AuditEntry.objects.get(action="moderation.hidden").data["group"] == group.pk
    page = client.get(reverse("groups:reports", args=[group.pk])).content.decode()
    assert "No open report." in page


def test_dismissing_closes_the_report_and_keeps_the_content(
    client, group, moderator, member, topic
):
    client.force_login(member)
    client.post(reverse("groups:topic_report", args=[group.pk, topic.pk]), {"reason": "Dup"})
    report = Report.objects.get()
    client.force_login(moderator)
    client.post(reverse("groups:report_dismiss", args=[group.pk, report.pk]))
    report.refresh_from_db()
    assert report.resolved_by == moderator and report.resolved_at is not None
    assert Topic.objects.get(pk=topic.pk).visibility == "published"
    entry = AuditEntry.objects.get(action="moderation.report_resolved")
    assert entry.actor == moderator and entry.data["group"] == group.pk
    # A closed report is no longer in the queue and cannot be acted on again.
    response = client.post(reverse("groups:report_hide", args=[group.pk, report.pk]))
    assert response.status_code == 404


def test_only_the_groups_moderators_reach_the_queue_and_its_actions(
    client, group, moderator, member, post
):
    client.force_login(member)
    _report(client, group, post)
    report = Report.objects.get()
    other = services.create_group(moderator, name="Other", admission=Group.Admission.OPEN)
    for user in (member, testing.make_teacher("IT")):
        client.force_login(user)
        assert client.get(reverse("groups:reports", args=[group.pk])).status_code == 404
        for name in ("groups:report_hide", "groups:report_dismiss"):
            assert client.post(reverse(name, args=[group.pk, report.pk])).status_code == 404
    # A moderator of another group cannot reach this group's report through theirs.
    client.force_login(moderator)
    for name in ("groups:report_hide", "groups:report_dismiss"):
        assert client.post(reverse(name, args=[other.pk, report.pk])).status_code == 404
    assert Report.objects.filter(resolved_at__isnull=True).count() == 1
    assert Post.objects.get(pk=post.pk).visibility == "published"


def test_a_report_belongs_to_exactly_one_space(group, member, post, world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(
            project=world.project, group=group, target_type_id=1, target_id=post.pk
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(target_type_id=1, target_id=post.pk)
