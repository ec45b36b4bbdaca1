"""A post's language: chosen when writing, written as lang="…" wherever the post is read."""

import re

import pytest

from jumelage.blog.exports import blog as personal_export
from jumelage.blog.models import Post
from jumelage.testing import make_project

from .helpers import founder_of, make_post, page_url

pytestmark = pytest.mark.django_db


def selected_language(html: str) -> str | None:
    select = re.search(r'<select name="language".*?</select>', html, re.S).group(0)
    found = re.search(r'<option value="([^"]+)" selected>', select)
    return found.group(1) if found else None


def test_the_form_offers_the_projects_only_language_else_the_writers_own(client):
    project = make_project()
    admin = founder_of(project)
    admin.language = "fr"
    admin.save(update_fields=["language"])
    client.force_login(admin)
    create = page_url("post_create", project=project)

    project.languages.set(["de", "fr"])  # two working languages: the writer's own
    assert selected_language(client.get(create).text) == "fr"
    project.languages.set(["de"])  # just one: that one
    assert selected_language(client.get(create).text) == "de"

    client.post(create, {"title": "Tag eins", "language": "de", "body": "<p>Hallo</p>"})
    post = Post.objects.get(title="Tag eins")
    assert post.language_id == "de"
    # Editing shows the post's own language, not the default, and may leave it unsaid.
    project.languages.set(["it"])
    assert selected_language(client.get(page_url("post_edit", post)).text) == "de"
    client.post(page_url("post_edit", post), {"title": "Tag eins", "language": ""})
    post.refresh_from_db()
    assert post.language_id is None


def test_the_post_is_marked_with_its_language_for_members_the_public_and_feeds(client):
    project = make_project()
    admin = founder_of(project)
    post = make_post(project, admin, "Unsere Stadt", body="<p>Hallo</p>", language_id="de")
    make_post(project, admin, "Sans langue")

    public_detail = client.get(page_url("post_detail", post)).text
    assert '<h1 lang="de">Unsere Stadt</h1>' in public_detail
    assert '<div class="rich-text" lang="de"><p>Hallo</p></div>' in public_detail
    public_list = client.get(page_url("post_list", project=project)).text
    assert re.search(r'<h3 lang="de"><a [^>]*>Unsere Stadt</a></h3>', public_list)
    assert re.search(r"<h3><a [^>]*>Sans langue</a></h3>", public_list)
    feed = client.get(page_url("feed", project=project)).text
    assert '<entry xml:lang="de">' in feed and feed.count("<entry>") == 1

    client.force_login(admin)  # inside the TwinSpace too
    assert '<h1 lang="de">Unsere Stadt</h1>' in client.get(page_url("post_detail", post)).text


def test_the_personal_export_says_each_posts_language():
    project = make_project()
    admin = founder_of(project)
    make_post(project, admin, "Unsere Stadt", language_id="de")
    assert [p["language"] for p in personal_export(admin)["posts"]] == ["de"]
