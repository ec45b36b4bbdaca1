"""Demo events in the demo project's calendar (idempotent)."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from jumelage.accounts.models import User
from jumelage.projects.models import Project

from .models import Event

PROJECT = "Nos villes, nos vies / Our towns, our lives"


def load(stdout) -> None:
    project = Project.objects.filter(title=PROJECT).first()
    claire = User.objects.filter(email="claire.martin@demo.jumelage.eu").first()
    if project is None or claire is None:
        return
    today = timezone.now().date()
    paris, berlin = ZoneInfo("Europe/Paris"), ZoneInfo("Europe/Berlin")
    events = [
        (
            "Visio : présentation des classes",
            today + timedelta(days=3),
            time(10),
            paris,
            "",
            "https://meet.example.org/nos-villes",
        ),
        ("Date limite : photos du quartier", today + timedelta(days=10), time(17), paris, "", ""),
        (
            "Ausstellung in Berlin / Exposition à Berlin",
            today + timedelta(days=24),
            time(14),
            berlin,
            "Goethe-Gymnasium, Aula",
            "",
        ),
    ]
    created = 0
    for title, day, at, tz, place, url in events:
        start = datetime.combine(day, at, tz)
        _, was_created = Event.objects.get_or_create(
            project=project,
            title=title,
            defaults={
                "starts_at": start,
                "ends_at": start + timedelta(hours=1),
                "timezone": str(tz),
                "place": place,
                "online_url": url,
                "created_by": claire,
            },
        )
        created += was_created
    if created:
        stdout.write(f"Calendar: {created} demo events.")
