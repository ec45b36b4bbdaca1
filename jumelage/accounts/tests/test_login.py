"""Login, remember me, throttling, second factor, passwords, admin access."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from jumelage.accounts.models import User
from jumelage.audit.models import AuditEntry
from jumelage.testing import PASSWORD, login_with_second_factor, make_staff, make_teacher

pytestmark = pytest.mark.django_db


def login(client, email, password=PASSWORD, remember_me=None, **meta):
    data = {"username": email, "password": password}
    if remember_me:
        data["remember_me"] = remember_me
    return client.post(reverse("accounts:login"), data, **meta)


def code_for(device, offset=0):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def test_login_and_logout(client):
    teacher = make_teacher()
    response = login(client, teacher.email.upper())
    assert response.status_code == 302
    assert response["Location"] == reverse("core:dashboard")
    assert client.get(reverse("core:dashboard")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("core:dashboard")).status_code == 302


def test_wrong_password_gets_a_clear_message(client):
    teacher = make_teacher()
    response = login(client, teacher.email, "wrong")
    assert response.status_code == 200
    assert "Email address and password do not match" in response.text


def test_remember_me_keeps_the_session_beyond_the_browser(client):
    teacher = make_teacher()
    login(client, teacher.email)
    assert client.session.get_expire_at_browser_close()
    client.post(reverse("accounts:logout"))
    login(client, teacher.email, remember_me="on")
    assert not client.session.get_expire_at_browser_close()


def test_throttling_locks_after_the_limit_and_unlocks_after_the_delay(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(minutes=10)
    teacher = make_teacher()
    for _ in range(2):
        assert login(client, teacher.email, "wrong").status_code == 200
    response = login(client, teacher.email, "wrong")
    assert response.status_code == 429
    assert "Too many failed logins" in response.text
    assert "Try again in 10 minutes" in response.text
    # Locked: even the right password is refused now.
    assert login(client, teacher.email).status_code == 429
    # Time passes: the attempts are older than the cool-off.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=11))
    response = login(client, teacher.email)
    assert response.status_code == 302
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_an_ip_over_its_ceiling_is_paused_for_unknown_accounts(client, settings):
    settings.LOGIN_IP_CEILING = 3
    for n in range(3):
        login(client, f"nobody{n}@example.org", "wrong")
    teacher = make_teacher()
    response = login(client, teacher.email)
    assert response.status_code == 429
    assert "Too many failed logins came from this network" in response.text
    other_ip = login(client, teacher.email, REMOTE_ADDR="10.9.9.9")
    assert other_ip.status_code == 302


def test_locked_out_page_is_french_for_french_browsers(client, settings):
    settings.AXES_FAILURE_LIMIT = 1
    teacher = make_teacher()
    response = client.post(
        reverse("accounts:login"),
        {"username": teacher.email, "password": "wrong"},
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 429
    assert "Réessayez dans" in response.text


def test_teacher_enrols_totp_then_login_asks_for_the_code(client, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    teacher = make_teacher()
    client.force_login(teacher)
    response = client.get(reverse("accounts:otp_setup"))
    assert 'src="data:image/svg+xml;base64,' in response.text
    device = TOTPDevice.objects.get(user=teacher, confirmed=False)
    response = client.post(reverse("accounts:otp_setup"), {"token": "000000"})
    assert "This code is not valid" in response.text
    response = client.post(reverse("accounts:otp_setup"), {"token": code_for(device)})
    assert response.status_code == 200
    codes = re.findall(r"<code>(\w+)</code>", response.text)
    assert len(codes) == 10
    device.refresh_from_db()
    assert device.confirmed
    client.post(reverse("accounts:logout"))

    response = login(client, teacher.email)
    assert response["Location"] == reverse("accounts:login_code")
    # Not logged in yet.
    assert client.get(reverse("core:dashboard")).status_code == 302
    response = login(client, teacher.email)
    response = client.post(reverse("accounts:login_code"), {"token": "123456"})
    assert "This code is not valid" in response.text
    response = client.post(reverse("accounts:login_code"), {"token": codes[0]})
    assert response.status_code == 302
    assert client.get(reverse("core:dashboard")).status_code == 200
    # A backup code works once.
    client.post(reverse("accounts:logout"))
    login(client, teacher.email)
    response = client.post(reverse("accounts:login_code"), {"token": codes[0]})
    assert response.status_code == 200


def test_a_backup_code_right_after_a_typo_lets_the_teacher_in(client):
    """With django-otp's real throttling: the typo throttled every device (issue 14)."""
    teacher = make_teacher()
    TOTPDevice.objects.create(user=teacher, name="phone", confirmed=True)
    backup = StaticDevice.objects.create(user=teacher, name="backup codes", confirmed=True)
    StaticToken.objects.create(device=backup, token="ab3cd4ef")
    login(client, teacher.email)
    page = client.get(reverse("accounts:login_code")).text
    assert 'inputmode="numeric"' not in page  # backup codes have letters
    response = client.post(reverse("accounts:login_code"), {"token": "123456"})
    assert "This code is not valid" in response.text
    response = client.post(reverse("accounts:login_code"), {"token": "AB3C D4EF"})
    assert response.status_code == 302
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_a_wrong_backup_code_says_so(client):
    teacher = make_teacher()
    StaticDevice.objects.create(user=teacher, name="backup codes", confirmed=True)
    login(client, teacher.email)
    response = client.post(reverse("accounts:login_code"), {"token": "zz99zz99"})
    assert "This backup code is not valid" in response.text


