"""Which action leaves which entry: decisions of teachers, support offices and admins."""

import pytest
from django.urls import reverse

from jumelage.audit.models import AuditEntry
from jumelage.projects import services as project_services
from jumelage.projects.access import access_for
from jumelage.projects.models import Project, Visibility
from jumelage.schools import services as school_services
from jumelage.testing import make_project, make_staff, make_teacher, sign_in
from jumelage.twinspace import services as space_services
from jumelage.wiki.services import create_page

pytestmark = pytest.mark.django_db


def test_hiding_content_records_the_moderator_the_content_and_its_previous_state(world):
    page = create_page(world.project, world.users["pupil"], "Our towns", "<p>Paris</p>")
    space_services.moderate(
        access_for(world.users["teacher"], world.project), page, "hide", note="Names"
    )
    entry = AuditEntry.objects.get(action="moderation.hidden")
    assert entry.actor == world.users["teacher"]
    assert entry.target == page
    assert entry.project == world.project
    assert entry.note == "Names"
    assert entry.data["previous"] == Visibility.PENDING  # a pupil's page waits for approval
    assert entry.data["content_type"] == "wiki.Page"


def test_a_report_and_its_resolution_are_recorded(world):
    page = create_page(world.project, world.users["admin"], "Our towns", "<p>Paris</p>")
    report = space_services.report(
        access_for(world.users["pupil"], world.project), page, "Wrong town"
    )
    assert AuditEntry.objects.filter(action="moderation.report", project=world.project).exists()
    space_services.resolve_report(access_for(world.users["teacher"], world.project), report)
    assert AuditEntry.objects.filter(
        action="moderation.report_resolved", actor=world.users["teacher"]
    ).exists()


def test_removing_a_member_is_recorded_with_the_member_as_subject(world):
    member = world.project.memberships.get(user=world.users["guest"])
    project_services.remove_member(access_for(world.users["admin"], world.project), member)
    entry = AuditEntry.objects.get(action="project.member_removed")
    assert entry.actor == world.users["admin"]
    assert entry.project == world.project
    assert entry.subject_user == world.users["guest"]


def test_a_support_office_approval_is_recorded_with_its_country():
    founders = [make_teacher("FR"), make_teacher("DE")]
    project = make_project(founders, status=Project.Status.DRAFT)
    project_services.submit(access_for(founders[0], project))
    assert AuditEntry.objects.filter(action="project.submitted", project=project).exists()
    approval = project.approvals.get(country_id="FR")
    office = make_staff("FR")
    project_services.decide(approval, office, approve=True)
    entry = AuditEntry.objects.get(action="project.approved")
    assert entry.actor == office
    assert entry.country_id == "FR"
    assert entry.project == project


def test_verifying_a_school_is_recorded_with_the_office_as_actor(world):
    school = world.users["unverified_teacher"].schools.first()
    office = world.users["staff"]
    school_services.decide_school(office, school.pk, verify=True)
    entry = AuditEntry.objects.get(action="school.verified")
    assert entry.actor == office
    assert entry.target == school


def test_changing_the_space_settings_through_the_page_is_recorded(client, world):
    sign_in(client, world.users["admin"])
    client.post(
        reverse("twinspace:settings", args=[world.project.pk]),
        {"blog_public": "on", "pupils_may_edit_pages": "on"},
    )
    entry = AuditEntry.objects.get(action="twinspace.settings")
    assert entry.actor == world.users["admin"]
    assert entry.project == world.project


def test_reading_a_page_records_nothing(client, world):
    sign_in(client, world.users["teacher"])
    before = AuditEntry.objects.count()
    client.get(reverse("projects:detail", args=[world.project.pk]))
    client.get(reverse("twinspace:home", args=[world.project.pk]))
    assert AuditEntry.objects.count() == before
