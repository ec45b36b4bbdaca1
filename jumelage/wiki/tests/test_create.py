"""Creating pages: nested under another, sanitised, refused when the form is wrong."""

import pytest

from jumelage.wiki.models import Page

from .helpers import url

pytestmark = pytest.mark.django_db


def test_a_teacher_creates_a_page_under_another(client, project, admin, page):
    client.force_login(admin)
    response = client.post(
        url("create", project),
        {"title": "Step 1.1", "body": "<p>Map</p>", "parent": page.pk, "position": 2},
    )
    child = Page.objects.get(title="Step 1.1")
    assert response.status_code == 302 and response["Location"] == child.get_absolute_url()
    assert child.parent == page and child.position == 2 and child.visibility == "published"
    assert child.revisions.get().number == 1
    tree = client.get(url("index", project)).text
    # The sub-page is nested in its parent's list.
    assert tree.index("Step 1: our towns") < tree.index("Step 1.1")
    between = tree[tree.index("Step 1: our towns") : tree.index("Step 1.1")]
    assert "<ul>" in between and "</li>" not in between


def test_rich_text_is_sanitised_and_the_title_escaped(client, project, admin):
    client.force_login(admin)
    client.post(
        url("create", project),
        {
            "title": "<script>alert(1)</script>",
            "body": '<p onclick="x()">Hi<script>alert(2)</script></p>'
            '<a href="javascript:alert(3)">link</a><img src="x" onerror="alert(4)">'
            '<p style="position:fixed">styled</p>',
        },
    )
    page = Page.objects.get()
    assert "script" not in page.body and "onclick" not in page.body
    assert "javascript" not in page.body and "onerror" not in page.body
    assert "style=" not in page.body and "<p>styled</p>" in page.body
    html = client.get(page.get_absolute_url()).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html


def test_missing_title_is_a_clear_error_and_keeps_the_text(client, project, admin):
    client.force_login(admin)
    response = client.post(url("create", project), {"title": "", "body": "<p>Keep me</p>"})
    assert response.status_code == 400
    assert "This field is required" in response.text
    assert "Keep me" in response.text
    assert not Page.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"title": "x" * 201},
        {"title": "ok", "position": "-1"},
        {"title": "ok", "position": "abc"},
        {"title": "ok", "version": "abc"},
    ],
)
def test_bad_page_forms_are_refused_and_change_nothing(client, project, admin, page, data):
    client.force_login(admin)
    response = client.post(url("edit", project, page_id=page.pk), {"body": "<p>new</p>", **data})
    assert response.status_code == 400
    assert "<p>new</p>" in response.text or "&lt;p&gt;new&lt;/p&gt;" in response.text
    page.refresh_from_db()
    assert page.body == "<p>Paris</p>" and page.version == 1
