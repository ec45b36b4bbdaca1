"""A person reads the audit entries that concern them (subject or actor), newest first, in
their language, without other people's notes, data or IP addresses. Pupils do not."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from jumelage.accounts.models import User
from jumelage.audit.labels import LABELS
from jumelage.audit.services import record
from jumelage.retention.tests.helpers import T0, at
from jumelage.testing import sign_in

pytestmark = pytest.mark.django_db
URL = "/audit/mine/"
QUERIES = 4  # session, user, count, the page of entries with their people and project


@pytest.fixture
def entries(world):
    teacher, staff, other = (
        world.users["teacher"],
        world.users["staff"],
        world.users["outsider_teacher"],
    )
    with at(T0):
        record(staff, "teacher.verified", subject_user=teacher, note="SECRET-NOTE", ip="192.0.2.7")
    with at(T0 + timedelta(hours=1)):
        record(teacher, "project.member_removed", project=world.project, subject_user=other)
    with at(T0 + timedelta(hours=2)):
        record(teacher, "something.new_code")
    with at(T0 + timedelta(hours=3)):
        record(staff, "teacher.rejected", subject_user=other, note="NOT-YOURS")
    return teacher


def test_the_url_name():
    assert reverse("audit:mine") == URL


def test_a_teacher_reads_their_entries_newest_first_and_not_others(client, world, entries):
    sign_in(client, entries)
    html = client.get(URL).text
    removed = str(LABELS["project.member_removed"])
    verified = str(LABELS["teacher.verified"])
    assert "something.new_code" in html  # an unknown code shows as itself
    assert html.index("something.new_code") < html.index(removed) < html.index(verified)
    assert world.project.title in html
    assert str(world.users["outsider_teacher"]) in html  # whom the teacher's decision was about
    assert str(LABELS["teacher.rejected"]) not in html  # about someone else
    assert "NOT-YOURS" not in html
    # Never the note, the data nor the IP; the office's people are not named.
    assert "SECRET-NOTE" not in html and "192.0.2.7" not in html
    assert str(world.users["staff"]) not in html
    assert "Support staff" in html


def test_in_french_too(client, world, entries):
    User.objects.filter(pk=entries.pk).update(language="fr")
    sign_in(client, entries)
    html = client.get(URL).text
    with translation.override("fr"):
        assert str(LABELS["teacher.verified"]) in html
    assert 'lang="fr"' in html
    assert "15/01/2025" in html  # the French date format


def test_english_dates_put_the_day_first(client, world, entries):
    """Europe's English reads 15/01/2025, not the American 01/15/2025 (issue 14)."""
    User.objects.filter(pk=entries.pk).update(language="en")
    sign_in(client, entries)
    html = client.get(URL).text
    assert 'lang="en"' in html
    assert "15/01/2025" in html and "01/15/2025" not in html


def test_the_pages_are_paginated(client, world):
    teacher = world.users["teacher"]
    for n in range(35):
        record(teacher, "profile.edited", subject_user=teacher, n=n)
    sign_in(client, teacher)
    first = client.get(URL).text
    assert first.count(str(LABELS["profile.edited"])) == 30
    assert "?page=2" in first
    assert client.get(URL + "?page=2").text.count(str(LABELS["profile.edited"])) == 5
    assert client.get(URL + "?page=zzz").status_code == 200  # junk: the first page


def test_pupils_and_visitors_do_not_read_it(client, world, entries):
    record(None, "project.pupil_password_reset", subject_user=world.users["pupil"])
    sign_in(client, world.users["pupil"])
    assert client.get(URL).status_code == 404
    client.logout()
    response = client.get(URL)
    assert response.status_code == 302 and "/login" in response["Location"]


def test_the_profile_page_links_to_it(client, world):
    teacher = world.users["teacher"]
    sign_in(client, teacher)
    html = client.get(reverse("accounts:teacher", args=[teacher.pk])).text
    assert URL in html


def test_the_page_costs_the_same_few_queries_however_many_entries(client, world, entries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    teacher = entries
    sign_in(client, teacher)
    client.get(URL)  # warm the session
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for _ in range(20):
        record(world.users["staff"], "profile.edited", subject_user=teacher, project=world.project)
    with CaptureQueriesContext(connection) as many:
        client.get(URL)
    assert len(many) == len(few) == QUERIES
