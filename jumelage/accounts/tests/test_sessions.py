"""A signed-in request reads its session and its user through prepared queries."""

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from jumelage import testing
from jumelage.accounts.models import User

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