def test_too_many_wrong_codes_end_the_login(client):
    teacher = make_teacher()
    TOTPDevice.objects.create(user=teacher, name="phone", confirmed=True)
    login(client, teacher.email)
    for _ in range(5):
        response = client.post(reverse("accounts:login_code"), {"token": "000000"})
    assert response["Location"] == reverse("accounts:login")
    assert client.get(reverse("accounts:login_code"))["Location"] == reverse("accounts:login")


def test_teacher_may_turn_the_second_factor_off_with_the_password(client):
    teacher = make_teacher()
    TOTPDevice.objects.create(user=teacher, name="phone", confirmed=True)
    client.force_login(teacher)
    client.post(reverse("accounts:otp_disable"), {"password": "wrong"})
    assert TOTPDevice.objects.filter(user=teacher).exists()
    client.post(reverse("accounts:otp_disable"), {"password": PASSWORD})
    assert not TOTPDevice.objects.filter(user=teacher).exists()
    assert AuditEntry.objects.filter(action="account.second_factor_disabled").exists()


def test_staff_must_enrol_and_cannot_turn_it_off(client):
    staff = make_staff("FR")
    response = login(client, staff.email)
    assert response["Location"].startswith(reverse("accounts:otp_setup"))
    login_with_second_factor(client, staff)
    assert client.post(reverse("accounts:otp_disable"), {"password": PASSWORD}).status_code == 403
    assert TOTPDevice.objects.filter(user=staff).exists()


def test_staff_login_with_code_reaches_the_queue(client):
    staff = make_staff("FR")
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    login(client, staff.email)
    response = client.post(reverse("accounts:login_code"), {"token": code_for(device)})
    assert response.status_code == 302
    response = client.get(reverse("schools:queue"), follow=True)
    assert "Verification queue" in response.text


def test_admin_needs_the_second_factor(client):
    admin = User.objects.create_superuser(
        email="root@example.org", password=PASSWORD, display_name="Root"
    )
    client.force_login(admin)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert reverse("accounts:otp_setup") in response.url or "login" in response.url
    follow = client.get(response.url)
    assert follow.status_code in (200, 302)
    client.logout()
    device = TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    login(client, admin.email)
    client.post(reverse("accounts:login_code"), {"token": code_for(device)})
    assert client.get("/admin/").status_code == 200
    # Anonymous visitors are sent to the platform's login page.
    client.logout()
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:login"))


def test_password_reset_by_email_then_login(client):
    teacher = make_teacher()
    response = client.post(reverse("accounts:password_reset"), {"email": teacher.email})
    assert response.status_code == 302
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    path = re.sub(r"^https?://[^/]+", "", link)
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    new = "a-brand-new-passphrase-42"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    assert login(client, teacher.email, new).status_code == 302


def test_password_reset_for_unknown_address_sends_nothing(client):
    client.post(reverse("accounts:password_reset"), {"email": "ghost@example.org"})
    assert mail.outbox == []


def test_password_change(client):
    teacher = make_teacher()
    client.force_login(teacher)
    new = "another-long-passphrase-7"
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    teacher.refresh_from_db()
    assert teacher.check_password(new)


def test_account_pages_refuse_outsiders(client):
    urls = [
        reverse("accounts:security"),
        reverse("accounts:otp_setup"),
        reverse("accounts:password_change"),
        reverse("accounts:profile"),
        reverse("accounts:profile_edit"),
        reverse("accounts:export"),
        reverse("accounts:delete"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    assert client.get(reverse("accounts:otp_disable")).status_code == 405
    assert client.post(reverse("accounts:otp_disable")).status_code == 302
    staff = make_staff("FR")
    login_with_second_factor(client, staff)
    for url in urls[3:]:
        assert client.get(url).status_code == 404  # not a teacher: no profile
    assert client.get(reverse("accounts:login_code")).status_code == 302
