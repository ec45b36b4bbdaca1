"""Images from the materials library go into a page through the editor's picker."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import NoReverseMatch, reverse

from jumelage.testing import make_project
from jumelage.wiki import services
from jumelage.wiki.models import Page

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _picker_available() -> bool:
    try:
        reverse("materials:picker", args=[1])
    except NoReverseMatch:
        return False
    return True


@pytest.mark.skipif(not _picker_available(), reason="the materials app has no picker here")
def test_an_image_from_the_library_is_inserted_into_a_page(live_asgi, page):
    from jumelage.materials import services as materials
    from jumelage.materials.tests import samples

    project = make_project()
    admin = project.created_by
    image = materials.store_upload(project, admin, samples.png("harbour.png"))
    wiki_page = services.create_page(project, admin, "Our towns", "<p>Paris</p>")
    client = Client()
    client.force_login(admin)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_asgi,
            }
        ]
    )
    page.goto(live_asgi + reverse("wiki:edit", args=[project.pk, wiki_page.pk]))
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.locator("summary", has_text="Insert an image from the materials library").click()
    page.get_by_role("button", name="Insert harbour.png").click()
    page.get_by_text("The image is inserted in the text.").wait_for()
    page.get_by_role("button", name="Save a new revision").click()
    page.get_by_text("The page is saved.").wait_for()
    src = reverse("materials:download", args=[project.pk, image.pk])
    assert f'src="{src}"' in Page.objects.get().body
    # The image is served to the page's readers and shown.
    page.wait_for_function("() => document.querySelector('article img').naturalWidth > 0")
