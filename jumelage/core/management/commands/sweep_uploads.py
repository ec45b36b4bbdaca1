from django.core.management.base import BaseCommand

from jumelage.core import uploads


class Command(BaseCommand):
    help = (
        "Delete files older than an hour from FILE_UPLOAD_TEMP_DIR (Celery beat also runs "
        "this hourly). Uploads in progress are never that old."
    )

    def handle(self, *args, **options):
        removed = uploads.sweep()
        self.stdout.write(f"{removed} stale upload file(s) removed from {uploads.temp_dir()}.")
