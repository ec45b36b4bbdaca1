"""Editing pages: every save a revision, stale saves refused, the tree kept sound."""

import pytest

from jumelage.testing import add_member
from jumelage.wiki import services
from jumelage.wiki.models import Page, Revision

from .helpers import edit, url

pytestmark = pytest.mark.django_db


def test_every_save_is_a_revision_with_history_diff_and_restore(client, project, admin, page):
    client.force_login(admin)
    assert edit(client, page, 1, "<p>Paris</p><p>Berlin</p>").status_code == 302
    assert edit(client, page, 2, "<p>Berlin</p><p>Lisbon &lt;3</p>").status_code == 302
    page.refresh_from_db()
    assert page.version == 3
    assert list(page.revisions.values_list("number", flat=True)) == [3, 2, 1]
    history = client.get(url("history", project, page_id=page.pk)).text
    assert "Revision 3" in history and "Restore revision 1" in history

    diff = client.get(url("diff", project, page_id=page.pk), {"old": 2, "new": 3}).text
    assert '<li class="removed"><del>' in diff and "Removed: </span>Paris" in diff
    assert "Added: </span>Lisbon &lt;3</ins>" in diff
    assert '<li class="same"><span class="marker" aria-hidden="true"> </span>Berlin' in diff

    response = client.post(url("restore", project, page_id=page.pk, number=1), {"version": 3})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.version == 4 and page.body == "<p>Paris</p>"
    latest = page.revisions.first()
    assert latest.number == 4 and latest.restored_from == 1 and latest.author == admin
    # The older revisions are untouched.
    assert Revision.objects.get(page=page, number=3).body == "<p>Berlin</p><p>Lisbon &lt;3</p>"
    old = client.get(url("revision", project, page_id=page.pk, number=2)).text
    assert "You are reading revision 2" in old and "<p>Berlin</p>" in old


def test_saving_unchanged_text_adds_no_revision(client, admin, page):
    client.force_login(admin)
    response = edit(client, page, 1, "<p>Paris</p>")
    assert response.status_code == 302
    assert page.revisions.count() == 1


def test_a_stale_edit_is_refused_and_the_users_text_is_kept(client, project, admin, page):
    colleague = add_member(project)
    client.force_login(colleague)
    assert 'name="version" value="1"' in client.get(url("edit", project, page_id=page.pk)).text
    # Meanwhile the admin saves revision 2.
    services.save_page(page, admin, title=page.title, body="<p>Admin's text</p>", base_version=1)

    response = edit(client, page, 1, "<p>Colleague's long text</p>")
    assert response.status_code == 409
    assert "Someone else saved this page while you were editing" in response.text
    assert "Your text was NOT saved" in response.text
    assert "Colleague&#x27;s long text" in response.text or "Colleague's long text" in response.text
    assert "<p>Admin's text</p>" in response.text  # their version, shown for merging
    assert 'name="version" value="2"' in response.text  # the next save starts from it
    page.refresh_from_db()
    assert page.body == "<p>Admin's text</p>" and page.version == 2

    # After merging, saving from the version just shown works.
    assert edit(client, page, 2, "<p>Admin's text</p><p>Merged</p>").status_code == 302
    page.refresh_from_db()
    assert page.version == 3 and page.updated_by == colleague


def test_the_service_refuses_two_saves_from_the_same_version(admin, page):
    other = Page.objects.get(pk=page.pk)
    services.save_page(page, admin, title="A", body="<p>first</p>", base_version=1)
    with pytest.raises(services.EditConflict):
        services.save_page(other, admin, title="B", body="<p>second</p>", base_version=1)
    page.refresh_from_db()
    assert page.title == "A" and page.revisions.count() == 2


def test_restoring_from_a_stale_history_restores_nothing(client, project, admin, page):
    client.force_login(admin)
    services.save_page(page, admin, title=page.title, body="<p>Two</p>", base_version=1)
    services.save_page(page, admin, title=page.title, body="<p>Three</p>", base_version=2)
    response = client.post(
        url("restore", project, page_id=page.pk, number=1), {"version": 2}, follow=True
    )
    assert "nothing was restored" in response.text
    page.refresh_from_db()
    assert page.version == 3 and page.body == "<p>Three</p>"


def test_a_page_cannot_move_under_itself_or_its_sub_pages(client, project, admin, page):
    child = services.create_page(project, admin, "Child", "", parent=page)
    client.force_login(admin)
    response = edit(client, page, 1, "<p>Paris</p>", parent=child.pk)
    assert response.status_code == 400
    assert "Select a valid choice" in response.text
    assert 'aria-invalid="true"' in response.text
    page.refresh_from_db()
    assert page.parent is None
