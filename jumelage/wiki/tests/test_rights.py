"""Per-page rights by role (docs/roles.md): who views, who edits, archived pages."""

import pytest
from django.urls import reverse

from jumelage.projects.models import Project
from jumelage.wiki import services
from jumelage.wiki.models import Page

from .helpers import url

pytestmark = pytest.mark.django_db


def _rights(client, page, **fields):
    data = {name: "on" for name, on in fields.items() if on}
    return client.post(url("rights", page.project, page_id=page.pk), data)


def test_a_pupil_admin_makes_a_page_pupils_read_but_do_not_edit(client, world):
    project = world.project
    Project.objects.filter(pk=project.pk).update(
        pupils_may_edit_pages=True, pupils_need_approval=False
    )
    client.force_login(world.users["pupil_admin"])
    response = client.post(url("create", project), {"title": "Our poster", "body": "<p>x</p>"})
    assert response.status_code == 302
    page = Page.objects.get(title="Our poster")
    response = _rights(
        client, page, pupils_view=True, pupil_admins_view=True, pupil_admins_edit=True
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.own_rights and not page.pupils_edit and page.pupils_view

    client.force_login(world.users["pupil"])
    detail = client.get(page.get_absolute_url())
    assert detail.status_code == 200 and "Our poster" in detail.text
    assert url("edit", project, page_id=page.pk) not in detail.text
    assert client.get(url("edit", project, page_id=page.pk)).status_code == 403
    # A page keeping the project's defaults stays editable by pupils.
    other = services.create_page(project, world.users["admin"], "Open", "<p>o</p>")
    assert client.get(url("edit", project, page_id=other.pk)).status_code == 200


def test_a_page_hidden_from_pupils_is_a_404_and_leaves_the_tree(client, world):
    page = services.create_page(world.project, world.users["admin"], "Teachers' plan", "")
    Page.objects.filter(pk=page.pk).update(own_rights=True, pupils_view=False)
    client.force_login(world.users["pupil"])
    assert client.get(page.get_absolute_url()).status_code == 404
    assert "Teachers&#x27; plan" not in client.get(url("index", world.project)).text
    client.force_login(world.users["pupil_admin"])
    assert client.get(page.get_absolute_url()).status_code == 200


def test_rights_follow_the_project_settings_until_the_page_has_its_own(world):
    project = world.project
    page = services.create_page(project, world.users["admin"], "Town", "")
    own = services.create_page(project, world.users["admin"], "Closed", "")
    Page.objects.filter(pk=own.pk).update(own_rights=True, visitors_view=False)
    Project.objects.filter(pk=project.pk).update(open_to_visitors=True)
    project.refresh_from_db()
    assert page.rights(project)["visitors_view"] is True
    own.refresh_from_db()
    assert own.rights(project)["visitors_view"] is False


def test_a_pupil_admin_cannot_open_a_page_to_visitors_or_archive_it(client, world):
    page = services.create_page(world.project, world.users["admin"], "Ours", "")
    client.force_login(world.users["pupil_admin"])
    response = _rights(client, page, pupils_view=True, visitors_view=True, archived=True)
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.visitors_view and not page.is_archived


def test_an_archived_page_is_read_by_all_and_edited_by_nobody(client, world):
    page = services.create_page(world.project, world.users["admin"], "Last year", "")
    client.force_login(world.users["admin"])
    _rights(client, page, pupils_view=True, pupil_admins_view=True, archived=True)
    page.refresh_from_db()
    assert page.is_archived
    detail = client.get(page.get_absolute_url())
    assert "Archived: read only" in detail.text
    assert client.get(url("edit", world.project, page_id=page.pk)).status_code == 403
    client.force_login(world.users["pupil"])
    assert client.get(page.get_absolute_url()).status_code == 200


def test_edit_without_view_is_refused_with_a_message_and_nothing_saved(client, world):
    page = services.create_page(world.project, world.users["admin"], "Plan", "")
    client.force_login(world.users["admin"])
    response = _rights(client, page, pupils_edit=True)
    assert response.status_code == 400
    assert "must also be able to view" in response.text
    page.refresh_from_db()
    assert not page.own_rights


def test_a_visitor_sees_only_pages_opened_to_visitors(client, world):
    project = world.project
    shown = services.create_page(project, world.users["admin"], "Our exhibition", "")
    hidden = services.create_page(project, world.users["admin"], "Class notes", "")
    Page.objects.filter(pk=shown.pk).update(own_rights=True, visitors_view=True)
    client.force_login(world.users["visitor"])
    index = client.get(url("index", project))
    assert "Our exhibition" in index.text and "Class notes" not in index.text
    assert client.get(shown.get_absolute_url()).status_code == 200
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(url("history", project, page_id=shown.pk)).status_code == 404
    # The space's other sections are not theirs: the home sends them to the pages.
    home = client.get(reverse("twinspace:home", args=[project.pk]))
    assert home.status_code == 302 and home["Location"] == url("index", project)
    assert client.get(reverse("chat:index", args=[project.pk])).status_code == 404
    assert client.get(reverse("projects:members", args=[project.pk])).status_code == 404
    nav = client.get(shown.get_absolute_url()).text
    assert reverse("chat:index", args=[project.pk]) not in nav


def test_the_visitors_page_list_costs_few_queries(client, world, django_assert_max_num_queries):
    for n in range(5):
        page = services.create_page(world.project, world.users["admin"], f"P{n}", "")
        Page.objects.filter(pk=page.pk).update(own_rights=True, visitors_view=True)
    client.force_login(world.users["visitor"])
    client.get(url("index", world.project))
    with django_assert_max_num_queries(5):
        assert client.get(url("index", world.project)).status_code == 200
