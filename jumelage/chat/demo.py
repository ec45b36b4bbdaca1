"""Demo chat: the standing rooms of the demo project and a few messages (idempotent)."""

from jumelage.accounts.models import User
from jumelage.projects.access import VISIBLE_TO_MEMBERS
from jumelage.projects.models import Project

from .models import Message, Room
from .services import ensure_rooms


def load(stdout) -> None:
    # Demo projects are made active directly, without project_activated: their rooms here.
    for visible in Project.objects.filter(status__in=VISIBLE_TO_MEMBERS):
        ensure_rooms(visible)
    project = Project.objects.filter(title__startswith="Nos villes, nos vies").first()
    if project is None:
        return
    general = Room.objects.get(project=project, kind=Room.Kind.GENERAL)
    lines = [
        ("claire.martin@demo.jumelage.eu", "Bonjour à tous ! Présentez-vous en une phrase."),
        ("jonas.weber@demo.jumelage.eu", "Hallo! Meine Klasse freut sich auf euch."),
    ]
    for n, (email, body) in enumerate(lines):
        author = User.objects.filter(email=email).first()
        if author is not None:
            Message.objects.get_or_create(
                room=general, author=author, client_id=f"demo-{n}", defaults={"body": body}
            )
    stdout.write("Chat: demo rooms ready.")
