"""Logins are found through an index whatever their case (stop 47, core/lookups.py).

Django's `iexact` compiles to UPPER(column) on PostgreSQL and LIKE on SQLite, which no
index serves: every teacher's or pupil's login read all 4.2 million accounts at
eTwinning's scale, 0.6 s each (the load test's logins took 1.3 s at the median).
"""

import pytest
from django.db import connection
from django.urls import reverse

from jumelage.accounts.models import User
from jumelage.testing import PASSWORD, make_project, make_pupil, make_teacher

pytestmark = pytest.mark.django_db


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A few rows here: without this the planner reads the table whatever the indexes.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


def test_a_teacher_and_a_pupil_are_found_by_index_whatever_the_case_typed():
    teacher = make_teacher("FR")
    pupil = make_pupil(make_project([teacher]))
    by_email = User.objects.filter(email__iexact=teacher.email.upper())
    by_login = User.objects.filter(username__iexact=pupil.username.upper(), kind="pupil")
    assert list(by_email) == [teacher] and list(by_login) == [pupil]
    assert "user_email_ci_unique" in _plan(by_email)
    assert "user_username_ci" in _plan(by_login)


def test_logins_typed_in_capitals_sign_in(client):
    teacher = make_teacher("FR")
    pupil = make_pupil(make_project([teacher]))
    page = client.post(
        reverse("accounts:login"), {"username": teacher.email.upper(), "password": PASSWORD}
    )
    assert page.status_code == 302 and client.session["_auth_user_id"] == str(teacher.pk)
    client.logout()
    page = client.post(
        reverse("accounts:pupil_login"), {"login": pupil.username.upper(), "password": PASSWORD}
    )
    assert page.status_code == 302 and client.session["_auth_user_id"] == str(pupil.pk)
