"""History and differences between revisions."""

import pytest

from jumelage.wiki.diff import text_lines

from .helpers import url

pytestmark = pytest.mark.django_db


def test_bad_diff_requests_get_a_message_or_a_404(client, project, admin, page):
    client.force_login(admin)
    response = client.get(url("diff", project, page_id=page.pk), {"old": "x"}, follow=True)
    assert "Please choose two revisions" in response.text
    assert (
        client.get(url("diff", project, page_id=page.pk), {"old": 1, "new": 9}).status_code == 404
    )
    assert client.get(url("revision", project, page_id=page.pk, number=9)).status_code == 404
    assert client.get(url("detail", project, page_id=99999)).status_code == 404
    assert client.get(url("restore", project, page_id=page.pk, number=1)).status_code == 405


def test_diff_text_keeps_link_and_image_addresses():
    lines = text_lines(
        '<p>See <a href="https://a.example/">this</a></p><img src="/m/1.jpg" alt="Map">'
    )
    assert lines == ["See this <https://a.example/>", "[Map /m/1.jpg]"]
