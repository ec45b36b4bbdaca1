"""Who reads the audit trail: a project's teachers read its moderation log (the
TwinSpace's "audit" page); the platform admin reads every entry in /admin/, and
nobody edits or adds one there. Everyone else gets a 404 (or the login page)."""

import pytest
from django.urls import reverse

from jumelage.audit.models import AuditEntry
from jumelage.audit.services import record
from jumelage.testing import sign_in
from jumelage.testing.matrix import ANONYMOUS_ON_PRIVATE_PROJECT, NOT_FOUND, outcome

pytestmark = pytest.mark.django_db


def _log(world):
    return reverse("twinspace:audit", args=[world.project.pk])


@pytest.fixture
def entries(world):
    mine = record(world.users["admin"], "twinspace.settings", project=world.project, note="MINE")
    other = record(
        world.users["outsider_teacher"],
        "twinspace.settings",
        project=world.other_project,
        note="OTHER",
    )
    approval = record(world.users["admin"], "project.edited", project=world.project, note="EDIT")
    return mine, other, approval


@pytest.mark.parametrize("role", ["teacher", "admin"])
def test_the_projects_teachers_read_its_moderation_log_and_only_its_own(
    client, world, entries, role
):
    sign_in(client, world.users[role])
    html = client.get(_log(world)).text
    assert "MINE" in html
    assert "OTHER" not in html  # another project's
    assert "EDIT" not in html  # not a moderation decision


def test_the_moderation_log_costs_the_same_with_more_entries(
    client, world, django_assert_max_num_queries
):
    sign_in(client, world.users["teacher"])
    client.get(_log(world))
    for n in range(30):
        record(world.users["admin"], "twinspace.settings", project=world.project, note=f"n{n}")
    with django_assert_max_num_queries(20):
        assert client.get(_log(world)).status_code == 200


@pytest.mark.parametrize(
    "role",
    ["outsider_teacher", "outsider_pupil", "unverified_teacher", "staff", "staff_abroad"],
)
def test_people_outside_the_project_get_a_404(client, world, entries, role):
    sign_in(client, world.users[role])
    assert outcome(client.get(_log(world))) == NOT_FOUND


@pytest.mark.parametrize("role", ["pupil", "guest"])
def test_pupils_and_guests_are_refused(client, world, entries, role):
    sign_in(client, world.users[role])
    response = client.get(_log(world))
    assert response.status_code in (403, 404)
    assert "MINE" not in response.text


def test_anonymous_visitors_never_see_the_log(client, world, entries):
    response = client.get(_log(world))
    assert outcome(response) in ANONYMOUS_ON_PRIVATE_PROJECT
    assert "MINE" not in response.text


def test_the_platform_admin_reads_every_entry_in_the_admin(client, world, entries):
    sign_in(client, world.users["superuser"])
    response = client.get(reverse("admin:audit_auditentry_changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == AuditEntry.objects.count()


def test_nobody_adds_or_edits_an_entry_in_the_admin(client, world, entries):
    mine = entries[0]
    sign_in(client, world.users["superuser"])
    assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    change = reverse("admin:audit_auditentry_change", args=[mine.pk])
    page = client.get(change)
    assert page.status_code == 200  # read-only view
    assert 'name="_save"' not in page.text
    client.post(change, {"action": "forged", "note": "forged"})
    mine.refresh_from_db()
    assert mine.action == "twinspace.settings" and mine.note == "MINE"


@pytest.mark.parametrize("role", ["teacher", "admin", "staff", "staff_abroad"])
def test_the_admin_is_closed_to_anyone_but_the_platform_admin(client, world, entries, role):
    sign_in(client, world.users[role])
    response = client.get(reverse("admin:audit_auditentry_changelist"))
    assert response.status_code in (302, 403, 404)
    assert "MINE" not in response.text
