"""A verified school is in its office's queue exactly while a teacher of it awaits
verification, whichever path changed that (School.awaiting_teachers, kept by
services.count_awaiting)."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from jumelage.accounts import services as account_services
from jumelage.accounts.models import TeacherProfile
from jumelage.schools import services
from jumelage.schools.models import JoinRequest, School, SchoolMembership
from jumelage.testing import login_with_second_factor, make_school, make_staff, make_teacher

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client):
    staff = make_staff("FR")
    login_with_second_factor(client, staff)
    return staff


def in_queue(client, school) -> bool:
    """The office sees the school in its queue (and its count agrees)."""
    page = client.get(reverse("schools:queue_country", args=["FR"])).text
    listed = reverse("schools:review", args=[school.pk]) in page
    school.refresh_from_db()
    assert listed == (school.awaiting_teachers > 0), school.awaiting_teachers
    return listed


@pytest.fixture
def waiting(client, office):
    """A verified school of one verified teacher, and a newcomer awaiting verification."""
    school = make_school("FR", verified=True)
    make_teacher("FR", school=school)
    assert not in_queue(client, school)
    newcomer = make_teacher("FR", verified=False, school=school)
    assert in_queue(client, school)
    return school, newcomer


def test_verifying_or_rejecting_the_teacher_takes_the_school_out(client, office, waiting):
    school, newcomer = waiting
    second = make_teacher("FR", verified=False, school=school)
    services.decide_teacher(office, newcomer, school, verify=True)
    assert in_queue(client, school)  # the second one still waits
    assert school.awaiting_teachers == 1
    services.decide_teacher(office, second, school, verify=False, reason="Unknown here.")
    assert not in_queue(client, school)


def test_a_rejected_teacher_who_resubmits_is_back_in_the_queue(client, office, waiting):
    school, newcomer = waiting
    services.decide_teacher(office, newcomer, school, verify=False, reason="Unknown here.")
    assert not in_queue(client, school)
    assert services.resubmit(newcomer)
    assert in_queue(client, school)


def test_joining_by_request_then_approval_keeps_the_school_listed(client, office):
    school = make_school("FR", verified=True)
    colleague = make_teacher("FR", school=school)
    joiner = make_teacher("FR", verified=False, school=make_school("FR"))
    SchoolMembership.objects.filter(user=joiner).delete()
    TeacherProfile.objects.filter(user=joiner).update(status=TeacherProfile.Status.EMAIL_CONFIRMED)
    assert services.request_to_join(joiner, school) == "requested"
    assert school.awaiting_teachers == 0
    assert (
        reverse("schools:review", args=[school.pk])
        in client.get(reverse("schools:queue_country", args=["FR"])).text
    )  # listed for its join request
    join_request = JoinRequest.objects.get(user=joiner)
    assert services.decide_join(colleague, join_request.pk, approve=True)[1]
    assert in_queue(client, school)  # now for its teacher awaiting verification


def test_leaving_the_school_takes_it_out(client, waiting):
    school, newcomer = waiting
    assert services.leave_school(newcomer, school)
    assert not in_queue(client, school)


def test_a_deleted_account_takes_the_school_out(client, waiting):
    school, newcomer = waiting
    account_services.delete_account(newcomer)
    assert not in_queue(client, school)


def test_registering_a_new_school_counts_its_teacher(client, office):
    teacher = make_teacher("FR", verified=False)
    school = teacher.schools.get()
    assert school.status == School.Status.PENDING  # listed as a school to verify anyway
    school.refresh_from_db()
    assert school.awaiting_teachers == 1
    services.decide_school(office, school.pk, verify=True)
    assert in_queue(client, school)  # verified: its teacher still waits
    services.decide_teacher(office, teacher, school, verify=True)
    assert not in_queue(client, school)


def test_the_migration_counts_the_existing_teachers(client, waiting):
    school, _newcomer = waiting
    make_teacher("FR", verified=False, school=school)
    School.objects.update(awaiting_teachers=0)
    migration = importlib.import_module("jumelage.schools.migrations.0007_office_queue")
    migration.count_awaiting(apps, None)
    school.refresh_from_db()
    assert school.awaiting_teachers == 2
    assert in_queue(client, school)


@pytest.mark.django_db(transaction=True)
def test_a_teacher_saved_outside_a_transaction_is_counted(client):
    """As the demo data and the admin's scripts save them: no transaction around."""
    teacher = make_teacher("FR", verified=False)
    school = teacher.schools.get()
    school.refresh_from_db()
    assert school.awaiting_teachers == 1
    TeacherProfile.objects.get(user=teacher).delete()
    school.refresh_from_db()
    assert school.awaiting_teachers == 0
