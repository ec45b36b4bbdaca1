"""A training event's live session through the SFU: a presenter, two attendees, one of
whom raises a hand, is given the floor and is heard, then has it taken back.

Real Janus (conftest.py's janus fixture), Chromium with fake devices.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from jumelage.testing import make_teacher
from jumelage.training.models import Registration
from jumelage.training.tests.helpers import make_event

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PUBLISHED = "(state) => document.querySelector('#live').dataset.published === state"
RECEIVING = """(n) => [...document.querySelectorAll("#videos li.remote")].filter((li) =>
  li.dataset.state === "connected").length >= n"""


def test_an_attendee_raises_a_hand_is_given_the_floor_and_heard(live_asgi, page_as, janus):
    presenter = make_teacher("FR", name="Presenter")
    now = timezone.now()
    event = make_event(
        organiser=presenter,
        online=True,
        live=True,
        place="",
        starts_at=now - timedelta(minutes=5),
        ends_at=now + timedelta(hours=1),
        registration_deadline=now - timedelta(minutes=10),
    )
    attendees = [make_teacher("FR", name=f"Attendee {n}") for n in range(2)]
    for user in attendees:
        Registration.objects.create(
            event=event, user=user, status=Registration.Status.REGISTERED, queued_at=now
        )
    url = f"{live_asgi}/training/{event.pk}/live/"
    pages = [page_as(user) for user in [presenter, *attendees]]
    host, speaker, listener = pages
    for page in pages:
        page.goto(url)
        page.wait_for_function("() => window.jumelageLive", timeout=20000)
    host.get_by_role("button", name="Join the meeting").click()
    host.wait_for_function(PUBLISHED, arg="connected", timeout=20000)
    for page in (speaker, listener):
        page.get_by_role("button", name="Join the meeting").click()
        page.wait_for_function(RECEIVING, arg=1, timeout=20000)  # the presenter's stream
    # Attendees send nothing.
    assert speaker.evaluate("window.jumelageLive.publisher()") is None

    speaker.get_by_role("button", name="Raise my hand").click()
    host.get_by_role("button", name="Give the floor").click()
    speaker.wait_for_function(PUBLISHED, arg="connected", timeout=20000)
    host.wait_for_function(RECEIVING, arg=1, timeout=20000)  # the speaker is heard
    listener.wait_for_function(RECEIVING, arg=2, timeout=20000)

    host.get_by_role("button", name="Take the floor back").click()
    speaker.wait_for_function("() => window.jumelageLive.publisher() === null", timeout=10000)
    assert Registration.objects.filter(event=event, attended=True).count() == 2
