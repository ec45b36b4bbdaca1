import pytest

from jumelage.audit.models import AuditEntry
from jumelage.projects.models import Visibility
from jumelage.twinspace.models import Report

from .helpers import page, report, url

pytestmark = pytest.mark.django_db


def test_a_report_reaches_the_teachers_who_hide_the_content(client, world):
    project, admin, pupil = world.project, world.users["admin"], world.users["pupil"]
    town = page(project, admin, "Town map", "<p>map</p>")
    client.force_login(pupil)
    form = client.get(url("report", project), {"content_type": "wiki.page", "object_id": town.pk})
    assert form.status_code == 200 and "Town map" in form.text
    response = client.post(
        url("report", project),
        {"content_type": "wiki.page", "object_id": town.pk, "reason": "Wrong address"},
    )
    assert response.status_code == 302
    client.force_login(admin)
    html = client.get(url("moderation", project)).text
    assert "Wrong address" in html and "Town map" in html
    client.post(
        url("moderate", project),
        {"content_type": "wiki.page", "object_id": town.pk, "action": "hide", "note": "checking"},
    )
    town.refresh_from_db()
    assert town.visibility == Visibility.HIDDEN
    assert Report.objects.get().resolved_by == admin
    assert "No open report." in client.get(url("moderation", project)).text
    client.force_login(pupil)
    assert client.get(town.get_absolute_url()).status_code == 404
    client.force_login(admin)
    client.post(
        url("moderate", project),
        {"content_type": "wiki.page", "object_id": town.pk, "action": "restore"},
    )
    town.refresh_from_db()
    assert town.visibility == Visibility.PUBLISHED
    actions = list(
        AuditEntry.objects.filter(project=project).values_list("action", flat=True).order_by("id")
    )
    assert actions == ["moderation.report", "moderation.hidden", "moderation.published"]


def test_a_report_can_be_closed_without_action(client, world):
    project, admin = world.project, world.users["admin"]
    town = page(project, admin, "Town map")
    entry = report(world.users["pupil"], project, town, "meh")
    client.force_login(admin)
    assert client.post(url("resolve_report", project, report_id=entry.pk)).status_code == 302
    entry.refresh_from_db()
    assert entry.resolved_by == admin
    town.refresh_from_db()
    assert town.visibility == Visibility.PUBLISHED
    # Replayed: still fine, nothing changes.
    assert client.post(url("resolve_report", project, report_id=entry.pk)).status_code == 302
