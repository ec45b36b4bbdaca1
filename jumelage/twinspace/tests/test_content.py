"""Any app's moderated content is traced to its project and page, and the demo loads."""

import pytest

from jumelage.forum.models import Post
from jumelage.projects.models import Project
from jumelage.twinspace import content
from jumelage.twinspace.models import BulletinNote
from jumelage.wiki.models import Page, Revision

from .helpers import page

pytestmark = pytest.mark.django_db


def test_content_of_any_app_is_traced_to_its_project_and_page(world):
    assert content.project_path(Page) == "project"
    # One hop away, as for a forum reply (topic) or a blog comment (post).
    assert content.project_path(Post) == "topic__project"
    assert content.project_path(Revision) == "project"
    created = page(world.project, world.users["admin"], "P")
    revision = created.revisions.get()
    assert content.content_url(revision, world.project.pk) == (
        f"{created.get_absolute_url()}#revision-{revision.pk}"
    )
    assert content.project_path(type(world.users["admin"])) is None


def test_space_url_tag_skips_names_not_registered(world):
    from django.template import Context, Template

    out = Template(
        '{% load twinspace %}[{% space_url "nosuchapp:index" project %}]'
        '[{% space_url "wiki:index" project %}]'
    ).render(Context({"project": world.project}))
    assert out == f"[][/projects/{world.project.pk}/space/pages/]"


def test_demo_data_loads_twice(db):
    from io import StringIO

    from django.core.management import call_command

    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    project = Project.objects.get(title__startswith="Nos villes")
    assert Page.objects.filter(project=project).count() == 4
    assert BulletinNote.objects.filter(project=project).count() == 1
