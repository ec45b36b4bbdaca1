"""The month of the calendar costs the same number of queries with 10 or 50 events."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from jumelage.calendar.models import Event

pytestmark = pytest.mark.django_db


def _events(world, n):
    start = timezone.now().replace(day=1, hour=9, minute=0, second=0, microsecond=0)
    for i in range(n):
        Event.objects.create(
            project=world.project,
            created_by=world.users["admin"],
            title=f"Call {i}",
            starts_at=start + timedelta(hours=i * 7),
            ends_at=start + timedelta(hours=i * 7 + 1),
            timezone="Europe/Paris",
        )


@pytest.mark.parametrize("n", [10, 50])
def test_the_founder_reads_the_month_in_the_same_few_queries(
    client, world, django_assert_num_queries, n
):
    _events(world, n)
    client.force_login(world.users["admin"])
    url = reverse("calendar:month", kwargs={"project_id": world.project.pk})
    client.get(url)
    with django_assert_num_queries(6):
        response = client.get(url)
    assert response.status_code == 200 and "Call 0" in response.text
