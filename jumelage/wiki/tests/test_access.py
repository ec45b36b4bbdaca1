"""Who reads and writes the pages: pupils when allowed, guests read, closed projects, hidden pages."""

import pytest

from jumelage.projects.access import access_for
from jumelage.projects.models import Membership, Project
from jumelage.testing import add_member, make_project, make_pupil
from jumelage.twinspace.services import set_visibility
from jumelage.wiki import services
from jumelage.wiki.models import Page

from .helpers import edit, url

pytestmark = pytest.mark.django_db


def test_pupils_edit_pages_only_when_the_admins_allow_it(client, project, admin, page):
    pupil = make_pupil(project)
    client.force_login(pupil)
    assert client.get(url("edit", project, page_id=page.pk)).status_code == 403
    assert edit(client, page, 1, "<p>pupil</p>").status_code == 403
    assert client.post(url("create", project), {"title": "Mine"}).status_code == 403
    assert "New page" not in client.get(url("index", project)).text

    project.pupils_may_edit_pages = True
    project.save()
    assert edit(client, page, 1, "<p>pupil was here</p>").status_code == 302
    page.refresh_from_db()
    # Pupils' contributions wait for approval (the default): the page has not changed yet.
    assert page.body == "<p>Paris</p>" and page.version == 1
    assert page.proposed_edits.get().body == "<p>pupil was here</p>"
    # A pupil's new page waits for a teacher (the default), visible to its author.
    client.post(url("create", project), {"title": "Mine", "body": "<p>x</p>"})
    mine = Page.objects.get(title="Mine")
    assert mine.visibility == "pending"
    assert client.get(mine.get_absolute_url()).status_code == 200
    client.force_login(make_pupil(project))
    assert client.get(mine.get_absolute_url()).status_code == 404
    assert "Mine" not in client.get(url("index", project)).text
    # Pupils never delete.
    assert client.post(url("delete", project, page_id=page.pk)).status_code == 403


def test_guests_read_but_never_write(client, project, page):
    guest = add_member(project, role=Membership.Role.GUEST)
    client.force_login(guest)
    assert client.get(page.get_absolute_url()).status_code == 200
    assert edit(client, page, 1, "<p>x</p>").status_code == 403


def test_a_closed_project_is_read_only(client, project, admin, page):
    project.status = Project.Status.CLOSED
    project.save()
    client.force_login(admin)
    html = client.get(page.get_absolute_url()).text
    assert "Paris" in html and ">Edit<" not in html
    assert client.get(url("edit", project, page_id=page.pk)).status_code == 403
    assert edit(client, page, 1, "<p>late</p>").status_code == 403
    assert client.post(url("create", project), {"title": "late"}).status_code == 403
    assert client.post(url("restore", project, page_id=page.pk, number=1)).status_code == 403
    assert client.post(url("delete", project, page_id=page.pk)).status_code == 403
    page.refresh_from_db()
    assert page.body == "<p>Paris</p>" and Page.objects.count() == 1


def test_hidden_pages_are_for_teachers_and_their_author(client, project, admin, page):
    set_visibility(access_for(admin, project), page, "hidden")
    client.force_login(make_pupil(project))
    assert client.get(page.get_absolute_url()).status_code == 404
    assert client.get(url("history", project, page_id=page.pk)).status_code == 404
    client.force_login(add_member(project))
    assert "Hidden by a teacher" in client.get(page.get_absolute_url()).text


def test_a_page_of_another_project_is_not_found_through_this_one(client, project, admin):
    other = make_project()
    theirs = services.create_page(other, other.created_by, "Theirs", "")
    client.force_login(admin)
    assert client.get(url("detail", project, page_id=theirs.pk)).status_code == 404
    assert edit(client, theirs, 1, "x").status_code == 404


@pytest.mark.parametrize(
    ("view", "query"),
    [
        ("create", {"parent": "abc"}),
        ("create", {"parent": "99999"}),
        ("history", {"page": "abc"}),
        ("history", {"page": "-5"}),
    ],
)
def test_odd_query_strings_never_break_a_page(client, project, admin, page, view, query):
    client.force_login(admin)
    target = url(view, project) if view == "create" else url(view, project, page_id=page.pk)
    assert client.get(target, query).status_code == 200
