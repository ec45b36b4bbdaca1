"""Logging in through a real OpenID Connect provider (django-oauth-toolkit, on loopback)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from jumelage import testing
from jumelage.accounts.models import TeacherProfile, User
from jumelage.sso.models import IdentityLink

from .helpers import provider_round_trip, sso_login

pytestmark = pytest.mark.django_db


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def _logged_in_as(client):
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def test_links_to_existing_account_with_confirmed_address(client, sso_settings, oidc_provider):
    teacher = testing.make_teacher("FR")
    assert teacher.email_confirmed_at
    oidc_provider.person("anne", email=teacher.email.upper(), email_verified=True)
    response = sso_login(client, "anne")
    assert response.status_code == 302
    assert response["Location"] == reverse("core:dashboard")
    assert _logged_in_as(client) == teacher
    link = IdentityLink.objects.get(user=teacher)
    assert link.issuer == oidc_provider.issuer and link.provider == "testop"


def test_first_login_creates_account_that_still_needs_school_and_verification(
    client, sso_settings, oidc_provider
):
    oidc_provider.person(
        "new", email="nouvelle@example.org", email_verified=True, name="Nina Nouvelle"
    )
    response = sso_login(client, "new")
    user = _logged_in_as(client)
    assert response.status_code == 302
    assert user.email == "nouvelle@example.org" and user.display_name == "Nina Nouvelle"
    assert user.kind == User.Kind.TEACHER and not user.has_usable_password()
    assert user.teacher_profile.status == TeacherProfile.Status.EMAIL_CONFIRMED
    # Like any sign-up: not a verified teacher until a school and a verifier say so.
    dashboard = client.get(reverse("core:dashboard"))
    assert dashboard.status_code == 200
    assert client.get(reverse("schools:register")).status_code == 200


def test_unverified_address_at_the_provider_creates_nothing(client, sso_settings, oidc_provider):
    oidc_provider.person("loose", email="loose@example.org", email_verified=False)
    response = sso_login(client, "loose")
    assert response["Location"] == reverse("accounts:login")
    assert "does not confirm your email address" in _messages(response)[0]
    assert not User.objects.filter(email="loose@example.org").exists()


def test_refuses_to_link_an_account_whose_address_is_not_confirmed(
    client, sso_settings, oidc_provider
):
    teacher = testing.make_teacher("FR")
    User.objects.filter(pk=teacher.pk).update(email_confirmed_at=None)
    oidc_provider.person("claimer", email=teacher.email, email_verified=True)
    response = sso_login(client, "claimer")
    assert response["Location"] == reverse("accounts:login")
    assert "has not confirmed it yet" in _messages(response)[0]
    assert _logged_in_as(client) is None
    assert not IdentityLink.objects.exists()


def test_refuses_to_link_when_the_provider_does_not_vouch_for_the_address(
    client, sso_settings, oidc_provider
):
    teacher = testing.make_teacher("FR")
    oidc_provider.person("unsure", email=teacher.email, email_verified=False)
    response = sso_login(client, "unsure")
    assert "does not confirm this email address" in _messages(response)[0]
    assert _logged_in_as(client) is None


def test_same_identity_finds_same_account_after_an_email_change(
    client, sso_settings, oidc_provider
):
    teacher = testing.make_teacher("FR")
    oidc_provider.person("moving", email=teacher.email, email_verified=True)
    sso_login(client, "moving")
    client.logout()
    # The address changes at the provider, and another account has the new one.
    other = testing.make_teacher("IT")
    oidc_provider.person("moving", email=other.email, email_verified=True)
    sso_login(client, "moving")
    assert _logged_in_as(client) == teacher
    assert IdentityLink.objects.filter(user=teacher).count() == 1


def test_pupils_are_never_linked(client, sso_settings, oidc_provider):
    world_project = testing.make_project()
    pupil = testing.make_pupil(world_project)
    # A signed-in pupil cannot start a provider login (nothing to link to a pupil).
    client.force_login(pupil)
    response = client.get(reverse("sso:login", args=["testop"]))
    assert response["Location"] == reverse("core:dashboard")
    assert "Pupils cannot log in through an identity provider" in _messages(response)[0]
    client.logout()
    # And an identity somehow linked to a pupil opens nothing.
    oidc_provider.person("kid", email="kid@example.org", email_verified=True)
    callback = provider_round_trip(client, "kid")
    IdentityLink.objects.create(
        user=pupil,
        issuer=oidc_provider.issuer,
        provider="testop",
        subject=_provider_sub(oidc_provider, "kid"),
    )
    response = client.get(callback)
    assert "Pupils cannot log in" in _messages(response)[0]
    assert _logged_in_as(client) is None


def _provider_sub(oidc_provider, username):
    import sqlite3

    with sqlite3.connect(oidc_provider.db_file) as db:
        (pk,) = db.execute("SELECT id FROM auth_user WHERE username = ?", (username,)).fetchone()
    return str(pk)


def test_state_mismatch_is_refused_with_a_message(client, sso_settings, oidc_provider):
    teacher = testing.make_teacher("FR")
    oidc_provider.person("anne2", email=teacher.email, email_verified=True)
    callback = provider_round_trip(client, "anne2")
    forged = callback.replace("state=", "state=x")
    response = client.get(forged)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")
    assert "does not belong to a login started in this browser" in _messages(response)[0]
    assert _logged_in_as(client) is None
    # Replaying the real answer in another browser (no state in its session) fails too.
    other_browser = type(client)()
    response = other_browser.get(callback)
    assert "does not belong to a login started in this browser" in _messages(response)[0]


def test_nonce_mismatch_is_refused_with_a_message(client, sso_settings, oidc_provider):
    teacher = testing.make_teacher("FR")
    oidc_provider.person("anne3", email=teacher.email, email_verified=True)
    callback = provider_round_trip(client, "anne3")
    session = client.session
    for entry in session["oidc_states"].values():
        entry["nonce"] = "not-the-nonce-sent"
    session.save()
    response = client.get(callback)
    assert response.status_code == 302
    assert "does not match this login" in _messages(response)[0]
    assert _logged_in_as(client) is None


def test_staff_second_factor_delegated_when_provider_asserts_it(
    client, sso_settings, oidc_provider
):
    staff = testing.make_staff("FR")
    oidc_provider.person("agent", email=staff.email, email_verified=True, amr=["pwd", "mfa"])
    response = sso_login(client, "agent", next_url=reverse("accounts:security"))
    assert response["Location"] == reverse("accounts:security")
    assert client.get(reverse("accounts:security")).status_code == 200
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_staff_without_asserted_factor_goes_through_platform_second_factor(
    client, sso_settings, oidc_provider
):
    staff = testing.make_staff("FR")
    TOTPDevice.objects.filter(user=staff).delete()
    oidc_provider.person("agent2", email=staff.email, email_verified=True, amr=["pwd"])
    response = sso_login(client, "agent2")
    assert response["Location"] == reverse("accounts:otp_setup")
    page = client.get(reverse("core:dashboard"))
    assert page.status_code == 302 and page["Location"].startswith(reverse("accounts:otp_setup"))


def test_enrolled_user_without_asserted_factor_is_asked_for_the_code(
    client, sso_settings, oidc_provider
):
    teacher = testing.make_teacher("FR")
    TOTPDevice.objects.create(user=teacher, name="authenticator", confirmed=True)
    oidc_provider.person("careful", email=teacher.email, email_verified=True, acr="basic")
    response = sso_login(client, "careful")
    assert response["Location"] == reverse("accounts:login_code")
    assert _logged_in_as(client) is None


def test_login_page_shows_one_button_per_provider(client, settings, sso_settings):
    page = client.get(reverse("accounts:login"))
    assert "Log in with Test ID" in page.content.decode()
    settings.SSO_PROVIDERS = {}
    page = client.get(reverse("accounts:login"))
    assert "Log in with" not in page.content.decode()


def test_unknown_provider_is_404(client, sso_settings):
    assert client.get(reverse("sso:login", args=["nobody"])).status_code == 404


def test_deleting_the_account_drops_its_links(client, sso_settings, oidc_provider):
    from jumelage.accounts import services as account_services

    teacher = testing.make_teacher("FR")
    oidc_provider.person("leaver", email=teacher.email, email_verified=True)
    sso_login(client, "leaver")
    account_services.delete_account(User.objects.get(pk=teacher.pk))
    assert not IdentityLink.objects.exists()


def test_delegated_second_factor_belongs_to_that_login_only(client, sso_settings, oidc_provider):
    staff = testing.make_staff("FR")
    oidc_provider.person("agent3", email=staff.email, email_verified=True, acr="otp")
    sso_login(client, "agent3")
    assert client.get(reverse("core:dashboard")).status_code == 200
    # Another person in the same browser does not inherit it.
    other = testing.make_staff("IT")
    client.force_login(other)
    page = client.get(reverse("core:dashboard"))
    assert page.status_code == 302 and page["Location"].startswith(reverse("accounts:otp_setup"))


def test_an_error_from_the_provider_is_shown_not_a_500(client, sso_settings):
    start = client.get(reverse("sso:login", args=["testop"]))
    state = start["Location"].split("state=")[1].split("&")[0]
    response = client.get(reverse("sso:callback"), {"error": "access_denied", "state": state})
    assert response["Location"] == reverse("accounts:login")
    assert "did not log you in" in _messages(response)[0]


def test_an_unreachable_provider_is_explained(client, settings):
    settings.SSO_PROVIDERS = {
        "down": {"name": "Down ID", "issuer": "http://127.0.0.1:9/o", "client_id": "x"}
    }
    response = client.get(reverse("sso:login", args=["down"]))
    assert response["Location"] == reverse("accounts:login")
    assert "Down ID cannot be reached" in _messages(response)[0]
