"""Issue 14: a head teacher invited as a guest reaches the project in one short step,
and an invitation opened before having an account is not lost on the way."""

import pytest
from django.urls import reverse

from jumelage.accounts.models import TeacherProfile, User
from jumelage.accounts.policies import is_verified_teacher
from jumelage.accounts.services import confirmation_token
from jumelage.projects import services
from jumelage.projects.access import access_for
from jumelage.projects.models import Invitation, Membership
from jumelage.testing import make_project, make_teacher

pytestmark = pytest.mark.django_db

HEAD = "head@ecole-lyon.example"
PASSWORD = "a long head teacher password"


def _invite(role=Invitation.Role.GUEST, email=HEAD):
    project = make_project()
    inv = services.invite_member(access_for(project.created_by, project), role, email=email)
    return project, inv, reverse("projects:invitation", args=[inv.token])


def test_a_guest_creates_an_account_with_a_name_and_a_password_and_lands_on_the_project(client):
    project, inv, url = _invite()
    page = client.get(url)
    assert page.status_code == 200
    assert project.title in page.text
    assert "Create my account" in page.text
    assert 'name="school"' not in page.text and 'name="email"' not in page.text

    response = client.post(
        url, {"display_name": "Mme Durand", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:detail", args=[project.pk])
    head = User.objects.get(email=HEAD)
    assert head.email_confirmed_at is not None  # the emailed link proved the address
    membership = Membership.objects.get(project=project, user=head)
    assert membership.role == Membership.Role.GUEST
    inv.refresh_from_db()
    assert inv.status == Invitation.Status.ACCEPTED
    # Read only, and not a verified teacher by this path.
    assert not is_verified_teacher(head)
    assert head.teacher_profile.status == TeacherProfile.Status.EMAIL_CONFIRMED
    access = access_for(head, project)
    assert access.is_guest and not access.can_contribute
    # Logged in: the project opens.
    assert client.get(response["Location"]).status_code == 200


def test_a_bad_password_keeps_the_name_and_creates_nothing(client):
    project, inv, url = _invite()
    page = client.post(url, {"display_name": "Mme Durand", "password1": "123", "password2": "123"})
    assert page.status_code == 200
    assert "Mme Durand" in page.text
    assert not User.objects.filter(email=HEAD).exists()
    inv.refresh_from_db()
    assert inv.status == Invitation.Status.PENDING


def test_no_short_path_for_a_teacher_invitation_nor_an_address_with_an_account(client):
    _project, inv, url = _invite(Invitation.Role.TEACHER)
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="password1"' not in page.text
    assert client.post(url, {"display_name": "X", "password1": PASSWORD, "password2": PASSWORD})
    assert not User.objects.filter(email=HEAD).exists()

    holder = make_teacher("FR")
    _project, inv, url = _invite(email=holder.email)
    inv.refresh_from_db()
    assert inv.invitee_id == holder.pk  # a confirmed account: invited as itself
    response = client.get(url)  # an invitation to an account: log in, then come back
    assert response.status_code == 302
    assert response["Location"].replace("%2F", "/").endswith(f"?next={url}")


def test_a_forged_token_is_a_404_for_a_visitor_too(client):
    assert client.get(reverse("projects:invitation", args=["forged"])).status_code == 404


def test_the_invitation_survives_sign_up_confirmation_and_login(client):
    """A teacher invited by address signs up from the invitation: after confirming and
    logging in, they are back on the invitation, not on the school registration."""
    project, inv, url = _invite(Invitation.Role.TEACHER, email="new.teacher@example.org")
    client.get(url)
    client.post(
        reverse("accounts:signup"),
        {
            "display_name": "Nouveau",
            "email": "new.teacher@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    user = User.objects.get(email="new.teacher@example.org")
    response = client.get(reverse("accounts:confirm_email", args=[confirmation_token(user)]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    login = client.post(response["Location"], {"username": user.email, "password": PASSWORD})
    assert login.status_code == 302
    assert login["Location"] == url
    page = client.get(url)
    assert page.status_code == 200
    assert project.title in page.text
    assert 'value="accept"' in page.text
