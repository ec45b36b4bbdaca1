"""Invitations after activation, members leaving, removal, admin rights, lifecycle."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from jumelage.core.errors import Refused
from jumelage.projects import services
from jumelage.projects.access import access_for
from jumelage.projects.models import Invitation, Membership, Project
from jumelage.projects.tests.helpers import invitation_for
from jumelage.testing import add_member, make_project, make_pupil, make_teacher

pytestmark = pytest.mark.django_db


def _founder(project):
    return project.memberships.filter(is_founder=True).first().user


def test_admins_invite_teachers_and_guests_by_the_page(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    project = make_project()
    admin = _founder(project)
    colleague = make_teacher("FR", name="Marie Colleague")
    client.force_login(admin)
    url = reverse("projects:invitations", args=[project.pk])
    assert "Marie Colleague" in client.get(url, {"q": "marie"}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"user": colleague.pk, "role": "teacher"})
        client.post(url, {"email": "inspector@example.org", "role": "guest"})
    assert mailoutbox[-1].to == ["inspector@example.org"]
    assert project.invitations.count() == 2
    # The same person twice: refused with a message.
    response = client.post(url, {"user": colleague.pk, "role": "teacher"})
    assert "already has a pending invitation" in response.content.decode()
    assert project.invitations.count() == 2


def test_a_guest_reads_but_cannot_contribute():

    project = make_project()
    head = make_teacher("FR", verified=False)
    inv = invitation_for(project, head, Invitation.Role.GUEST)
    services.accept_invitation(inv, head)
    assert access_for(head, project).can_view_space
    assert not access_for(head, project).can_contribute


def test_unverified_teacher_cannot_be_a_teacher_member():
    project = make_project()
    with pytest.raises(Refused, match="verified teachers"):
        invitation_for(project, make_teacher("FR", verified=False))


def test_expired_forged_revoked_tokens_are_refused_clearly(client):
    project = make_project()
    invitee = make_teacher("IT")
    inv = invitation_for(project, invitee)
    client.force_login(invitee)
    forged = client.get(reverse("projects:invitation", args=["not-a-real-token"]))
    assert forged.status_code == 404
    assert "Invitation not found" in forged.content.decode()
    Invitation.objects.filter(pk=inv.pk).update(expires_at=timezone.now() - timedelta(days=1))
    url = reverse("projects:invitation", args=[inv.token])
    expired = client.post(url, {"action": "accept"})
    assert expired.status_code == 410
    assert "expired" in expired.content.decode()
    assert not project.memberships.filter(user=invitee).exists()
    Invitation.objects.filter(pk=inv.pk).update(expires_at=timezone.now() + timedelta(days=1))
    services.revoke_invitation(access_for(_founder(project), inv.project), inv)
    assert client.post(url, {"action": "accept"}).status_code == 410
    assert not project.memberships.filter(user=invitee).exists()


def test_only_admins_revoke_and_only_while_pending(client):
    project = make_project()
    member = add_member(project)
    inv = invitation_for(project, make_teacher("ES"))
    client.force_login(member)
    url = reverse("projects:revoke", args=[project.pk, inv.pk])
    assert client.post(url).status_code == 404
    assert client.get(url).status_code == 404  # the access is resolved before the method
    client.force_login(_founder(project))
    assert client.get(url).status_code == 405
    client.post(url)
    inv.refresh_from_db()
    assert inv.status == "revoked"
    client.post(url)  # replayed: a message, nothing changes
    inv.refresh_from_db()
    assert inv.status == "revoked"


def test_members_leave_are_removed_and_admin_rights_are_given(client):
    project = make_project()
    first, second = project.memberships.filter(is_founder=True).order_by("id")
    teacher = add_member(project)
    client.force_login(first.user)
    member = Membership.objects.get(project=project, user=teacher)
    client.post(reverse("projects:make_admin", args=[project.pk, member.pk]))
    member.refresh_from_db()
    assert member.role == Membership.Role.ADMIN
    # A founder's seat cannot be removed; a member can.
    client.post(reverse("projects:remove_member", args=[project.pk, second.pk]))
    assert project.memberships.filter(pk=second.pk).exists()
    client.post(reverse("projects:remove_member", args=[project.pk, member.pk]))
    assert not project.memberships.filter(pk=member.pk).exists()
    # Founders leave while another admin remains; the last admin cannot.
    client.post(reverse("projects:leave", args=[project.pk]))
    assert not project.memberships.filter(pk=first.pk).exists()
    client.force_login(second.user)
    response = client.post(reverse("projects:leave", args=[project.pk]), follow=True)
    assert "at least one administrator" in response.content.decode()
    assert project.memberships.filter(role="admin").count() == 1


def test_a_departing_teacher_leaves_their_class_with_an_admin():
    project = make_project()
    teacher = add_member(project)
    pupil = make_pupil(project, teacher=teacher)
    services.leave(access_for(teacher, project))
    kept = Membership.objects.get(project=project, user=pupil)
    assert kept.teacher.memberships.get(project=project).role == "admin"


def test_lifecycle_close_reopen_archive_keeps_everything(client):

    project = make_project()
    admin = _founder(project)
    member = add_member(project)
    client.force_login(member)
    assert client.post(reverse("projects:close", args=[project.pk])).status_code == 302
    project.refresh_from_db()
    assert project.status == Project.Status.ACTIVE  # refused: not an admin
    client.force_login(admin)
    client.post(reverse("projects:close", args=[project.pk]))
    project.refresh_from_db()
    assert project.status == Project.Status.CLOSED
    assert access_for(member, project).can_view_space
    assert not access_for(member, project).can_contribute
    assert project.memberships.count() == 3
    client.post(reverse("projects:reopen", args=[project.pk]))
    project.refresh_from_db()
    assert project.is_active
    client.post(reverse("projects:close", args=[project.pk]))
    client.post(reverse("projects:archive", args=[project.pk]))
    project.refresh_from_db()
    assert project.status == Project.Status.ARCHIVED
    assert project.memberships.count() == 3


def test_founders_cannot_leave_before_activation():
    from jumelage.projects.tests.helpers import submitted

    project, cofounder = submitted()
    with pytest.raises(Refused):
        services.leave(access_for(cofounder, project))
    assert project.memberships.filter(is_founder=True).count() == 2
