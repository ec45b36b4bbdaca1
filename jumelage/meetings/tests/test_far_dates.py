"""Year 1 and year 9999 in find-a-time and schedule: a form error, never a 500 (issue 13)."""

import pytest
from django.urls import reverse

from jumelage.calendar.models import Event
from jumelage.testing import make_project

pytestmark = pytest.mark.django_db


def _founder(project):
    return project.memberships.filter(is_founder=True).first().user


@pytest.mark.parametrize("day", ["0001-01-01", "1999-12-31", "2101-01-01", "9999-12-31"])
def test_find_a_time_refuses_far_days(client, day):
    project = make_project()
    client.force_login(_founder(project))
    url = reverse("meetings:find_time", kwargs={"project_id": project.pk})
    response = client.get(url, {"first_day": day, "days": 21, "duration": 240})
    assert response.status_code == 200
    assert "Enter a date between 2000-01-01 and 2100-12-31." in response.text


def test_find_a_time_at_the_end_of_the_range_answers(client):
    project = make_project()
    client.force_login(_founder(project))
    url = reverse("meetings:find_time", kwargs={"project_id": project.pk})
    response = client.get(url, {"first_day": "2100-12-31", "days": 21, "duration": 240})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "start",
    ["0001-01-01T00:00:00+00:00", "0001-01-01T00:00", "9999-12-31T23:59:00+00:00", "9999-12-31"],
)
def test_schedule_refuses_far_starts(client, start):
    project = make_project()
    client.force_login(_founder(project))
    response = client.post(
        reverse("meetings:schedule", kwargs={"project_id": project.pk}),
        {"title": "Class meeting", "starts_at": start, "duration": 60},
        follow=True,
    )
    assert response.status_code == 200
    assert "could not be scheduled" in response.text
    assert not Event.objects.exists()


def test_a_meeting_at_the_last_minute_of_the_range_is_stored(client):
    project = make_project()
    client.force_login(_founder(project))
    response = client.post(
        reverse("meetings:schedule", kwargs={"project_id": project.pk}),
        {"title": "Class meeting", "starts_at": "2100-12-31T23:59:00-12:00", "duration": 240},
    )
    assert response.status_code == 302
    assert Event.objects.count() == 1
