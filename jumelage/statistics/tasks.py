"""The nightly materialisation of the daily figures (Celery beat, see apps.py)."""

from celery import shared_task
from django.conf import settings

from . import figures
from .materialise import refresh_recent


@shared_task(name="statistics.materialise_daily")
def materialise_daily() -> int:
    """Yesterday's figures (and a few days before, to catch late changes) and today's snapshot."""
    rows = refresh_recent(settings.STATISTICS_REFRESH_DAYS)
    figures.warm()
    return rows
