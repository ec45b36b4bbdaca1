"""`manage.py restore_instance --from DIR`: put a backup back into this instance."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jumelage.backups import instance


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_instance into the configured database and "
        "MEDIA_ROOT, after checking every part against the manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--from", dest="source", required=True, type=Path, help="one backup directory"
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace a database that is not empty and add to a MEDIA_ROOT that is not",
        )

    def handle(self, *args, source: Path, force: bool, **options):
        try:
            restored = instance.restore(source, force=force)
        except instance.BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = restored.manifest
        self.stdout.write(
            f"Restored the backup of {manifest['created_at']} "
            f"(Jumelage {manifest['jumelage_version']}, {manifest['media_files']} media files)."
        )
        self.stdout.write(
            "Now put back the secret key and the configuration, then start Jumelage:\n"
            f"  SECRET_KEY: the content of {source / instance.SECRET_KEY}\n"
            f"  the other variables: {source / instance.CONFIG}\n"
            "Without the same SECRET_KEY, sessions and links already sent stop working.\n"
            "If this code is newer than the backup, run `manage.py migrate` before starting."
        )
