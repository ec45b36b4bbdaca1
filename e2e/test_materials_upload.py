"""Uploading several files at once in Chromium: per-file progress and verdicts."""

import io

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from PIL import Image

from jumelage import testing
from jumelage.materials.models import Item

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "green").save(out, "PNG")
    return out.getvalue()


def test_several_files_upload_with_progress_and_hostile_names_stay_inert(live_asgi, page):
    project = testing.make_project()
    teacher = project.created_by
    client = Client()
    client.force_login(teacher)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_asgi,
            }
        ]
    )
    caught = []
    page.on("dialog", lambda d: (caught.append(d.message), d.dismiss()))
    hostile = '<img src=x onerror="alert(1)">map.png'
    page.goto(live_asgi + reverse("materials:index", args=[project.pk]))
    page.get_by_label("Files", exact=True).set_input_files(
        [
            {"name": hostile, "mimeType": "image/png", "buffer": _png()},
            {"name": "game.pdf", "mimeType": "application/pdf", "buffer": b"MZ" + b"\0" * 300},
        ]
    )
    page.get_by_role("button", name="Upload").click()
    status = page.locator("[data-upload-status]")
    status.get_by_text("Programs and scripts are not accepted").wait_for()
    status.get_by_text("added").wait_for()
    assert page.locator("[data-upload-status] progress").count() == 2
    assert page.locator("[data-upload-status] progress").first.get_attribute("value") == "100"
    assert Item.objects.count() == 1
    page.get_by_role("link", name="Show the updated list").click()
    name = Item.objects.get().name
    assert name.startswith("<img src=x onerror=")
    page.get_by_role("link", name=name).wait_for()
    page.wait_for_load_state("networkidle")
    assert caught == []


def test_a_file_over_the_limit_is_refused_before_it_is_sent(live_asgi, page, settings):
    settings.JUMELAGE_MAX_FILE_SIZE = 1000
    project = testing.make_project()
    client = Client()
    client.force_login(project.created_by)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_asgi,
            }
        ]
    )
    sent = []
    page.on("request", lambda r: sent.append(r.url) if r.method == "POST" else None)
    page.goto(live_asgi + reverse("materials:index", args=[project.pk]))
    page.get_by_label("Files", exact=True).set_input_files(
        [{"name": "big.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4" + b"0" * 5000}]
    )
    page.get_by_role("button", name="Upload").click()
    page.locator("[data-upload-status]").get_by_text("too large: the limit is 1000").wait_for()
    assert sent == []
    assert not Item.objects.exists()
