"""Cover images: cleaned of their metadata, served as images, refused when not images."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from jumelage.blog.models import Post
from jumelage.testing import make_project

from .helpers import founder_of, jpeg_with_gps, page_url

pytestmark = pytest.mark.django_db


def test_cover_image_comes_back_without_gps_and_is_served_as_an_image(client):
    project = make_project()
    client.force_login(founder_of(project))
    upload = SimpleUploadedFile("photo.jpg", jpeg_with_gps(), content_type="image/jpeg")
    client.post(
        page_url("post_create", project=project),
        {
            "title": "With photo",
            "body": "",
            "cover": upload,
            "cover_alt": "A bridge",
            "action": "publish",
        },
    )
    post = Post.objects.get(title="With photo")
    client.logout()
    response = client.get(page_url("cover", post))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    data = response.content
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    assert not image.getexif()
    assert b"SecretCam" not in data
    assert 'alt="A bridge"' in client.get(page_url("post_detail", post)).text


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("holiday.jpg", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200),
        ("page.png", b"<html><script>alert(1)</script></html>"),
        ("logo.jpg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ],
)
def test_a_file_that_is_not_an_image_is_refused_and_the_text_kept(client, name, content):
    project = make_project()
    client.force_login(founder_of(project))
    response = client.post(
        page_url("post_create", project=project),
        {
            "title": "Keep me",
            "body": "<p>My long text</p>",
            "cover": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == 400
    assert "not an image we can read" in response.text
    assert 'value="Keep me"' in response.text
    assert "My long text" in response.text
    assert not Post.objects.exists()
