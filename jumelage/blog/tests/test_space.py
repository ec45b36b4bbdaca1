"""The blog in the TwinSpace search and home (once twinspace's registry is on main)."""

import pytest
from django.utils import timezone

from jumelage.blog.models import Post
from jumelage.projects.access import access_for
from jumelage.testing import make_project, make_pupil

pytestmark = pytest.mark.django_db


def test_blog_is_registered_in_the_space_search_and_home():
    registry = pytest.importorskip("jumelage.twinspace.registry")
    from jumelage.blog.search import search_blog
    from jumelage.blog.space import latest_blog_activity

    assert search_blog in [entry.search for entry in registry.SEARCHES]
    assert latest_blog_activity in [entry.latest for entry in registry.ACTIVITIES]


def test_latest_blog_activity_shows_public_posts_with_first_names():
    pytest.importorskip("jumelage.twinspace.registry")
    from jumelage.blog.space import latest_blog_activity

    project = make_project(pupils_need_approval=False)
    pupil = make_pupil(project, name="Léa Dupont")
    Post.objects.create(
        project=project,
        author=pupil,
        title="Market day",
        status=Post.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    Post.objects.create(project=project, author=pupil, title="Draft")
    items = latest_blog_activity(access_for(pupil, project), 10)
    assert [(i.text, i.who) for i in items] == [("Blog: Market day", "Léa")]
