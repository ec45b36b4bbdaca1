"""Shared helpers of these tests."""

import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from jumelage.blog.models import Post


def founder_of(project):
    return project.memberships.filter(is_founder=True).first().user


def make_post(project, author, title="Our town", status=Post.Status.PUBLISHED, **fields):
    return Post.objects.create(
        project=project,
        author=author,
        title=title,
        body=fields.pop("body", "<p>Text</p>"),
        status=status,
        published_at=timezone.now() if status == Post.Status.PUBLISHED else None,
        **fields,
    )


def page_url(name, post=None, project=None, **kwargs):
    project_id = project.pk if project else post.project_id
    if post is not None:
        kwargs["post_id"] = post.pk
    return reverse(f"blog:{name}", kwargs={"project_id": project_id, **kwargs})


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), "blue")
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 3.0)}
    exif[0x010F] = "SecretCam"
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def count_queries(client, django_assert_num_queries, url, grow, user=None):
    if user is not None:
        client.force_login(user)
    grow(2)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    assert len(small) <= 16
    grow(8)
    with django_assert_num_queries(len(small)):
        assert client.get(url).status_code == 200
