"""Inactive teacher and staff accounts: warned, deactivated, deleted at the set days, each
notice once and through the outbox, in the person's language; a login resets it all."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from jumelage import testing
from jumelage.accounts.models import User
from jumelage.accounts.retention import inactive_accounts
from jumelage.audit.models import AuditEntry
from jumelage.mail.models import OutboxMessage
from jumelage.retention.models import InactivityNotice
from jumelage.retention.services import run

from .helpers import T0, at

pytestmark = pytest.mark.django_db
DAY = timedelta(days=1)
WARN, DEACTIVATE, DELETE = 730, 30, 365
Stage = InactivityNotice.Stage


@pytest.fixture(autouse=True)
def schedule(settings):
    settings.ACCOUNT_INACTIVE_WARN_DAYS = WARN
    settings.ACCOUNT_INACTIVE_DEACTIVATE_DAYS = DEACTIVATE
    settings.ACCOUNT_INACTIVE_DELETE_DAYS = DELETE


def _idle(user, since=T0):
    User.objects.filter(pk=user.pk).update(last_login=since, last_seen_at=since, date_joined=since)
    return user


def _teacher(**fields):
    with at(T0):
        user = testing.make_teacher()
    if fields:
        User.objects.filter(pk=user.pk).update(**fields)
    return _idle(user)


def _mails(address):
    return [m for m in OutboxMessage.objects.order_by("id") if address in m.recipients]


def _stages(user):
    return set(InactivityNotice.objects.filter(user=user).values_list("stage", flat=True))


def test_warned_then_deactivated_then_deleted_each_once_on_its_day():
    user = _teacher()
    address = user.email
    warned_on = T0 + WARN * DAY

    assert inactive_accounts(warned_on - DAY) == 0
    assert _mails(address) == []

    assert inactive_accounts(warned_on) == 1
    assert _stages(user) == {Stage.WARNED}
    (warning,) = _mails(address)
    assert "http://testserver" in warning.body or "/accounts/login/" in warning.body
    assert inactive_accounts(warned_on) == 0  # the same day again: nothing more
    assert inactive_accounts(warned_on + DAY) == 0
    assert len(_mails(address)) == 1

    deactivated_on = warned_on + DEACTIVATE * DAY
    assert inactive_accounts(deactivated_on - DAY) == 0
    user.refresh_from_db()
    assert user.is_active
    assert inactive_accounts(deactivated_on) == 1
    user.refresh_from_db()
    assert not user.is_active
    assert _stages(user) == {Stage.WARNED, Stage.DEACTIVATED}
    assert len(_mails(address)) == 2
    assert "/accounts/password/reset/" in _mails(address)[1].body
    assert inactive_accounts(deactivated_on + DAY) == 0

    deleted_on = deactivated_on + DELETE * DAY
    assert inactive_accounts(deleted_on - DAY) == 0
    assert User.objects.get(pk=user.pk).email == address
    assert inactive_accounts(deleted_on) == 1
    user.refresh_from_db()
    assert user.email != address and not user.is_active  # anonymised by delete_account
    assert len(_mails(address)) == 3  # the last notice went to the real address
    assert inactive_accounts(deleted_on + 400 * DAY) == 0
    assert len(_mails(address)) == 3
    actions = set(AuditEntry.objects.filter(subject_user=user).values_list("action", flat=True))
    assert {"account.inactive_warned", "account.deactivated_inactive", "account.deleted"} <= actions


def test_the_notices_are_in_the_persons_language():
    user = _teacher(language="fr")
    inactive_accounts(T0 + WARN * DAY)
    (warning,) = _mails(user.email)
    # The deactivation date, formatted by Django's own French catalogue.
    deactivate_on = T0 + (WARN + DEACTIVATE) * DAY
    assert f"{deactivate_on.day} " in warning.body
    assert re.search(
        r"janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre",
        warning.body,
    )


def test_a_login_resets_the_schedule(client):
    user = _teacher()
    warned_on = T0 + WARN * DAY
    inactive_accounts(warned_on)
    assert _stages(user) == {Stage.WARNED}
    with at(warned_on + DAY):
        client.force_login(user)  # the login signal ends the schedule at once
    assert _stages(user) == set()
    assert inactive_accounts(warned_on + DEACTIVATE * DAY) == 0
    user.refresh_from_db()
    assert user.is_active
    # Two more years without a login: a fresh warning, the first of a new schedule.
    assert inactive_accounts(warned_on + DAY + WARN * DAY) == 1
    assert _stages(user) == {Stage.WARNED}


def test_activity_seen_by_the_daily_run_resets_too():
    """If the login signal was missed (a session kept alive), activity after the warning counts."""
    user = _teacher()
    warned_on = T0 + WARN * DAY
    inactive_accounts(warned_on)
    User.objects.filter(pk=user.pk).update(last_seen_at=warned_on + DAY)
    assert inactive_accounts(warned_on + DEACTIVATE * DAY) == 0
    user.refresh_from_db()
    assert user.is_active and _stages(user) == set()


def test_superusers_pupils_and_recent_users_are_left_alone(world):
    superuser = _idle(world.users["superuser"])
    pupil = _idle(world.users["pupil"])
    recent = _idle(testing.make_teacher(), since=T0 + 10 * DAY)
    staff = _idle(world.users["staff"])
    for user in world.users.values():
        if user is not None and user.pk not in {superuser.pk, pupil.pk, recent.pk, staff.pk}:
            _idle(user, since=T0 + 10 * DAY)
    assert inactive_accounts(T0 + WARN * DAY) == 1
    assert list(InactivityNotice.objects.values_list("user", flat=True)) == [staff.pk]


def test_zero_turns_the_schedule_off(settings):
    settings.ACCOUNT_INACTIVE_WARN_DAYS = 0
    user = _teacher()
    assert inactive_accounts(T0 + 5000 * DAY) == 0
    assert _stages(user) == set()


def test_an_address_nobody_confirmed_gets_no_mail_but_the_schedule_runs():
    user = _teacher(email_confirmed_at=None)
    assert inactive_accounts(T0 + WARN * DAY) == 1
    assert _mails(user.email) == []


def test_a_password_reset_reactivates_a_deactivated_account():
    user = _teacher()
    inactive_accounts(T0 + WARN * DAY)
    inactive_accounts(T0 + (WARN + DEACTIVATE) * DAY)
    user.refresh_from_db()
    assert not user.is_active
    before = OutboxMessage.objects.count()

    client = Client()
    client.post(reverse("accounts:password_reset"), {"email": user.email})
    reset = OutboxMessage.objects.order_by("id")[before:]
    assert len(reset) == 1
    link = re.search(r"https?://\S+", reset[0].body).group(0)
    path = re.sub(r"^https?://[^/]+", "", link)
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    new = "a-brand-new-passphrase-42"
    client.post(form_url, {"new_password1": new, "new_password2": new})

    user.refresh_from_db()
    assert user.is_active
    assert _stages(user) == set()
    again = Client()
    again.post(reverse("accounts:login"), {"username": user.email, "password": new})
    assert again.session.get("_auth_user_id") == str(user.pk)
    assert AuditEntry.objects.filter(subject_user=user, action="account.reactivated").exists()


def test_a_deleted_or_otherwise_disabled_account_gets_no_reset_mail():
    """Only deactivation for inactivity is undone by a reset; a staff ban is not."""
    user = _teacher()
    User.objects.filter(pk=user.pk).update(is_active=False)
    before = OutboxMessage.objects.count()
    Client().post(reverse("accounts:password_reset"), {"email": user.email})
    assert OutboxMessage.objects.count() == before


def test_a_dry_run_counts_the_stages_and_changes_nothing():
    user = _teacher()
    inactive_accounts(T0 + WARN * DAY)
    inactive_accounts(T0 + (WARN + DEACTIVATE) * DAY)
    mails = OutboxMessage.objects.count()
    deleted_on = T0 + (WARN + DEACTIVATE + DELETE) * DAY
    result = run(deleted_on, dry_run=True)
    assert result.counts["accounts.inactive"] == 1
    user.refresh_from_db()
    assert user.email.startswith("teacher") and _stages(user) == {Stage.WARNED, Stage.DEACTIVATED}
    assert OutboxMessage.objects.count() == mails
