"""A group's moderators edit and delete its events, with the calendar's form and service."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from jumelage import testing
from jumelage.audit.models import AuditEntry
from jumelage.calendar import services as calendar_services
from jumelage.calendar.models import Event
from jumelage.groups import services
from jumelage.groups.access import load_access
from jumelage.groups.models import Group

pytestmark = pytest.mark.django_db

FIELDS = {
    "title": "Online workshop",
    "starts_at": datetime(2030, 3, 4, 13, tzinfo=UTC),
    "ends_at": datetime(2030, 3, 4, 14, tzinfo=UTC),
    "timezone": "Europe/Paris",
}


@pytest.fixture
def member(world, group):
    admin = world.users["admin"]
    services.join(load_access(admin, group.pk))
    return admin


@pytest.fixture
def event(group, moderator):
    return calendar_services.create_event(moderator, group, dict(FIELDS))


def test_a_moderator_edits_an_event_at_its_own_time_zone(client, group, moderator, event):
    testing.sign_in(client, moderator)
    form = client.get(reverse("groups:event_edit", args=[group.pk, event.pk])).content.decode()
    assert 'value="2030-03-04T14:00"' in form  # shown at Paris time, as saved
    response = client.post(
        reverse("groups:event_edit", args=[group.pk, event.pk]),
        {
            "title": "Workshop, moved",
            "start": "2030-03-05T09:00",
            "end": "2030-03-05T08:00",
            "timezone": "Europe/Paris",
        },
    )
    assert response.status_code == 400  # the calendar's own check: it ends before it starts
    client.post(
        reverse("groups:event_edit", args=[group.pk, event.pk]),
        {
            "title": "Workshop, moved",
            "start": "2030-03-05T09:00",
            "end": "2030-03-05T10:00",
            "timezone": "Europe/Paris",
        },
    )
    event.refresh_from_db()
    assert event.title == "Workshop, moved" and event.sequence == 1
    assert event.starts_at == datetime(2030, 3, 5, 8, tzinfo=UTC)
    assert (
        "Workshop, moved" in client.get(reverse("groups:events", args=[group.pk])).content.decode()
    )


def test_a_moderator_deletes_an_event_and_the_audit_trail_keeps_it(client, group, moderator, event):
    testing.sign_in(client, moderator)
    response = client.post(reverse("groups:event_delete", args=[group.pk, event.pk]))
    assert response.status_code == 302 and not Event.objects.exists()
    assert AuditEntry.objects.filter(action="calendar.event_deleted", project=None).exists()


def test_members_and_other_groups_moderators_get_a_404(client, group, moderator, member, event):
    client.force_login(member)
    page = client.get(reverse("groups:events", args=[group.pk])).content.decode()
    assert reverse("groups:event_edit", args=[group.pk, event.pk]) not in page
    assert client.get(reverse("groups:event_edit", args=[group.pk, event.pk])).status_code == 404
    assert client.post(reverse("groups:event_delete", args=[group.pk, event.pk])).status_code == 404

    other = services.create_group(member, name="Other", admission=Group.Admission.OPEN)
    # A moderator of another group cannot reach this event through their own group.
    assert client.post(reverse("groups:event_delete", args=[other.pk, event.pk])).status_code == 404
    assert Event.objects.filter(pk=event.pk).exists()
