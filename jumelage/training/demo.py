"""Demo training events: a national webinar, a workshop in Paris, a European online course."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from jumelage.accounts.models import User
from jumelage.reference.models import Region

from . import services
from .models import TrainingEvent

PARIS = ZoneInfo("Europe/Paris")


def _at(days: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour, 0), tzinfo=PARIS)


def load(stdout) -> None:
    office = User.objects.filter(email__iexact="bureau.france@demo.jumelage.eu").first()
    events = [
        {
            "title": "Webinaire : démarrer un projet eTwinning",
            "description": "<p>Trouver un partenaire, fonder le projet, ouvrir le TwinSpace.</p>",
            "kind": TrainingEvent.Kind.WEBINAR,
            "level": TrainingEvent.Level.NATIONAL,
            "country_id": "FR",
            "online": True,
            "online_url": "https://visio.example.org/etwinning-demarrer",
            "starts_at": _at(14, 17),
            "ends_at": _at(14, 18),
            "registration_deadline": _at(13, 12),
            "capacity": 100,
        },
        {
            "title": "Atelier académique : le TwinSpace en classe",
            "description": "<p>Un après-midi pour prendre en main pages, forum et chat.</p>",
            "kind": TrainingEvent.Kind.WORKSHOP,
            "level": TrainingEvent.Level.REGIONAL,
            "country_id": "FR",
            "region": Region.objects.get(country_id="FR", code="paris"),
            "place": "Rectorat de Paris, 12 boulevard d'Indochine, 75019 Paris",
            "starts_at": _at(21, 14),
            "ends_at": _at(21, 17),
            "registration_deadline": _at(18, 12),
            "capacity": 12,
        },
        {
            "title": "European online course: eTwinning and inclusion",
            "description": "<p>Four weeks, in English, with teachers from all over Europe.</p>",
            "kind": TrainingEvent.Kind.COURSE,
            "level": TrainingEvent.Level.EUROPEAN,
            "online": True,
            "online_url": "https://learning.example.org/inclusion",
            "timezone": "Europe/Brussels",
            "starts_at": _at(30, 16),
            "ends_at": _at(58, 18),
            "registration_deadline": _at(28, 23),
            "capacity": 300,
        },
    ]
    for fields in events:
        title = fields.pop("title")
        event = TrainingEvent.objects.filter(title=title).first()
        if event is None:
            event = TrainingEvent.objects.create(title=title, created_by=office, **fields)
            if office is not None:
                event.organisers.add(office)
    teacher = User.objects.filter(email__iexact="claire.martin@demo.jumelage.eu").first()
    workshop = TrainingEvent.objects.filter(level=TrainingEvent.Level.REGIONAL).first()
    if teacher is not None and workshop is not None and workshop.starts_at > timezone.now():
        services.register(workshop, teacher)
    stdout.write("Training: a national webinar, a workshop in Paris, a European course.")
