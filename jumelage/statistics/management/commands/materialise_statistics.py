"""Compute the daily figures of the statistics pages (backfill, or a repair of some days)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jumelage.statistics.materialise import first_day, refresh


class Command(BaseCommand):
    help = "Compute the statistics' daily figures from the first registration (or --since)."

    def add_arguments(self, parser):
        parser.add_argument("--since", type=dt.date.fromisoformat, help="first day (YYYY-MM-DD)")
        parser.add_argument(
            "--until", type=dt.date.fromisoformat, help="last day (default: yesterday)"
        )

    def handle(self, *args, since=None, until=None, **options):
        today = timezone.localdate()
        until = until or today - dt.timedelta(days=1)
        since = since or first_day() or until
        if since > until:
            raise CommandError("--since is after --until.")
        rows = refresh(since, until, today=today)
        self.stdout.write(f"{rows} rows written for {since}..{until}.")
