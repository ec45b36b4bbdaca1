from django.conf import settings
from django.core.management.base import BaseCommand

from jumelage.projects import services


class Command(BaseCommand):
    help = (
        "Delete pupil accounts that no project has held for JUMELAGE_PUPIL_RETENTION_DAYS days "
        "(also run daily by Celery beat)."
    )

    def handle(self, *args, **options):
        removed = services.remove_expired_pupils()
        self.stdout.write(
            f"{removed} pupil account(s) removed "
            f"(retention: {settings.JUMELAGE_PUPIL_RETENTION_DAYS} days)."
        )
