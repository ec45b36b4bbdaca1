"""A signed-in request reads its session, its user and a teacher's profile through
prepared queries."""

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from jumelage import testing
from jumelage.accounts.models import TeacherProfile, User, teacher_profile_of

pytestmark = pytest.mark.django_db


def test_a_session_serves_its_teacher_until_it_expires_or_is_gone(client):
    anna = testing.make_teacher("FR", name="Anna Weber")
    testing.sign_in(client, anna)
    dashboard = reverse("core:dashboard")
    response = client.get(dashboard)
    assert response.status_code == 200
    assert "Anna Weber" in response.text

    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    response = client.get(dashboard)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))

    testing.sign_in(client, anna)
    assert client.get(dashboard).status_code == 200
    Session.objects.all().delete()  # e.g. the operator ends every session
    assert client.get(dashboard).status_code == 302


def test_a_user_found_by_key_is_the_whole_row_and_a_missing_one_is_an_error():
    anna = testing.make_teacher("FR", name="Anna Weber")
    found = User.objects.get(pk=anna.pk)
    assert (found.pk, found.email, found.display_name, found.kind) == (
        anna.pk, anna.email, "Anna Weber", User.Kind.TEACHER,
    )  # fmt: skip
    assert found.password == anna.password
    with pytest.raises(User.DoesNotExist):
        User.objects.get(pk=anna.pk + 1000)
    assert User.objects.get(pk=str(anna.pk)) == anna  # any other form: Django's own get()


def test_a_teachers_profile_is_read_once_and_kept_on_the_user(django_assert_num_queries):
    anna = User.objects.get(pk=testing.make_teacher("FR").pk)
    with django_assert_num_queries(1):
        profile = teacher_profile_of(anna)
        assert teacher_profile_of(anna) is profile
        assert anna.teacher_profile is profile and profile.user is anna
    assert profile.status == TeacherProfile.Status.VERIFIED

    project = testing.make_project()
    pupil = User.objects.get(pk=testing.make_pupil(project).pk)
    with django_assert_num_queries(1):
        assert teacher_profile_of(pupil) is None
        assert getattr(pupil, "teacher_profile", None) is None
    assert teacher_profile_of(AnonymousUser()) is None
