import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from jumelage.testing import make_teacher
from jumelage.training import services
from jumelage.training.models import Registration

from .helpers import make_event


@pytest.mark.django_db
def test_places_then_waiting_list_then_promotion_by_email(client):
    event = make_event(capacity=2)
    first, second, third, fourth = (make_teacher(name=f"T{n}") for n in range(4))
    for teacher in (first, second, third, fourth):
        client.force_login(teacher)
        client.post(reverse("training:register", args=[event.pk]))
    statuses = dict(Registration.objects.values_list("user_id", "status"))
    assert [statuses[t.pk] for t in (first, second, third, fourth)] == [
        "registered",
        "registered",
        "waiting",
        "waiting",
    ]
    client.force_login(fourth)
    assert (
        "You are number 2 on the waiting list."
        in client.get(reverse("training:detail", args=[event.pk])).text
    )

    client.force_login(first)
    client.post(reverse("training:register", args=[event.pk]))  # a replayed POST changes nothing
    assert Registration.objects.filter(event=event, status="registered").count() == 2
    client.post(reverse("training:cancel", args=[event.pk]))
    statuses = dict(Registration.objects.values_list("user_id", "status"))
    assert statuses[first.pk] == "cancelled"
    assert statuses[third.pk] == "registered" and statuses[fourth.pk] == "waiting"
    assert [m.to for m in mail.outbox] == [[third.email]]
    assert event.title in mail.outbox[0].subject
    client.post(reverse("training:cancel", args=[event.pk]))  # replayed: nothing more
    assert len(mail.outbox) == 1

    # Coming back after cancelling means the end of the waiting list.
    client.post(reverse("training:register", args=[event.pk]))
    assert Registration.objects.get(user=first).status == "waiting"


@pytest.mark.django_db
def test_a_waiting_teacher_cancelling_frees_nothing():
    event = make_event(capacity=1)
    a, b, c = make_teacher(), make_teacher(), make_teacher()
    for t in (a, b, c):
        services.register(event, t)
    assert services.cancel(event, b) == []
    assert len(mail.outbox) == 0
    promoted = services.cancel(event, a)
    assert [r.user for r in promoted] == [c]


@pytest.mark.django_db
def test_registration_closes_at_the_deadline(client):
    event = make_event(registration_deadline=timezone.now() - timedelta(minutes=1))
    client.force_login(make_teacher())
    response = client.post(reverse("training:register", args=[event.pk]), follow=True)
    assert "Registration for this event is closed." in response.text
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_more_places_go_to_the_waiting_list():
    organiser = make_teacher()
    event = make_event(capacity=1, organiser=organiser)
    a, b = make_teacher(), make_teacher()
    services.register(event, a)
    services.register(event, b)
    event.capacity = 2
    services.save_event(organiser, event)
    assert Registration.objects.get(user=b).status == "registered"
    assert [m.to for m in mail.outbox] == [[b.email]]


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_capacity_holds_under_50_parallel_registrations(postgres):
    event = make_event(capacity=10)
    teachers = [make_teacher(name=f"Parallel {n}") for n in range(50)]
    barrier = threading.Barrier(50)
    errors = []

    def register(teacher):
        try:
            barrier.wait(timeout=30)
            services.register(event, teacher)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(t,)) for t in teachers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    registered = Registration.objects.filter(event=event, status="registered")
    assert registered.count() == 10
    assert Registration.objects.filter(event=event, status="waiting").count() == 40

    # A cancellation promotes the first on the waiting list, exactly once.
    first_waiting = Registration.objects.filter(event=event, status="waiting").order_by(
        "queued_at", "pk"
    )[0]
    services.cancel(event, registered.first().user)
    first_waiting.refresh_from_db()
    assert first_waiting.status == "registered"
    assert Registration.objects.filter(event=event, status="registered").count() == 10
    assert Registration.objects.filter(event=event, status="waiting").count() == 39
