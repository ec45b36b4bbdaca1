"""Folder rights by role, and what visitors see of the library (docs/roles.md)."""

import pytest
from django.urls import reverse

from jumelage.materials import services
from jumelage.materials.models import Folder
from jumelage.testing import make_pupil

from . import samples

pytestmark = pytest.mark.django_db


def _url(name, project, *args):
    return reverse(f"materials:{name}", args=[project.pk, *args])


def test_a_folder_hidden_from_pupils_hides_its_files(client, world):
    project, teacher = world.project, world.users["admin"]
    folder = Folder.objects.create(
        project=project, name="Marks", created_by=teacher, own_rights=True, pupils_view=False
    )
    item = services.store_upload(project, teacher, samples.png(), folder)
    client.force_login(world.users["pupil"])
    assert client.get(_url("folder", project, folder.pk)).status_code == 404
    assert client.get(_url("download", project, item.pk)).status_code == 404
    assert "Marks" not in client.get(_url("index", project)).text
    client.force_login(world.users["teacher"])
    assert client.get(_url("download", project, item.pk)).status_code == 200


def test_pupils_add_files_only_where_the_folder_lets_them(client, world):
    project, teacher = world.project, world.users["admin"]
    folder = Folder.objects.create(
        project=project, name="Poster", created_by=teacher, own_rights=True, pupils_edit=False
    )
    client.force_login(world.users["pupil"])
    response = client.post(_url("folder_upload", project, folder.pk), {"files": samples.png()})
    assert response.status_code == 403
    client.force_login(world.users["pupil_admin"])
    response = client.post(_url("folder_upload", project, folder.pk), {"files": samples.png()})
    assert response.status_code == 302 and folder.items.count() == 1


def test_a_sub_folder_starts_with_its_parents_rights(world):
    parent = Folder.objects.create(
        project=world.project, name="Private", own_rights=True, pupils_view=False
    )
    child = services.create_folder(world.project, world.users["admin"], "Inside", parent, False)
    assert child.own_rights and not child.pupils_view


def test_a_visitor_sees_opened_folders_and_only_pupils_first_names(client, world):
    project = world.project
    pupil = make_pupil(project, name="Léa Dupont")
    opened = Folder.objects.create(
        project=project, name="Exhibition", own_rights=True, visitors_view=True
    )
    closed = Folder.objects.create(project=project, name="Drafts")
    services.store_upload(project, pupil, samples.png(), opened)
    root = services.store_upload(project, world.users["admin"], samples.png(), None)
    client.force_login(world.users["visitor"])
    index = client.get(_url("index", project))
    assert "Exhibition" in index.text and "Drafts" not in index.text
    page = client.get(_url("folder", project, opened.pk))
    assert page.status_code == 200
    assert "Léa" in page.text and "Dupont" not in page.text
    assert client.get(_url("folder", project, closed.pk)).status_code == 404
    assert client.get(_url("download", project, root.pk)).status_code == 404


def test_a_teacher_opens_a_folder_to_visitors(client, world):
    folder = Folder.objects.create(project=world.project, name="Show")
    client.force_login(world.users["admin"])
    response = client.post(
        _url("folder_rights", world.project, folder.pk),
        {"pupils_view": "on", "pupil_admins_view": "on", "visitors_view": "on"},
    )
    assert response.status_code == 302
    folder.refresh_from_db()
    assert folder.own_rights and folder.visitors_view and not folder.pupils_edit
