"""`manage.py backup_instance --to DIR`: one dated backup of the whole instance."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jumelage.backups import instance


class Command(BaseCommand):
    help = "Back up the database, the media files, the secret key and the configuration."

    def add_arguments(self, parser):
        parser.add_argument("--to", required=True, type=Path, help="directory of the backups")
        parser.add_argument(
            "--skip-media",
            action="store_true",
            help="leave the media out (when they live in an object store backed up apart)",
        )

    def handle(self, *args, to: Path, skip_media: bool, **options):
        try:
            directory = instance.backup(to, skip_media=skip_media)
        except instance.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(directory))
