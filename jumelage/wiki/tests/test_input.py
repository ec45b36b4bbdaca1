"""Issue 13 (wiki save without a version) and issue 12 L5 (diff with huge numbers)."""

import pytest
from django.urls import reverse

from jumelage.testing import make_project
from jumelage.wiki import services

pytestmark = pytest.mark.django_db

HOSTILE = ["99999999999999999999999", "-1", "0", "²", "1e3", "abc", "9223372036854775808"]


def url(name, page, **kwargs):
    return reverse(
        f"wiki:{name}", kwargs={"project_id": page.project_id, "page_id": page.pk, **kwargs}
    )


@pytest.fixture
def admin_and_page():
    project = make_project()
    admin = project.memberships.filter(is_founder=True).first().user
    page = services.create_page(project, admin, "Step 1", "<p>Original</p>")
    services.save_page(page, admin, title="Step 1", body="<p>Someone's save</p>", base_version=1)
    return admin, page


@pytest.mark.parametrize("version", [None, "", *HOSTILE])
def test_a_save_without_a_valid_version_overwrites_nothing_and_keeps_the_text(
    client, admin_and_page, version
):
    admin, page = admin_and_page
    client.force_login(admin)
    data = {"title": "Step 1", "body": "<p>My long text</p>", "position": 0}
    if version is not None:
        data["version"] = version
    response = client.post(url("edit", page), data)
    assert response.status_code == 400
    assert "My long text" in response.text  # kept in the form
    assert "Someone&#x27;s save" in response.text or "Someone's save" in response.text
    page.refresh_from_db()
    assert page.body == "<p>Someone's save</p>" and page.version == 2
    # The form now carries the current version: saving again, deliberately, works.
    assert 'name="version" value="2"' in response.text
    data["version"] = 2
    assert client.post(url("edit", page), data).status_code == 302
    page.refresh_from_db()
    assert page.body == "<p>My long text</p>"


@pytest.mark.parametrize("version", [None, "", *HOSTILE])
def test_a_restore_without_a_valid_version_restores_nothing(client, admin_and_page, version):
    admin, page = admin_and_page
    client.force_login(admin)
    data = {} if version is None else {"version": version}
    response = client.post(url("restore", page, number=1), data, follow=True)
    assert response.status_code == 200
    assert "nothing was restored" in response.text
    page.refresh_from_db()
    assert page.version == 2


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("name", ["old", "new"])
def test_the_diff_refuses_numbers_that_are_no_revision_without_a_500(
    client, admin_and_page, name, value
):
    admin, page = admin_and_page
    client.force_login(admin)
    response = client.get(url("diff", page), {name: value})
    assert response.status_code in (400, 404)


@pytest.mark.parametrize("number", [0, 3, 2**31, 10**30])
def test_revision_urls_with_numbers_that_are_no_revision_are_404(client, admin_and_page, number):
    admin, page = admin_and_page
    client.force_login(admin)
    assert client.get(url("revision", page, number=number)).status_code == 404
    response = client.post(url("restore", page, number=number), {"version": 2})
    assert response.status_code == 404
