"""audit.services.record: one entry per decision, with who, what, on what, where."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType

from jumelage.audit.models import AuditEntry
from jumelage.audit.services import record
from jumelage.projects.models import Project
from jumelage.reference.models import Country

pytestmark = pytest.mark.django_db


def test_an_entry_names_the_actor_the_action_the_target_and_the_project(world):
    admin = world.users["admin"]
    entry = record(
        admin,
        "project.edited",
        world.project,
        subject_user=world.users["teacher"],
        project=world.project,
        country=Country.objects.get(code="FR"),
        note="New title",
        fields=["title"],
    )
    entry.refresh_from_db()
    assert entry.actor == admin
    assert entry.action == "project.edited"
    assert entry.target_type == ContentType.objects.get_for_model(Project)
    assert entry.target_id == str(world.project.pk)
    assert entry.target == world.project
    assert entry.subject_user == world.users["teacher"]
    assert entry.project == world.project
    assert entry.country_id == "FR"
    assert entry.note == "New title"
    assert entry.data == {"fields": ["title"]}


def test_an_anonymous_actor_is_recorded_as_nobody():
    entry = record(AnonymousUser(), "school.head_confirmed")
    assert entry.actor is None
    assert entry.target_type is None and entry.target_id == ""


def test_entries_are_listed_newest_first(world):
    first = record(world.users["admin"], "project.edited", project=world.project)
    second = record(world.users["admin"], "project.closed", project=world.project)
    assert list(AuditEntry.objects.filter(project=world.project)) == [second, first]


def test_the_entry_outlives_its_actor_and_its_subject(world):
    teacher = world.users["teacher"]
    entry = record(teacher, "project.member_left", subject_user=teacher, project=world.project)
    teacher.delete()
    entry.refresh_from_db()
    assert entry.actor is None and entry.subject_user is None
    assert entry.action == "project.member_left"


def test_a_deleted_project_takes_its_entries_with_it(world):
    record(world.users["admin"], "project.edited", project=world.project)
    world.project.delete()
    assert not AuditEntry.objects.filter(action="project.edited").exists()
