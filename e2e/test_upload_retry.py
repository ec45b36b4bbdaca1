"""A lost answer to an upload: the page retries with the same key, one file is stored."""

import re

import pytest
from django.urls import reverse

from jumelage import testing
from jumelage.materials.models import Item

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

KEY = re.compile(rb'name="upload_key"\r\n\r\n([0-9a-f-]{36})')


def test_an_upload_whose_answer_is_lost_is_retried_and_stored_once(live_asgi, page_as):
    project = testing.make_project()
    page = page_as(project.created_by)
    keys = []

    def lose_the_first_answer(route):
        keys.append(KEY.search(route.request.post_data_buffer).group(1))
        if len(keys) == 1:
            route.fetch()  # the server receives and stores the file...
            route.abort("connectionreset")  # ...but the page never hears back
        else:
            route.continue_()

    page.route(re.compile(r".*/materials/upload/$"), lose_the_first_answer)
    page.goto(live_asgi + reverse("materials:index", args=[project.pk]))
    page.get_by_label("Files", exact=True).set_input_files(
        [{"name": "plan.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}]
    )
    page.get_by_role("button", name="Upload").click()
    page.locator("[data-upload-status]").get_by_text("“plan.pdf” was already added.").wait_for()
    assert len(keys) == 2 and keys[0] == keys[1]
    assert list(Item.objects.values_list("name", flat=True)) == ["plan.pdf"]
