"""Issue 14: an office is appointed by email, from the site, not in the Django admin."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from jumelage.audit.models import AuditEntry
from jumelage.network.models import SupportRole
from jumelage.reference.models import Region
from jumelage.testing import PASSWORD, login_with_second_factor, make_staff, make_teacher

pytestmark = pytest.mark.django_db

User = get_user_model()


def _admin(client):
    admin = User.objects.create_superuser(
        "platform@example.org", PASSWORD, display_name="Platform admin"
    )
    login_with_second_factor(client, admin)
    return admin


def _link(message) -> str:
    return re.sub(r"^https?://[^/]+", "", re.search(r"https?://\S+", message.body).group(0))


def test_the_admin_appoints_a_new_person_who_sets_a_password_then_a_second_factor(
    client, django_capture_on_commit_callbacks
):
    admin = _admin(client)
    assert reverse("network:appoint") in client.get(reverse("core:dashboard")).text
    mail.outbox.clear()
    response = client.post(
        reverse("network:appoint"),
        {"email": "buero@example.de", "country": "DE", "role": "national"},
    )
    assert response.status_code == 302
    person = User.objects.get(email="buero@example.de")
    assert person.kind == User.Kind.STAFF and not person.has_usable_password()
    role = SupportRole.objects.get(user=person)
    assert role.country_id == "DE" and role.role == "national" and role.can_verify
    assert AuditEntry.objects.filter(
        actor=admin, action="network.office_appointed", subject_user=person
    ).exists()
    (message,) = mail.outbox
    assert message.to == ["buero@example.de"]
    # The link sets a password (and so confirms the address).
    client.logout()
    link = _link(message)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    new = "a-fresh-Passw0rd-for-the-office"
    client.post(form_url, {"new_password1": new, "new_password2": new})
    person.refresh_from_db()
    assert person.has_usable_password() and person.email_confirmed_at
    # Signed in, the queue sends them to set up the second factor first.
    client.force_login(person)
    response = client.get(reverse("schools:queue_country", args=["DE"]))
    assert response.status_code == 302
    assert reverse("accounts:otp_setup") in response["Location"]
    client.logout()
    login_with_second_factor(client, person)
    assert client.get(reverse("schools:queue_country", args=["DE"])).status_code == 200


def test_an_existing_account_is_appointed_and_told(client):
    _admin(client)
    teacher = make_teacher("DE")
    mail.outbox.clear()
    client.post(
        reverse("network:appoint"),
        {"email": teacher.email.upper(), "country": "DE", "role": "national"},
    )
    assert SupportRole.objects.filter(user=teacher, country_id="DE", can_verify=True).exists()
    (message,) = mail.outbox
    assert message.to == [teacher.email] and "password" not in message.body.lower()


def test_a_national_office_appoints_a_regional_one_for_its_own_country_only(client):
    office = make_staff("FR")
    login_with_second_factor(client, office)
    corse = Region.objects.get(code="corse")
    client.post(
        reverse("network:appoint"),
        {"email": "corse@example.fr", "country": "FR", "role": "regional", "region": corse.pk},
    )
    role = SupportRole.objects.get(user__email="corse@example.fr")
    assert role.region_id == corse.pk and role.role == "regional"
    response = client.post(
        reverse("network:appoint"),
        {"email": "x@example.de", "country": "DE", "role": "national"},
    )
    assert response.status_code == 200  # the form again: Germany is not a choice
    assert not User.objects.filter(email="x@example.de").exists()


def test_bad_input_is_explained_and_nothing_is_created(client):
    _admin(client)
    corse = Region.objects.get(code="corse")
    response = client.post(
        reverse("network:appoint"),
        {"email": "a@example.de", "country": "DE", "role": "regional", "region": corse.pk},
    )
    assert "This region is not in the chosen country." in response.text
    response = client.post(
        reverse("network:appoint"), {"email": "a@example.de", "country": "DE", "role": "regional"}
    )
    assert "A regional correspondent needs a region." in response.text
    assert not User.objects.filter(email="a@example.de").exists()


def test_a_regional_correspondent_or_a_teacher_cannot_appoint(client):
    corse = Region.objects.get(code="corse")
    login_with_second_factor(client, make_staff("FR", role="regional", region=corse))
    assert client.get(reverse("network:appoint")).status_code == 404
    client.force_login(make_teacher("FR"))
    assert client.get(reverse("network:appoint")).status_code == 404


def test_an_unconfirmed_account_with_the_address_gets_no_power_until_its_owner_sets_a_password(
    client,
):
    squatter = User.objects.create_user(
        email="office@example.de", password=PASSWORD, display_name="Squatter", kind="teacher"
    )
    _admin(client)
    mail.outbox.clear()
    client.post(
        reverse("network:appoint"),
        {"email": "office@example.de", "country": "DE", "role": "national"},
    )
    squatter.refresh_from_db()
    assert not squatter.has_usable_password()  # the squatter's password no longer works
    (message,) = mail.outbox
    assert "/accounts/password/reset/" in message.body
