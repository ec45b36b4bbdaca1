"""Deleting an account leaves no one behind (issue 14): projects, training places, the name."""

import pytest
from django.urls import reverse
from django.utils import translation

from jumelage.accounts.services import delete_account
from jumelage.projects.models import Membership
from jumelage.testing import add_member, make_project, make_pupil, make_teacher
from jumelage.training import services as training
from jumelage.training.models import Registration
from jumelage.training.tests.helpers import make_event

pytestmark = pytest.mark.django_db


def test_the_last_administrator_hands_the_project_on_to_the_longest_standing_teacher():
    founder = make_teacher()
    project = make_project([founder, make_teacher("DE")])
    project.memberships.exclude(user=founder).update(role=Membership.Role.TEACHER, is_founder=False)
    heir = project.memberships.exclude(user=founder).get().user
    later = add_member(project)
    pupil = make_pupil(project, teacher=founder)

    delete_account(founder)

    assert not project.memberships.filter(user=founder).exists()
    assert project.memberships.get(user=heir).role == Membership.Role.ADMIN
    assert project.memberships.get(user=later).role == Membership.Role.TEACHER
    # The pupils the departing teacher looked after stay, with the new administrator.
    assert project.memberships.get(user=pupil).teacher == heir


def test_a_deleted_member_can_no_longer_be_made_administrator(client):
    teacher, other = make_teacher(), make_teacher("DE")
    project = make_project([teacher, other])
    leaving = add_member(project)
    delete_account(leaving)
    client.force_login(teacher)
    members = client.get(reverse("projects:members", args=[project.pk])).text
    assert "Former member" not in members


def test_a_deleted_teacher_frees_their_training_place_and_the_next_one_gets_it():
    leaving, waiting = make_teacher(), make_teacher()
    event = make_event(capacity=1)
    training.register(event, leaving)
    assert training.register(event, waiting).status == Registration.Status.WAITING

    delete_account(leaving)

    assert Registration.objects.get(event=event, user=waiting).status == (
        Registration.Status.REGISTERED
    )
    assert Registration.objects.get(event=event, user=leaving).status == (
        Registration.Status.CANCELLED
    )


def test_the_former_member_is_named_in_the_readers_language():
    teacher = make_teacher()
    make_project([teacher, make_teacher("DE")])
    delete_account(teacher)
    teacher.refresh_from_db()
    with translation.override("fr"):
        assert str(teacher) == "Ancien membre"
    with translation.override("en"):
        assert str(teacher) == "Former member"
