"""A note on the teachers' bulletin of the demo project. Idempotent."""

from jumelage.accounts.models import User
from jumelage.projects.models import Project

from .models import BulletinNote


def load(stdout):
    project = Project.objects.filter(title__startswith="Nos villes, nos vies").first()
    jonas = User.objects.filter(email="jonas.weber@demo.jumelage.eu").first()
    if project is None or jonas is None or BulletinNote.objects.filter(project=project).exists():
        return
    BulletinNote.objects.create(
        project=project,
        author=jonas,
        body="Video call with both classes on Thursday at 10:00 (Paris/Berlin time). "
        "Please check the pupils' photo permissions before.",
    )
