"""On a phone the month is an agenda of the days that have events (issue 14)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from jumelage.calendar.models import Event
from jumelage.testing import make_project

pytestmark = pytest.mark.django_db


def test_the_calendar_month_has_an_agenda_for_phones(client):
    project = make_project()
    teacher = project.memberships.filter(is_founder=True).first().user
    start = timezone.now().replace(day=15, hour=10)
    Event.objects.create(
        project=project, title="Visio avec Berlin", starts_at=start, ends_at=start.replace(hour=11)
    )
    client.force_login(teacher)
    html = client.get(reverse("calendar:month", args=[project.pk])).text
    agenda = html[html.index('<div class="calendar-agenda">') :]
    assert "Visio avec Berlin" in agenda
    assert 'class="calendar-month keep-table"' in html
