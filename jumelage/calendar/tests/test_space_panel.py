"""The TwinSpace home shows the project's next events through the calendar's space panel."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from jumelage.calendar.models import Event
from jumelage.calendar.panels import SPACE_PANEL_SIZE

pytestmark = pytest.mark.django_db


def _event(world, title, starts_in, project=None):
    start = timezone.now() + starts_in
    return Event.objects.create(
        project=project or world.project,
        title=title,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
    )


def test_the_space_home_lists_the_next_five_events_with_a_link_to_the_calendar(client, world):
    _event(world, "Finished call", -timedelta(days=2))
    for i in range(SPACE_PANEL_SIZE + 1):
        _event(world, f"Call number {i}", timedelta(days=i + 1))
    _event(world, "Their call", timedelta(days=1), project=world.other_project)
    client.force_login(world.users["pupil"])
    page = client.get(reverse("twinspace:home", kwargs={"project_id": world.project.pk})).text
    shown = [f"Call number {i}" in page for i in range(SPACE_PANEL_SIZE + 1)]
    assert shown == [True] * SPACE_PANEL_SIZE + [False]
    assert "Finished call" not in page and "Their call" not in page
    assert reverse("calendar:month", kwargs={"project_id": world.project.pk}) in page


def test_an_event_still_going_on_is_upcoming(client, world):
    _event(world, "Long exchange", -timedelta(minutes=30))
    client.force_login(world.users["admin"])
    page = client.get(reverse("twinspace:home", kwargs={"project_id": world.project.pk})).text
    assert "Long exchange" in page
