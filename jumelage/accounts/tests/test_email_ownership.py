"""H1 / L2 / L3: an unconfirmed address proves nothing, sign-up never tells, mail is rationed."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from jumelage.accounts import policies
from jumelage.accounts.models import TeacherProfile, User
from jumelage.accounts.signals import credentials_changed
from jumelage.testing import PASSWORD, make_project, make_pupil, make_teacher

pytestmark = pytest.mark.django_db

NEW = "a-brand-new-passphrase-42"


def signup(client, email, password="squatter-passphrase-9", name="Someone", **meta):  # noqa: S107
    return client.post(
        reverse("accounts:signup"),
        {"display_name": name, "email": email, "password1": password, "password2": password},
        **meta,
    )


def login(client, email, password, **meta):
    return client.post(reverse("accounts:login"), {"username": email, "password": password}, **meta)


def link_in(message) -> str:
    link = re.search(r"https?://\S+", message.body).group(0)
    return re.sub(r"^https?://[^/]+", "", link)


def set_password_through(client, path, password=NEW):
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    return client.post(form_url, {"new_password1": password, "new_password2": password})


# --- H1: login and the shared helper ------------------------------------------------------


def test_an_unconfirmed_account_cannot_log_in_and_is_offered_a_new_link(client):
    signup(client, "new@example.org", PASSWORD)
    mail.outbox.clear()
    response = login(client, "new@example.org", PASSWORD)
    assert response.status_code == 200
    assert "Your email address is not confirmed yet" in response.text
    assert reverse("accounts:resend_confirmation") in response.text
    assert client.get(reverse("core:dashboard")).status_code == 302  # not logged in
    response = client.post(reverse("accounts:resend_confirmation"), {"email": "new@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    client.get(link_in(mail.outbox[0]))
    assert login(client, "new@example.org", PASSWORD).status_code == 302


def test_resending_to_an_unknown_or_confirmed_address_sends_nothing_and_says_the_same(client):
    teacher = make_teacher()
    answers = set()
    for email in ["ghost@example.org", teacher.email]:
        response = client.post(reverse("accounts:resend_confirmation"), {"email": email})
        answers.add(response["Location"])
    assert len(answers) == 1
    assert mail.outbox == []


def test_has_confirmed_email_is_the_one_test_for_email_bound_rights():
    teacher = make_teacher()
    assert policies.has_confirmed_email(teacher)
    User.objects.filter(pk=teacher.pk).update(email_confirmed_at=None)
    teacher.refresh_from_db()
    assert not policies.has_confirmed_email(teacher)
    pupil = make_pupil(make_project())
    assert not policies.has_confirmed_email(pupil)  # no address, no email-bound right
    from django.contrib.auth.models import AnonymousUser

    assert not policies.has_confirmed_email(AnonymousUser())


def test_pupils_still_log_in_without_any_email(client):
    project = make_project()
    pupil = make_pupil(project)
    pupil.set_password(PASSWORD)
    pupil.must_change_password = False
    pupil.save()
    response = client.post(
        reverse("accounts:pupil_login"), {"login": pupil.username, "password": PASSWORD}
    )
    assert response.status_code == 302


# --- H1: the real owner takes a squatted address back ---------------------------------------


def test_the_real_owner_takes_over_an_address_a_squatter_never_confirmed(client):
    squatter = client
    signup(squatter, "invitee@example.org", "squatter-passphrase-9", name="Squatter")
    squatted = User.objects.get(email="invitee@example.org")
    TOTPDevice.objects.create(user=squatted, name="squatter's phone", confirmed=True)
    mail.outbox.clear()

    owner = Client()
    response = signup(owner, "invitee@example.org", "owner-passphrase-77", name="Real Invitee")
    assert response["Location"] == reverse("accounts:signup_done")
    assert [m.to for m in mail.outbox] == [["invitee@example.org"]]
    assert "never confirmed the address" in mail.outbox[0].body
    assert set_password_through(owner, link_in(mail.outbox[0])).status_code == 302

    squatted.refresh_from_db()
    assert squatted.email_confirmed_at is not None
    assert squatted.teacher_profile.status == TeacherProfile.Status.EMAIL_CONFIRMED
    assert not TOTPDevice.objects.filter(user=squatted).exists()
    # The squatter's password stops working; the owner's works.
    assert login(Client(), "invitee@example.org", "squatter-passphrase-9").status_code == 200
    assert login(owner, "invitee@example.org", NEW).status_code == 302
    assert owner.get(reverse("core:dashboard")).status_code == 200


def test_a_password_reset_also_proves_the_address():
    client_signup = Client()
    signup(client_signup, "late@example.org", PASSWORD)
    mail.outbox.clear()
    client_signup.post(reverse("accounts:password_reset"), {"email": "late@example.org"})
    set_password_through(client_signup, link_in(mail.outbox[-1]))
    assert policies.can_log_in_with_email(User.objects.get(email="late@example.org"))


# --- L2: the same answer either way ------------------------------------------------------------


def test_sign_up_answers_the_same_whether_or_not_the_address_has_an_account(client):
    teacher = make_teacher()
    free = signup(client, "free@example.org")
    taken = signup(client, teacher.email.upper())
    assert free.status_code == taken.status_code == 302
    assert free["Location"] == taken["Location"]
    page_free = client.get(free["Location"]).text.replace("free@example.org", "X")
    assert "already" not in page_free
    # The explanation goes to the address's owner, by email.
    explanation = [m for m in mail.outbox if m.to == [teacher.email]]
    assert len(explanation) == 1
    assert "You already have an account" in explanation[0].body
    assert reverse("accounts:password_reset") in explanation[0].body
    teacher.refresh_from_db()
    assert teacher.check_password(PASSWORD)  # nothing about the account changed


# --- L3: mail is rationed per address and per IP --------------------------------------------


def test_mail_per_address_is_limited_and_the_answer_stays_the_same(client, settings):
    settings.ACCOUNT_MAIL_PER_ADDRESS = 3
    teacher = make_teacher()
    answers = set()
    for n in range(6):
        response = client.post(
            reverse("accounts:password_reset"),
            {"email": teacher.email},
            REMOTE_ADDR=f"10.0.0.{n}",
        )
        answers.add((response.status_code, response["Location"]))
    assert len(answers) == 1
    assert len(mail.outbox) == 3
    # Sign-up and resend share the same budget for that address.
    signup(client, teacher.email, REMOTE_ADDR="10.0.1.1")
    assert len(mail.outbox) == 3


def test_mail_per_ip_is_limited_over_many_addresses(client, settings):
    settings.ACCOUNT_MAIL_PER_IP = 4
    for n in range(8):
        response = signup(client, f"victim{n}@example.org", REMOTE_ADDR="203.0.113.9")
        assert response["Location"] == reverse("accounts:signup_done")
    for n in range(8):
        client.post(
            reverse("accounts:resend_confirmation"),
            {"email": f"victim{n}@example.org"},
            REMOTE_ADDR="203.0.113.9",
        )
    assert len(mail.outbox) == 4
    # Another address is not affected.
    signup(client, "someone.else@example.org", REMOTE_ADDR="198.51.100.7")
    assert len(mail.outbox) == 5


# --- credentials_changed: sent after commit on every password change, reset and deletion -------


@pytest.fixture
def changed():
    seen = []

    def listener(sender, user, **kwargs):
        seen.append(user.pk)

    credentials_changed.connect(listener)
    yield seen
    credentials_changed.disconnect(listener)


def test_credentials_changed_is_sent_on_change_reset_pupil_password_and_deletion(
    client, changed, django_capture_on_commit_callbacks
):
    teacher = make_teacher()
    client.force_login(teacher)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accounts:password_change"),
            {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
        )
    assert changed == [teacher.pk]
    client.logout()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": teacher.email})
        set_password_through(client, link_in(mail.outbox[-1]), "yet-another-passphrase-3")
    assert changed == [teacher.pk, teacher.pk]

    project = make_project()
    pupil = make_pupil(project)
    with django_capture_on_commit_callbacks(execute=True):
        pupil.set_password("whatever-pupil-1")
        pupil.save()
    assert changed[-1] == pupil.pk

    other = make_teacher()
    client.force_login(other)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert changed[-1] == other.pk
    # Not sent for a plain save, nor before commit.
    count = len(changed)
    with django_capture_on_commit_callbacks(execute=False):
        teacher.set_password("x-not-committed-1")
        teacher.save()
    teacher.display_name = "Renamed"
    teacher.save()
    assert len(changed) == count


def test_a_changed_address_must_be_confirmed_again_whatever_changes_it(client):
    teacher = make_teacher()
    teacher = User.objects.get(pk=teacher.pk)
    teacher.email = "new.address@example.org"
    teacher.save(update_fields=["email"])
    teacher.refresh_from_db()
    assert teacher.email_confirmed_at is None
    assert not policies.has_confirmed_email(teacher)
    assert login(client, "new.address@example.org", PASSWORD).status_code == 200
    # A change of case only is the same address.
    other = User.objects.get(pk=make_teacher().pk)
    other.email = other.email.upper()
    other.save()
    other.refresh_from_db()
    assert other.email_confirmed_at is not None


def test_a_support_role_is_never_given_to_an_unconfirmed_address(client):
    """An email-bound right outside accounts: the office appoints by address."""
    from jumelage.network.models import SupportRole
    from jumelage.testing import make_staff, sign_in

    signup(Client(), "squatted.colleague@example.org")
    sign_in(client, make_staff("FR"))
    response = client.post(
        reverse("network:staff_new"),
        {"email": "squatted.colleague@example.org", "role": "ambassador", "country": "FR"},
    )
    assert response.status_code == 200
    assert "has not confirmed its email address yet" in response.text
    assert not SupportRole.objects.filter(user__email="squatted.colleague@example.org").exists()
