"""Issue 12 H1: an address nobody proved owning opens nothing (every email-bound right).

Each test walks one right granted by matching an email address with an account that
holds the address but never confirmed it (refused everywhere), then the same account
once confirmed (granted). The login rules may also stop unconfirmed accounts; these
checks hold on their own (defence in depth), so the tests log in directly.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from jumelage.core.errors import Refused
from jumelage.network.models import SupportRole
from jumelage.projects import services
from jumelage.projects.access import access_for
from jumelage.projects.models import Invitation
from jumelage.projects.tests.helpers import draft
from jumelage.testing import login_with_second_factor, make_project, make_staff, make_teacher

pytestmark = pytest.mark.django_db

ROLES = ["guest", "teacher", "cofounder"]


def _holder(address, *, confirmed):
    """A verified German teacher whose account holds `address`, confirmed or not."""
    user = make_teacher("DE")
    user.email = address
    user.email_confirmed_at = timezone.now() if confirmed else None
    user.save(update_fields=["email", "email_confirmed_at"])
    return user


def _invite_by_address(role, address):
    if role == "cofounder":
        project = draft()
        services.invite_cofounder(access_for(project.created_by, project), email=address)
    else:
        project = make_project()
        services.invite_member(access_for(project.created_by, project), role, email=address)
    return project, Invitation.objects.get(project=project, status=Invitation.Status.PENDING)


def _assert_refused(client, user, project, inv):
    client.force_login(user)
    assert project.title not in client.get(reverse("projects:mine")).text
    assert "waits for your answer" not in client.get(reverse("core:dashboard")).text
    url = reverse("projects:invitation", args=[inv.token])
    page = client.get(url)
    assert page.status_code == 404
    assert project.title not in page.text
    assert "not confirmed yet" in page.text
    school = user.schools.first()
    response = client.post(url, {"action": "accept", "school": school.pk})
    assert response.status_code == 404
    assert client.post(url, {"action": "decline"}).status_code == 404
    with pytest.raises(Refused):
        services.accept_invitation(inv, user, school)
    with pytest.raises(Refused):
        services.decline_invitation(inv, user)
    assert not project.memberships.filter(user=user).exists()
    inv.refresh_from_db()
    assert inv.status == Invitation.Status.PENDING


def _assert_granted(client, user, project, inv):
    client.force_login(user)
    assert project.title in client.get(reverse("projects:mine")).text
    assert "1 invitation waits for your answer" in client.get(reverse("core:dashboard")).text
    url = reverse("projects:invitation", args=[inv.token])
    assert client.get(url).status_code == 200
    client.post(url, {"action": "accept", "school": user.schools.first().pk})
    assert project.memberships.filter(user=user).exists()


@pytest.mark.parametrize("role", ROLES)
def test_an_invitation_to_an_address_waits_for_its_confirmed_owner(client, role):
    address = f"{role}.invitee@example.org"
    holder = _holder(address, confirmed=False)  # signed up with the address, never confirmed
    project, inv = _invite_by_address(role, address)
    assert inv.invitee is None  # an unconfirmed account is not taken as the invitee
    _assert_refused(client, holder, project, inv)
    holder.email_confirmed_at = timezone.now()
    holder.save(update_fields=["email_confirmed_at"])
    _assert_granted(client, holder, project, inv)


@pytest.mark.parametrize("role", ROLES)
def test_an_invitation_bound_to_an_unconfirmed_account_opens_nothing(client, role):
    """Rows bound to an account before this fix, or any other way: still refused."""
    holder = _holder(f"bound.{role}@example.org", confirmed=False)
    project = draft() if role == "cofounder" else make_project()
    inv = Invitation.objects.create(
        project=project,
        role=role,
        invited_by=project.created_by,
        invitee=holder,
        token=f"bound-{role}-token",
        expires_at=timezone.now() + timezone.timedelta(days=3),
    )
    if role == "cofounder":
        project.status = project.Status.AWAITING_COFOUNDER
        project.save(update_fields=["status"])
    _assert_refused(client, holder, project, inv)
    holder.email_confirmed_at = timezone.now()
    holder.save(update_fields=["email_confirmed_at"])
    _assert_granted(client, holder, project, inv)


def test_a_support_role_goes_only_to_a_confirmed_address(client):
    office = make_staff("FR")
    login_with_second_factor(client, office)
    holder = _holder("future.ambassador@example.org", confirmed=False)
    data = {"email": holder.email, "role": "ambassador", "country": "FR", "listed": "on"}
    response = client.post(reverse("network:staff_new"), data)
    assert response.status_code == 200
    assert "has not confirmed its email address yet" in response.text
    assert not SupportRole.objects.filter(user=holder).exists()
    holder.email_confirmed_at = timezone.now()
    holder.save(update_fields=["email_confirmed_at"])
    assert client.post(reverse("network:staff_new"), data).status_code == 302
    assert SupportRole.objects.filter(user=holder).exists()


def test_a_nul_byte_or_junk_in_a_token_country_or_kit_is_never_a_500(client):
    """Issue 13 (low): raw input reaching the database is checked first (fails on PostgreSQL)."""
    teacher = make_teacher("FR")
    client.force_login(teacher)
    for token in ["abc%00def", "%00", "a b", "../x"]:
        response = client.get(f"/projects/invitations/{token}/")
        # A NUL is refused by the edge (400) before any view; junk tokens are unknown (404).
        assert response.status_code == (400 if "%00" in token else 404)
    project = make_project()
    for country in ["F%00", "%00%00", "FRA"]:
        status = client.get(f"/projects/{project.pk}/approval/{country}/").status_code
        assert status == (400 if "%00" in country else 404)
    for kit in ["%00", "a%00b", "x" * 300]:
        status = client.get(f"/projects/new/?kit={kit}").status_code
        assert status == (400 if "%00" in kit else 200)
    # The school chosen when answering an invitation: junk is no school.
    inv = services.invite_member(access_for(project.created_by, project), "guest", invitee=teacher)
    url = reverse("projects:invitation", args=[inv.token])
    for school in ["abc", "\x00", "²", "9" * 30, "-1"]:
        assert client.post(url, {"action": "decline", "school": school}).status_code < 500
        assert client.post(url, {"action": "x", "school": school}).status_code < 500
