"""Run every retention rule now (what the daily `retention.enforce` task does)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from jumelage.retention.services import RetentionFailed, run


class Command(BaseCommand):
    help = "Apply every retention rule now; --dry-run shows what would go and changes nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Run each rule in a transaction that is rolled back, and print the counts.",
        )

    def handle(self, *args, dry_run=False, **options):
        try:
            result = run(timezone.now(), dry_run=dry_run)
        except RetentionFailed as exc:
            self.stderr.write(str(exc))
            raise SystemExit(1) from exc
        verb = "would touch" if dry_run else "touched"
        for name, count in result.counts.items():
            self.stdout.write(f"{name}: {verb} {count}")
        for name in result.failed:
            self.stderr.write(f"{name}: FAILED (see the log)")
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")
