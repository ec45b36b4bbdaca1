"""Year 1 and year 9999 in the calendar's event form: a form error, never a 500 (issue 13)."""

import pytest
from django.urls import reverse

from jumelage.calendar.models import Event
from jumelage.testing import make_project

pytestmark = pytest.mark.django_db

FAR = ["0001-01-01T00:00", "1999-12-31T23:59", "2101-01-01T00:00", "9999-12-31T23:59"]


@pytest.mark.parametrize("zone", ["Europe/Paris", "Atlantic/Azores", "Europe/Helsinki"])
@pytest.mark.parametrize("value", FAR)
@pytest.mark.parametrize("field", ["start", "end"])
def test_far_dates_are_form_errors(client, field, value, zone):
    project = make_project()
    client.force_login(project.memberships.filter(is_founder=True).first().user)
    data = {
        "title": "Keep me",
        "timezone": zone,
        "place": "Gym",
        "start": "2026-10-24T10:00",
        "end": "2026-10-24T11:00",
        field: value,
    }
    url = reverse("calendar:event_create", kwargs={"project_id": project.pk})
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Enter a date between 2000-01-01 and 2100-12-31." in response.text
    assert 'value="Keep me"' in response.text
    assert not Event.objects.exists()


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Atlantic/Azores", "Europe/Paris"])
def test_the_edges_of_the_range_are_stored(client, zone):
    """The first and last accepted wall-clock minutes fit the database in any zone."""
    project = make_project()
    client.force_login(project.memberships.filter(is_founder=True).first().user)
    url = reverse("calendar:event_create", kwargs={"project_id": project.pk})
    for start, end in (
        ("2000-01-01T00:00", "2000-01-01T01:00"),
        ("2100-12-31T22:00", "2100-12-31T23:59"),
    ):
        data = {"title": "Edge", "timezone": zone, "place": "Gym", "start": start, "end": end}
        assert client.post(url, data).status_code == 302
    assert Event.objects.count() == 2
    assert (
        client.get(reverse("calendar:event_list", kwargs={"project_id": project.pk})).status_code
        == 200
    )
