"""The demo project's static site choices: its blog and its published pages. Idempotent."""

from jumelage.projects.models import Project, Visibility
from jumelage.wiki.models import Page

from .models import Showcase

ORDER = 90  # after the projects, the blog and the wiki

PROJECT = "Nos villes, nos vies"


def load(stdout) -> None:
    project = Project.objects.filter(title__startswith=PROJECT).first()
    if project is None or Showcase.objects.filter(project=project).exists():
        return
    showcase = Showcase.objects.create(project=project, include_blog=True)
    showcase.pages.set(Page.objects.filter(project=project, visibility=Visibility.PUBLISHED))
    stdout.write("  showcase: the demo project's site choices")
