"""A class behind one school address: pupils' mistakes lock one pupil, not the school."""

import pytest
from django.urls import reverse

from jumelage.projects import services
from jumelage.projects.access import access_for
from jumelage.testing import PASSWORD, make_project, make_teacher

pytestmark = pytest.mark.django_db


@pytest.fixture
def limit(settings):
    settings.AXES_FAILURE_LIMIT = 3


def _pupils(n):
    project = make_project()
    founder = project.memberships.filter(is_founder=True).first().user
    return services.create_pupils(access_for(founder, project), [f"Pupil{i}" for i in range(n)])


def test_pupils_typing_mistakes_do_not_lock_the_school_address(client, limit):
    cards = _pupils(4)
    url = reverse("accounts:pupil_login")
    for pupil, _password in cards[:3]:
        for _ in range(2):
            response = client.post(url, {"login": pupil.username, "password": "oops"})
            assert response.status_code == 200
    # Six failures from the same address, two per pupil: the others still log in.
    pupil, password = cards[3]
    assert client.post(url, {"login": pupil.username, "password": password}).status_code == 302
    client.logout()
    teacher = make_teacher()
    response = client.post(
        reverse("accounts:login"), {"username": teacher.email, "password": PASSWORD}
    )
    assert response.status_code == 302


def test_one_pupil_account_is_locked_after_the_limit(client, limit):
    (pupil, password), (other, other_password) = _pupils(2)
    url = reverse("accounts:pupil_login")
    for _ in range(3):
        client.post(url, {"login": pupil.username, "password": "oops"})
    locked = client.post(url, {"login": pupil.username.upper(), "password": password})
    assert locked.status_code == 429
    assert (
        client.post(url, {"login": other.username, "password": other_password}).status_code == 302
    )


def test_junk_teacher_logins_do_not_lock_the_school_address(client, limit):
    url = reverse("accounts:login")
    for n in range(10):
        client.post(url, {"username": f"nobody{n}@example.org", "password": "wrong"})
    teacher = make_teacher()
    response = client.post(url, {"username": teacher.email, "password": PASSWORD})
    assert response.status_code == 302
