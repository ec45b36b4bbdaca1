"""Image uploads: bombs are refused before decoding at every entry point, and the
largest image accepted stays within a measured memory bound (issue 12, M7)."""

import io
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from jumelage import testing
from jumelage.accounts.models import TeacherProfile
from jumelage.blog.models import Post
from jumelage.core import images
from jumelage.core.tests import imagefiles
from jumelage.core.tests.memory import peak_growth
from jumelage.materials.models import Folder, Item

pytestmark = pytest.mark.django_db

# Refusing a bomb reads its header only: a few MiB for the request, never the pixels
# (7700 x 7700 RGB would be 226 MiB once decoded).
BOMB_BOUND_MIB = 32
# The largest image accepted (40 megapixels, or 10 for WebP), decoded, shrunk to what
# is kept and re-encoded: the source once, the result once, bands of 2 MiB.
LARGEST_BOUND_MIB = 256
TOO_MANY_PIXELS = "too many pixels: the limit is 40 megapixels"


@pytest.fixture
def project():
    return testing.make_project()


@pytest.fixture
def pupil(project):
    return testing.make_pupil(project)


def _file(name, data):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def upload_material(client, project, user, data, name):
    client.force_login(user)
    album = Folder.objects.create(project=project, name="Trip", is_album=True)
    response = client.post(
        reverse("materials:folder_upload", args=[project.pk, album.pk]),
        {"files": [_file(name, data)]},
        headers={"X-Requested-With": "XMLHttpRequest"},
    )
    return response, response.json()["results"][0]["message"], Item.objects.exists()


def upload_material_no_javascript(client, project, user, data, name):
    client.force_login(user)
    response = client.post(
        reverse("materials:upload", args=[project.pk]), {"files": [_file(name, data)]}
    )
    shown = " ".join(str(m) for m in response.wsgi_request._messages)
    return response, shown, Item.objects.exists()


def create_blog_post(client, project, user, data, name):
    client.force_login(user)
    response = client.post(
        reverse("blog:post_create", args=[project.pk]),
        {"title": "Our trip", "body": "<p>Text</p>", "cover": _file(name, data), "cover_alt": "x"},
    )
    return response, response.text, Post.objects.exclude(cover="").exists()


def edit_blog_post(client, project, user, data, name):
    post = Post.objects.create(project=project, author=user, title="Our trip", body="")
    client.force_login(user)
    response = client.post(
        reverse("blog:post_edit", args=[project.pk, post.pk]),
        {"title": "Our trip", "body": "<p>Text</p>", "cover": _file(name, data), "cover_alt": "x"},
    )
    return response, response.text, Post.objects.exclude(cover="").exists()


def edit_profile_photo(client, project, user, data, name):
    teacher = testing.make_teacher(verified=False)
    client.force_login(teacher)
    response = client.post(
        reverse("accounts:profile_edit"),
        {"display_name": "Claire", "photo": _file(name, data)},
    )
    return response, response.text, TeacherProfile.objects.exclude(photo="").exists()


ENTRY_POINTS = {
    "materials-upload": upload_material,
    "materials-upload-without-javascript": upload_material_no_javascript,
    "blog-cover-new-post": create_blog_post,
    "blog-cover-edit-post": edit_blog_post,
    "profile-photo": edit_profile_photo,
}
BOMBS = {
    "png-7700x7700": lambda: ("bomb.png", imagefiles.png_bomb(7700, 7700)),
    "jpeg-7700x7700": lambda: ("bomb.jpg", imagefiles.jpeg_bomb(7700, 7700)),
    "png-10000x10000": lambda: ("huge.png", imagefiles.png_bomb(10000, 10000)),
}


@pytest.fixture(scope="module", params=BOMBS.values(), ids=BOMBS.keys())
def bomb(request):
    return request.param()


@pytest.mark.parametrize("send", ENTRY_POINTS.values(), ids=ENTRY_POINTS.keys())
def test_a_bomb_is_refused_with_a_clear_message_before_decoding(client, project, pupil, send, bomb):
    name, data = bomb
    assert len(data) < 400 * 1024
    with peak_growth() as grown:
        response, shown, stored = send(client, project, pupil, data, name)
    assert response.status_code in (200, 302, 400)  # the form again or the folder, with why
    assert TOO_MANY_PIXELS in shown
    assert not stored
    assert grown.mib < BOMB_BOUND_MIB


