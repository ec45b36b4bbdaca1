"""The blog's list costs the same number of queries with 10 or 50 posts."""

import pytest
from django.urls import reverse
from django.utils import timezone

from jumelage.blog.models import Comment, Post
from jumelage.projects.models import Visibility

pytestmark = pytest.mark.django_db


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
