"""The blog in the TwinSpace permission matrix (see jumelage/testing/matrix.py).

The world's project keeps the default public blog: its published posts are read
by everyone; everything else is for members, and outsiders get a 404.
"""

import io

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from jumelage.blog.models import Comment, Post
from jumelage.testing.matrix import ADMINS, CONTRIBUTORS, EVERYONE, MEMBERS, TEACHERS, Case


def _jpeg() -> ContentFile:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, format="JPEG")
    return ContentFile(out.getvalue(), name="cover.jpg")


def setup(world):
    post = Post(
        project=world.project,
        author=world.users["teacher"],
        title="Our town",
        body="<p>Hello</p>",
        status=Post.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    post.cover.save("cover.jpg", _jpeg(), save=False)
    post.save()
    comment = Comment.objects.create(post=post, author=world.users["teacher"], body="Nice")
    return {"post_id": post.pk, "comment_id": comment.pk}


CASES = [
    Case("blog:post_list", "GET", allowed=EVERYONE),
    Case("blog:feed", "GET", allowed=EVERYONE),
    # Django's Feed view answers any method.
    Case("blog:feed", "POST", allowed=EVERYONE),
    Case("blog:post_detail", "GET", kwargs=("post_id",), allowed=EVERYONE),
    Case("blog:cover", "GET", kwargs=("post_id",), allowed=EVERYONE),
    Case("blog:settings", "POST", allowed=ADMINS, data={"blog_public": "on"}),
    Case("blog:post_create", "GET", allowed=CONTRIBUTORS),
    Case(
        "blog:post_create", "POST", allowed=CONTRIBUTORS, data={"title": "New", "body": "<p>x</p>"}
    ),
    Case("blog:post_edit", "GET", kwargs=("post_id",), allowed=TEACHERS),
    Case(
        "blog:post_edit",
        "POST",
        kwargs=("post_id",),
        allowed=TEACHERS,
        data={"title": "Changed", "body": "<p>y</p>"},
    ),
    Case("blog:post_publish", "POST", kwargs=("post_id",), allowed=TEACHERS),
    Case("blog:post_unpublish", "POST", kwargs=("post_id",), allowed=TEACHERS),
    Case("blog:post_delete", "POST", kwargs=("post_id",), allowed=TEACHERS),
    Case(
        "blog:post_moderate", "POST", kwargs=("post_id",), allowed=TEACHERS, data={"action": "hide"}
    ),
    Case("blog:post_report", "POST", kwargs=("post_id",), allowed=MEMBERS, data={"reason": "x"}),
    Case(
        "blog:comment_add", "POST", kwargs=("post_id",), allowed=CONTRIBUTORS, data={"body": "Hi"}
    ),
    Case(
        "blog:comment_moderate",
        "POST",
        kwargs=("comment_id",),
        allowed=TEACHERS,
        data={"action": "hide"},
    ),
    Case("blog:comment_report", "POST", kwargs=("comment_id",), allowed=MEMBERS),
]