@pytest.fixture(scope="module")
def largest(tmp_path_factory):
    """The largest images accepted, in the formats that cost most memory to decode."""
    return {
        "jpeg-40mp": ("photo.jpg", imagefiles.solid("JPEG", (7745, 5164), quality=90)),
        "png-rgba-40mp": ("poster.png", imagefiles.solid("PNG", (6324, 6324), "RGBA")),
        "webp-10mp": ("photo.webp", imagefiles.solid("WEBP", (3162, 3162))),
    }


@pytest.mark.parametrize(
    ("send", "which"),
    [
        (upload_material, "jpeg-40mp"),
        (upload_material, "png-rgba-40mp"),
        (upload_material, "webp-10mp"),
        (create_blog_post, "png-rgba-40mp"),
        (edit_profile_photo, "jpeg-40mp"),
    ],
    ids=["materials-jpeg", "materials-png-rgba", "materials-webp", "blog-png-rgba", "photo-jpeg"],
)
def test_the_largest_image_accepted_stays_within_the_memory_bound(
    client, project, pupil, largest, send, which
):
    name, data = largest[which]
    with peak_growth() as grown:
        response, shown, stored = send(client, project, pupil, data, name)
    assert response.status_code in (200, 302), shown[:500]
    assert stored
    print(f"peak growth {which}: {grown.mib:.0f} MiB")
    assert grown.mib < LARGEST_BOUND_MIB


def test_one_pixel_over_the_limit_is_refused_and_the_limit_itself_accepted():
    at_limit = imagefiles.png_bomb(8000, 5000)  # 40,000,000 pixels
    clean = images.process(io.BytesIO(at_limit), images.BLOG_COVER)
    assert (clean.width, clean.height) == (1600, 1000)
    with pytest.raises(ValidationError, match="too many pixels"):
        images.process(io.BytesIO(imagefiles.png_bomb(8001, 5000)), images.BLOG_COVER)


def test_a_webp_has_a_lower_limit_and_says_so():
    data = imagefiles.solid("WEBP", (3200, 3200))  # 10.24 megapixels
    with pytest.raises(ValidationError, match="the limit is 10 megapixels"):
        images.process(io.BytesIO(data), images.MATERIAL)


def test_every_pillow_decode_in_a_started_process_refuses_a_bomb(tmp_path):
    """Once Django has started, Pillow's own limit holds too: Django's ImageField (admin
    forms) refuses the bomb. A fresh process, since pytest resets warning filters."""
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(imagefiles.png_bomb(7700, 7700))
    script = (
        "import sys, django; django.setup()\n"
        "from django import forms\n"
        "from django.core.files.uploadedfile import SimpleUploadedFile\n"
        "data = open(sys.argv[1], 'rb').read()\n"
        "try:\n"
        "    forms.ImageField().clean(SimpleUploadedFile('bomb.png', data))\n"
        "except forms.ValidationError:\n"
        "    print('refused')\n"
        "else:\n"
        "    print('accepted')\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "jumelage.settings"}
    done = subprocess.run(
        [sys.executable, "-c", script, str(bomb)],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
        check=True,
    )
    assert done.stdout.strip() == "refused"


def test_a_portrait_photo_comes_back_upright_and_bands_match_a_plain_resize():
    source = Image.effect_noise((900, 600), 60).convert("RGB")
    exif = Image.Exif()
    exif[images.ORIENTATION] = 6  # the camera was turned: display rotated 90 degrees
    out = io.BytesIO()
    source.save(out, "JPEG", exif=exif, quality=95)
    clean = images.process(io.BytesIO(out.getvalue()), images.PROFILE_PHOTO)
    kept = Image.open(clean.content)
    assert kept.size == (400, 600)
    assert not kept.getexif()

    banded = images.fit(source, (300, 200), "RGB")
    plain = source.resize((300, 200), Image.Resampling.LANCZOS)
    difference = max(abs(a - b) for a, b in zip(banded.tobytes(), plain.tobytes(), strict=True))
    assert difference <= 1


def test_transparency_is_kept_in_the_library_and_flattened_on_white_for_photos():
    data = imagefiles.solid("PNG", (50, 40), "RGBA")
    transparent = Image.new("RGBA", (50, 40), (0, 0, 0, 0))
    out = io.BytesIO()
    transparent.save(out, "PNG")
    material = images.process(io.BytesIO(data), images.MATERIAL)
    assert material.extension == "png" and Image.open(material.content).mode == "RGBA"
    photo = images.process(io.BytesIO(out.getvalue()), images.PROFILE_PHOTO)
    assert photo.extension == "jpg"
    assert Image.open(photo.content).getpixel((10, 10)) >= (250, 250, 250)
