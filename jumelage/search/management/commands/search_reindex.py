from django.core.management.base import BaseCommand

from jumelage.search.services import reindex_all


class Command(BaseCommand):
    help = "Rebuild the partner search index from teachers, schools and partner requests."

    def handle(self, *args, **options):
        total = reindex_all()
        self.stdout.write(f"{total} findable teachers indexed.")
