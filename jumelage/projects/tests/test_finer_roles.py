"""Pupil administrators and visitors (docs/roles.md): the access object's rules."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from jumelage.messaging import policies as messaging
from jumelage.projects import services
from jumelage.projects.access import access_for
from jumelage.projects.models import Invitation, Membership
from jumelage.testing import make_pupil

pytestmark = pytest.mark.django_db


def test_a_teacher_promotes_their_pupil_and_takes_it_back(client, world):
    project, admin = world.project, world.users["admin"]
    pupil = world.users["pupil"]
    member = project.memberships.get(user=pupil)
    client.force_login(admin)
    pupils_page = client.get(reverse("projects:pupils", args=[project.pk]))
    assert "a pupil administrator" in pupils_page.text
    target = reverse("projects:pupil_admin", args=[project.pk, member.pk])
    assert client.post(target, {"promote": "1"}).status_code == 302
    assert access_for(pupil, project).is_pupil_admin
    client.post(target, {"promote": "0"})
    assert not access_for(pupil, project).is_pupil_admin


def test_another_teacher_cannot_promote_a_pupil_of_someone_else(client, world):
    member = world.project.memberships.get(user=world.users["pupil"])
    client.force_login(world.users["teacher"])
    target = reverse("projects:pupil_admin", args=[world.project.pk, member.pk])
    assert client.post(target, {"promote": "1"}).status_code == 404
    member.refresh_from_db()
    assert not member.pupil_admin


def test_only_pupils_can_be_pupil_administrators(world):
    member = world.project.memberships.get(user=world.users["teacher"])
    member.pupil_admin = True
    with pytest.raises(IntegrityError):
        member.save()


def test_a_pupil_admin_never_manages_members_or_settings(world):
    access = access_for(world.users["pupil_admin"], world.project)
    assert access.is_pupil and access.is_pupil_admin and access.can_contribute
    assert not access.can_manage_members and not access.can_manage_pupils
    assert not access.can_moderate and access.can_moderate_pupils
    assert access.can_set_rights and not access.can_open_to_visitors


def test_a_visitor_reads_only_what_is_opened_and_writes_nothing(world):
    access = access_for(world.users["visitor"], world.project)
    assert access.is_visitor and access.can_visit and access.can_view_project
    assert not access.can_view_space and not access.can_contribute
    assert not access.can_set_rights


def test_a_visitor_sees_a_pupils_first_name_only(world):
    pupil = make_pupil(world.project, name="Léa Dupont")
    assert access_for(world.users["visitor"], world.project).name_of(pupil) == "Léa"
    assert access_for(world.users["teacher"], world.project).name_of(pupil) == "Léa Dupont"


def test_a_visitor_writes_to_nobody_through_the_project(world):
    visitor = world.users["visitor"]
    assert not messaging.can_write_to(visitor, world.users["pupil"])
    assert not messaging.can_write_to(world.users["pupil"], visitor)
    assert not messaging.can_write_to(visitor, world.users["teacher"])
    assert not messaging.recipients(visitor).filter(pk=world.users["pupil"].pk).exists()


def test_an_admin_invites_a_visitor_by_email_who_creates_an_account(client, world):
    project = world.project
    client.force_login(world.users["admin"])
    response = client.post(
        reverse("projects:invitations", args=[project.pk]),
        {"email": "parents@example.org", "role": "visitor"},
    )
    assert response.status_code in (200, 302)
    invitation = Invitation.objects.get(project=project, email="parents@example.org")
    assert invitation.role == Invitation.Role.VISITOR
    member = services.accept_as_new_guest(
        invitation,
        display_name="Parents' association",
        password="a long pass phrase 42",
        language="fr",
    )
    assert member.role == Membership.Role.VISITOR
    assert access_for(member.user, project).is_visitor
