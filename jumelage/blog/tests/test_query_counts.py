"""The blog's pages cost the same number of queries as the blog grows."""

import pytest
from django.urls import reverse
from django.utils import timezone

from jumelage.blog.models import Comment, Post
from jumelage.projects.models import Visibility
from jumelage.testing import make_project, make_pupil

from .helpers import count_queries, founder_of, make_post, page_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["anonymous", "teacher", "pupil"])
def test_blog_list_query_count_does_not_grow_with_posts(client, django_assert_num_queries, role):
    project = make_project()
    admin = founder_of(project)
    pupil = make_pupil(project)
    user = {"anonymous": None, "teacher": admin, "pupil": pupil}[role]

    def grow(n):
        for i in range(n):
            make_post(project, pupil if i % 2 else admin, f"Post {i}")
            make_post(project, pupil, f"Draft {i}", status=Post.Status.DRAFT)
            make_post(project, pupil, f"Pending {i}", visibility=Visibility.PENDING)

    count_queries(
        client, django_assert_num_queries, page_url("post_list", project=project), grow, user
    )


@pytest.mark.parametrize("role", ["anonymous", "teacher"])
def test_post_detail_query_count_does_not_grow_with_comments(
    client, django_assert_num_queries, role
):
    project = make_project()
    admin = founder_of(project)
    post = make_post(project, admin)
    pupil = make_pupil(project)

    def grow(n):
        for i in range(n):
            Comment.objects.create(post=post, author=pupil if i % 2 else admin, body=f"c{i}")

    user = admin if role == "teacher" else None
    count_queries(client, django_assert_num_queries, page_url("post_detail", post), grow, user)


def test_feed_query_count_does_not_grow_with_posts(client, django_assert_num_queries):
    project = make_project()
    admin = founder_of(project)

    def grow(n):
        for i in range(n):
            make_post(project, admin, f"Post {i}")

    count_queries(client, django_assert_num_queries, page_url("feed", project=project), grow)


def _posts(world, n):
    admin, pupil = world.users["admin"], world.users["pupil"]
    for i in range(n):
        published = i % 4 != 0
        post = Post.objects.create(
            project=world.project,
            author=pupil if i % 3 == 0 else admin,
            title=f"Post {i}",
            body="<p>Our market day</p>",
            status=Post.Status.PUBLISHED if published else Post.Status.DRAFT,
            published_at=timezone.now() if published else None,
            visibility=Visibility.PENDING if i % 7 == 0 else Visibility.PUBLISHED,
        )
        Comment.objects.create(post=post, author=pupil, body="Nice")


@pytest.mark.parametrize("n", [10, 50])
def test_the_founder_reads_the_blog_in_the_same_few_queries(
    client, world, django_assert_num_queries, n
):
    _posts(world, n)
    client.force_login(world.users["admin"])
    url = reverse("blog:post_list", kwargs={"project_id": world.project.pk})
    client.get(url)
    with django_assert_num_queries(6):
        response = client.get(url)
    assert response.status_code == 200 and "Post 1" in response.text
