"""Passwords are stored with Argon2id at OWASP's parameters (accounts/hashers.py), and a
password stored the old way still opens the account, then is stored the new way.

The suite hashes with MD5 for speed (conftest); these tests put back the project's own
PASSWORD_HASHERS.
"""

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher, make_password
from django.urls import reverse

from jumelage import settings as project_settings
from jumelage.accounts.models import User
from jumelage.testing import PASSWORD, make_project, make_pupil, make_teacher

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_hashers(settings):
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS


def _parameters(encoded: str) -> tuple[str, str]:
    algorithm, variety, _version, parameters, _salt, _hash = encoded.split("$")
    return f"{algorithm}${variety}", parameters


def test_a_new_password_is_stored_with_argon2id_at_owasps_parameters(production_hashers):
    assert _parameters(make_password("le chat dort")) == ("argon2$argon2id", "m=19456,t=2,p=1")


def test_a_password_stored_with_pbkdf2_opens_the_account_and_is_stored_anew(
    client, production_hashers
):
    teacher = make_teacher()
    old = PBKDF2PasswordHasher().encode(PASSWORD, "oldsalt", iterations=1000)
    User.objects.filter(pk=teacher.pk).update(password=old)

    response = client.post(
        reverse("accounts:login"), {"username": teacher.email, "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == reverse("core:dashboard")
    teacher.refresh_from_db()
    assert _parameters(teacher.password) == ("argon2$argon2id", "m=19456,t=2,p=1")

    # The new hash opens the account as well, and a wrong password still does not.
    client.post(reverse("accounts:logout"))
    wrong = client.post(reverse("accounts:login"), {"username": teacher.email, "password": "x"})
    assert wrong.status_code == 200
    again = client.post(
        reverse("accounts:login"), {"username": teacher.email, "password": PASSWORD}
    )
    assert again.status_code == 302


def test_django_own_argon2_hashes_are_brought_to_these_parameters(client, production_hashers):
    """Hashes made with Django's Argon2 (100 MiB, 8 lanes) verify, then are redone."""
    from django.contrib.auth.hashers import Argon2PasswordHasher

    project = make_project()
    pupil = make_pupil(project)
    User.objects.filter(pk=pupil.pk).update(
        password=Argon2PasswordHasher().encode(PASSWORD, "s" * 16)
    )

    response = client.post(
        reverse("accounts:pupil_login"), {"login": pupil.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    pupil.refresh_from_db()
    assert _parameters(pupil.password) == ("argon2$argon2id", "m=19456,t=2,p=1")
