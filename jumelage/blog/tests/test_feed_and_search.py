"""The Atom feed and the space search."""

from datetime import timedelta

import pytest
from django.utils import timezone

from jumelage.blog.models import Post
from jumelage.blog.search import search_blog
from jumelage.projects.access import access_for
from jumelage.projects.models import Visibility
from jumelage.testing import make_project, make_pupil

from .helpers import founder_of, make_post, page_url

pytestmark = pytest.mark.django_db


def test_atom_feed_lists_public_posts_newest_first(client):
    project = make_project()
    admin = founder_of(project)
    old = make_post(project, admin, "Older")
    old.published_at = timezone.now() - timedelta(days=2)
    old.save()
    make_post(project, admin, "Newer")
    make_post(project, admin, "Hidden one", visibility=Visibility.HIDDEN)
    response = client.get(page_url("feed", project=project))
    assert response["Content-Type"].startswith("application/atom+xml")
    text = response.content.decode()
    assert text.index("Newer") < text.index("Older")
    assert "Hidden one" not in text


def test_blog_search_returns_only_what_the_user_may_read():
    project = make_project()
    admin = founder_of(project)
    pupil = make_pupil(project)
    make_post(project, admin, "Bridges of Paris", body="<p>The oldest bridge</p>")
    make_post(project, admin, "Bridge draft", status=Post.Status.DRAFT)
    make_post(project, pupil, "My bridge", visibility=Visibility.PENDING)
    outsider = founder_of(make_project())
    assert [r[0] for r in search_blog(access_for(outsider, project), "bridge")] == [
        "Bridges of Paris"
    ]
    assert {r[0] for r in search_blog(access_for(pupil, project), "bridge")} == {
        "Bridges of Paris",
        "My bridge",
    }
    assert len(search_blog(access_for(admin, project), "bridge")) == 3
    title, url, snippet = search_blog(access_for(outsider, project), "oldest")[0]
    assert url.endswith(f"/blog/{Post.objects.get(title='Bridges of Paris').pk}/")
    assert "oldest bridge" in snippet
