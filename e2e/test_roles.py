"""Finer roles in the TwinSpace, walked in a browser (docs/roles.md).

A pupil administrator creates a page that ordinary pupils read but do not edit; a
visitor sees only what the teachers opened to visitors, and no pupil's surname.
Everything is set up before the live server serves a page; then only the UI acts.
"""

import pytest
from django.urls import reverse

from jumelage.materials import services as materials
from jumelage.materials.models import Folder
from jumelage.materials.tests import samples
from jumelage.projects.models import Project
from jumelage.testing import make_project, make_pupil, make_visitor
from jumelage.wiki import services as wiki

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_pupil_admin_creates_a_page_pupils_read_but_do_not_edit(live_asgi, page_as):
    project = make_project()
    Project.objects.filter(pk=project.pk).update(
        pupils_may_edit_pages=True, pupils_need_approval=False
    )
    leader = make_pupil(project, name="Sam Leader", pupil_admin=True)
    pupil = make_pupil(project, name="Ana Reader")

    page = page_as(leader)
    page.goto(live_asgi + reverse("wiki:create", args=[project.pk]))
    page.get_by_label("Title").fill("Our class poster")
    page.get_by_role("button", name="Create the page").click()
    page.get_by_role("heading", name="Our class poster").wait_for()
    page.get_by_role("link", name="Who may view and edit").click()
    page.get_by_label("Follow the project's settings").uncheck()
    page.get_by_label("Pupils may view").check()
    page.get_by_label("Pupils may edit").uncheck()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Who may view and edit this page is saved.").wait_for()
    page_url = page.url
    assert page.get_by_role("link", name="Edit", exact=True).count() == 1

    reader = page_as(pupil)
    reader.goto(page_url)
    reader.get_by_role("heading", name="Our class poster").wait_for()
    assert reader.get_by_role("link", name="Edit", exact=True).count() == 0
    response = reader.goto(page_url + "edit/")
    assert response.status == 403


def test_a_visitor_sees_only_what_was_opened_to_visitors(live_asgi, page_as):
    project = make_project()
    admin = project.created_by
    shown = wiki.create_page(project, admin, "Our exhibition", "<p>Welcome, parents.</p>")
    wiki.create_page(project, admin, "Class notes", "<p>Private.</p>")
    pupil = make_pupil(project, name="Léa Dupont")
    folder = Folder.objects.create(project=project, name="Exhibition photos", created_by=admin)
    Folder.objects.create(project=project, name="Drafts", created_by=admin)
    materials.store_upload(project, pupil, samples.png(), folder)
    visitor = make_visitor(project, name="Parents' association")

    # A teacher opens the page and the folder to visitors, through their pages.
    teacher = page_as(admin)
    teacher.goto(live_asgi + reverse("wiki:rights", args=[project.pk, shown.pk]))
    teacher.get_by_label("Follow the project's settings").uncheck()
    teacher.get_by_label("Visitors may view").check()
    teacher.get_by_role("button", name="Save").click()
    teacher.get_by_text("Who may view and edit this page is saved.").wait_for()
    teacher.goto(live_asgi + reverse("materials:folder_rights", args=[project.pk, folder.pk]))
    teacher.get_by_label("Follow the project's settings").uncheck()
    teacher.get_by_label("Visitors may view").check()
    teacher.get_by_role("button", name="Save").click()
    teacher.get_by_text("Who may view and add to this folder is saved.").wait_for()

    page = page_as(visitor)
    page.goto(live_asgi + reverse("twinspace:home", args=[project.pk]))
    page.get_by_role("heading", name="Pages").wait_for()
    nav = page.get_by_role("navigation", name="TwinSpace")
    # The forum too (its categories opened to visitors; none here, and never "General").
    assert nav.get_by_role("link").all_inner_texts() == ["Pages", "Materials", "Forum"]
    assert page.get_by_role("link", name="Our exhibition").count() == 1
    assert "Class notes" not in page.content()
    page.get_by_role("link", name="Our exhibition").first.click()
    page.get_by_text("Welcome, parents.").wait_for()

    nav.get_by_role("link", name="Materials").click()
    page.get_by_role("link", name="Exhibition photos").click()
    page.get_by_role("heading", name="Exhibition photos").wait_for()
    text = page.content()
    assert "Léa" in text and "Dupont" not in text
    assert "Drafts" not in text
    response = page.goto(live_asgi + reverse("chat:index", args=[project.pk]))
    assert response.status == 404
