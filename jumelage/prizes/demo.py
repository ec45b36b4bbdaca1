"""Demo prizes: this year's competition, open for entries."""

from django.utils import timezone

from .models import Competition


def load(stdout) -> None:
    year = timezone.localdate().year
    Competition.objects.get_or_create(year=year, defaults={"title": f"European Prizes {year}"})
