"""The month's cells and the agenda's days are written in Python
(calendar/templatetags/calendar_month.py): each event under its day in the reader's zone,
today marked, the days of the next and previous months muted, titles kept as text."""

import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from jumelage.calendar.tests.helpers import make_event
from jumelage.testing import make_project

pytestmark = pytest.mark.django_db


def test_each_event_shows_under_its_day_in_the_grid_and_the_agenda(client):
    project = make_project()
    teacher = project.memberships.filter(is_founder=True).first().user
    teacher.language = "fr"
    teacher.save()
    call = make_event(
        project, "Visio <b>Berlin</b>", start=datetime(2026, 10, 14, 22, 30, tzinfo=UTC)
    )
    make_event(project, "Exposition", start=datetime(2026, 10, 20, 8, tzinfo=UTC))
    client.force_login(teacher)
    html = client.get(reverse("calendar:month", args=[project.pk]), {"month": "2026-10"}).text

    cells = re.findall(r"<td[^>]*>.*?</td>", html.split("<tbody>")[1].split("</tbody>")[0], re.S)
    assert len(cells) % 7 == 0 and len(cells) >= 35
    numbers = [re.search(r'class="day-number">(\d+)<', cell).group(1) for cell in cells]
    assert numbers[:3] == ["28", "29", "30"] and 'class="muted"' in cells[0]  # September
    fifteenth = cells[numbers.index("15")]  # 22:30 UTC is 00:30 the next day in Paris
    url = reverse("calendar:event_detail", args=[project.pk, call.pk])
    assert f'<a href="{url}"><time datetime="2026-10-15T00:30:00+02:00">00:30</time>' in fifteenth
    assert "Visio &lt;b&gt;Berlin&lt;/b&gt;" in fifteenth and "<b>" not in html.split("<tbody>")[1]
    assert "Exposition" in cells[numbers.index("20")] and "muted" not in fifteenth
    assert "aria-current" not in html.split("<tbody>")[1]  # today is not in October 2026

    agenda = html[html.index('<div class="calendar-agenda">') :]
    days = re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)">([^<]+)</time>', agenda)
    assert days == [("2026-10-15", "jeudi 15 octobre"), ("2026-10-20", "mardi 20 octobre")]


def test_today_is_marked_in_the_grid_and_the_agenda(client):
    from django.utils import timezone

    from jumelage.calendar.zones import viewer_zone

    project = make_project()
    teacher = project.memberships.filter(is_founder=True).first().user
    today = timezone.localdate(timezone=viewer_zone(teacher))
    make_event(project, "Aujourd'hui", start=timezone.now())
    client.force_login(teacher)
    html = client.get(reverse("calendar:month", args=[project.pk])).text
    marked = re.findall(r'<td aria-current="date"><span class="day-number">(\d+)<', html)
    assert marked == [str(today.day)]
    agenda = html[html.index('<div class="calendar-agenda">') :]
    assert f'<li aria-current="date"><h3><time datetime="{today.isoformat()}">' in agenda
