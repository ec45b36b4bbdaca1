"""Demo posts in the demo project's blog (idempotent)."""

from datetime import timedelta

from django.utils import timezone

from jumelage.accounts.models import User
from jumelage.projects.models import Project, Visibility

from .models import Post

PROJECT = "Nos villes, nos vies / Our towns, our lives"


def load(stdout) -> None:
    project = Project.objects.filter(title=PROJECT).first()
    claire = User.objects.filter(email="claire.martin@demo.jumelage.eu").first()
    lea = User.objects.filter(username="demo-pupil-1").first()
    if project is None or claire is None or lea is None:
        return
    now = timezone.now()
    posts = [
        (
            claire,
            "Bienvenue ! / Willkommen!",
            "<p>Our two classes start their journal: every week, a post about our towns.</p>",
            Post.Status.PUBLISHED,
            Visibility.PUBLISHED,
            now - timedelta(days=10),
        ),
        (
            lea,
            "Mon quartier à Paris",
            "<p>J'habite près du jardin du Luxembourg. Le samedi, il y a un marché.</p>",
            Post.Status.PUBLISHED,
            Visibility.PUBLISHED,
            now - timedelta(days=3),
        ),
        (
            lea,
            "La boulangerie de ma rue",
            "<p>Brouillon : je dois encore ajouter une photo.</p>",
            Post.Status.DRAFT,
            Visibility.PUBLISHED,
            None,
        ),
    ]
    created = 0
    for author, title, body, status, visibility, published_at in posts:
        _, was_created = Post.objects.get_or_create(
            project=project,
            title=title,
            defaults={
                "author": author,
                "body": body,
                "status": status,
                "visibility": visibility,
                "published_at": published_at,
            },
        )
        created += was_created
    if created:
        stdout.write(f"Blog: {created} demo posts.")
