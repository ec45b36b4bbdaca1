"""Who reads what: the public blog, members-only blogs, unknown ids."""

import pytest
from django.urls import reverse

from jumelage.blog.models import Post
from jumelage.projects.models import Membership, Project
from jumelage.testing import add_member, make_project, make_pupil

from .helpers import founder_of, make_post, page_url

pytestmark = pytest.mark.django_db


def test_public_blog_shows_published_posts_to_anyone_but_never_drafts(client):
    project = make_project()
    admin = founder_of(project)
    make_post(project, admin, "Published one")
    draft = make_post(project, admin, "Secret draft", status=Post.Status.DRAFT)
    response = client.get(page_url("post_list", project=project))
    assert response.status_code == 200
    assert "Published one" in response.text
    assert "Secret draft" not in response.text
    assert client.get(page_url("post_detail", draft)).status_code == 404


def test_a_pupils_published_post_shows_only_the_first_name_publicly(client):
    project = make_project(pupils_need_approval=False)
    pupil = make_pupil(project, name="Léa Dupont")
    school = pupil.schools.first()
    post = make_post(project, pupil, "My street")
    for url in (
        page_url("post_list", project=project),
        page_url("post_detail", post),
        page_url("feed", project=project),
    ):
        text = client.get(url).content.decode()
        assert "Léa" in text
        assert "Dupont" not in text
        assert pupil.username not in text
        assert school.name not in text


def test_members_only_blog_is_a_404_for_outsiders_and_readable_by_members(client):
    project = make_project(blog_public=False)
    admin = founder_of(project)
    post = make_post(project, admin)
    urls = [
        page_url("post_list", project=project),
        page_url("post_detail", post),
        page_url("feed", project=project),
    ]
    for url in urls:
        assert client.get(url).status_code == 404
    other = make_project()
    client.force_login(founder_of(other))
    for url in urls:
        assert client.get(url).status_code == 404
    client.force_login(add_member(project, role=Membership.Role.GUEST))
    assert client.get(urls[0]).status_code == 200
    assert client.get(urls[1]).status_code == 200


def test_a_project_not_yet_active_has_no_public_blog(client):
    project = make_project(status=Project.Status.AWAITING_APPROVAL)
    make_post(project, founder_of(project))
    assert client.get(page_url("post_list", project=project)).status_code == 404


def test_unknown_ids_are_404_and_wrong_methods_405(client):
    project = make_project()
    post = make_post(project, founder_of(project))
    assert client.get(reverse("blog:post_list", kwargs={"project_id": 999999})).status_code == 404
    other = make_project()
    # A post reached through another project's URL does not exist there.
    wrong = reverse("blog:post_detail", kwargs={"project_id": other.pk, "post_id": post.pk})
    assert client.get(wrong).status_code == 404
    client.force_login(founder_of(project))
    assert client.get(page_url("post_delete", post)).status_code == 405
    assert client.post(page_url("post_list", project=project)).status_code == 405
