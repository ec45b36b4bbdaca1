"""Training events in the permission matrix (see jumelage/testing/matrix.py).

A national event in France organised by the French office; the project teacher
is registered and was present (so has a certificate).
"""

from datetime import timedelta

from django.utils import timezone

from jumelage.testing.matrix import ADULTS, STAFF, Case
from jumelage.training.models import Registration
from jumelage.training.tests.helpers import make_event


def setup(world):
    event = make_event(organiser=world.users["staff"])
    # The certificate is for an event that has taken place.
    held = make_event(
        organiser=world.users["staff"],
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=3),
        registration_deadline=timezone.now() - timedelta(days=4),
    )
    Registration.objects.create(
        event=held,
        user=world.users["teacher"],
        status=Registration.Status.REGISTERED,
        queued_at=timezone.now(),
        attended=True,
    )
    # A live session under way: its organiser (staff) presents, the teacher is registered.
    live = make_event(
        organiser=world.users["staff"],
        online=True,
        live=True,
        starts_at=timezone.now() - timedelta(minutes=10),
        ends_at=timezone.now() + timedelta(hours=1),
        registration_deadline=timezone.now() - timedelta(minutes=20),
    )
    Registration.objects.create(
        event=live,
        user=world.users["teacher"],
        status=Registration.Status.REGISTERED,
        queued_at=timezone.now(),
    )
    return {"pk": event.pk, "held": held.pk, "live": live.pk}


CASES = [
    Case("training:list", "GET", allowed=ADULTS),
    Case("training:new", "GET", allowed=STAFF),
    Case("training:new", "POST", allowed=STAFF),
    Case("training:detail", "GET", kwargs=("pk",), allowed=ADULTS),
    Case("training:edit", "GET", kwargs=("pk",), allowed=frozenset({"staff", "superuser"})),
    Case("training:edit", "POST", kwargs=("pk",), allowed=frozenset({"staff", "superuser"})),
    Case("training:register", "POST", kwargs=("pk",), allowed=ADULTS),
    Case("training:cancel", "POST", kwargs=("pk",), allowed=ADULTS),
    Case("training:ical", "GET", kwargs=("pk",), allowed=ADULTS),
    Case("training:certificate", "GET", kwargs={"pk": "held"}, allowed=frozenset({"teacher"})),
    Case(
        "training:live",
        "GET",
        kwargs={"pk": "live"},
        allowed=frozenset({"teacher", "staff", "superuser"}),
    ),
    Case("training:attendees", "GET", kwargs=("pk",), allowed=frozenset({"staff", "superuser"})),
    Case("training:attendees", "POST", kwargs=("pk",), allowed=frozenset({"staff", "superuser"})),
    Case(
        "training:attendees_csv", "GET", kwargs=("pk",), allowed=frozenset({"staff", "superuser"})
    ),
]
