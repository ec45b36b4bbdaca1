from datetime import timedelta

from django.utils import timezone

from jumelage.training.models import TrainingEvent


def make_event(capacity=10, organiser=None, **fields) -> TrainingEvent:
    start = timezone.now() + timedelta(days=10)
    defaults = {
        "title": "Starting an eTwinning project",
        "kind": TrainingEvent.Kind.WORKSHOP,
        "level": TrainingEvent.Level.NATIONAL,
        "country_id": "FR",
        "place": "Canopé, Paris",
        "timezone": "Europe/Paris",
        "starts_at": start,
        "ends_at": start + timedelta(hours=3),
        "registration_deadline": start - timedelta(days=1),
        "capacity": capacity,
    }
    defaults.update(fields)
    event = TrainingEvent.objects.create(**defaults)
    if organiser is not None:
        event.organisers.add(organiser)
    return event
