"""A group's library has folders, as a project's materials do (the same rows and service)."""

import pytest
from django.urls import reverse

from jumelage import testing
from jumelage.groups import services
from jumelage.groups.access import load_access
from jumelage.groups.models import Group
from jumelage.materials import services as materials_services
from jumelage.materials.models import Folder, Item
from jumelage.materials.tests import samples

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(world, group):
    admin = world.users["admin"]
    services.join(load_access(admin, group.pk))
    return admin


def test_a_member_creates_folders_and_files_go_into_them(client, group, member):
    client.force_login(member)
    response = client.post(reverse("groups:folder_create", args=[group.pk]), {"name": "Maps"})
    maps = Folder.objects.get(name="Maps")
    assert maps.group == group and maps.project is None and maps.created_by == member
    assert response["Location"] == reverse("groups:folder", args=[group.pk, maps.pk])

    client.post(reverse("groups:subfolder_create", args=[group.pk, maps.pk]), {"name": "1914"})
    assert Folder.objects.get(name="1914").parent == maps
    client.post(reverse("groups:folder_upload", args=[group.pk, maps.pk]), {"files": samples.pdf()})
    item = Item.objects.get()
    assert item.folder == maps and item.group == group

    inside = client.get(reverse("groups:folder", args=[group.pk, maps.pk])).content.decode()
    assert item.name in inside and "1914" in inside
    top = client.get(reverse("groups:library", args=[group.pk])).content.decode()
    assert "Maps" in top and item.name not in top  # the file is inside the folder


def test_a_nameless_folder_is_refused_with_the_reason(client, group, member):
    client.force_login(member)
    response = client.post(reverse("groups:folder_create", args=[group.pk]), {"name": " "})
    assert response.status_code == 400 and not Folder.objects.exists()


def test_another_groups_folder_and_non_members_get_a_404(client, group, moderator, member):
    other = services.create_group(moderator, name="Other", admission=Group.Admission.OPEN)
    theirs = materials_services.create_folder(other, moderator, "Theirs", None, False)
    client.force_login(member)
    assert client.get(reverse("groups:folder", args=[group.pk, theirs.pk])).status_code == 404
    response = client.post(
        reverse("groups:subfolder_create", args=[group.pk, theirs.pk]), {"name": "x"}
    )
    assert response.status_code == 404

    stranger = testing.make_teacher("ES")
    client.force_login(stranger)
    mine = materials_services.create_folder(group, member, "Mine", None, False)
    assert client.get(reverse("groups:folder", args=[group.pk, mine.pk])).status_code == 404
    response = client.post(reverse("groups:folder_create", args=[group.pk]), {"name": "Spam"})
    assert response.status_code == 404 and not Folder.objects.filter(name="Spam").exists()


# --- Deleting and moving files, deleting empty folders (issue 19, third part) -------------


def test_the_uploader_moves_a_file_into_a_folder_and_the_move_is_audited(client, group, member):
    from jumelage.audit.models import AuditEntry

    maps = materials_services.create_folder(group, member, "Maps", None, False)
    item = materials_services.store_upload(group, member, samples.pdf(), None)
    client.force_login(member)
    page = client.get(reverse("groups:library", args=[group.pk])).content.decode()
    assert "Move to" in page and reverse("groups:item_move", args=[group.pk, item.pk]) in page
    response = client.post(
        reverse("groups:item_move", args=[group.pk, item.pk]), {"folder": maps.pk}
    )
    assert response["Location"] == reverse("groups:folder", args=[group.pk, maps.pk])
    item.refresh_from_db()
    assert item.folder == maps
    entry = AuditEntry.objects.get(action="materials.move")
    assert entry.actor == member and entry.project is None and entry.data["group"] == group.pk

    client.post(reverse("groups:item_move", args=[group.pk, item.pk]), {"folder": ""})
    item.refresh_from_db()
    assert item.folder is None  # back to the top of the library


def test_a_file_goes_neither_to_another_groups_folder_nor_to_an_album_if_not_an_image(
    client, group, moderator, member
):
    other = services.create_group(moderator, name="Other", admission=Group.Admission.OPEN)
    theirs = materials_services.create_folder(other, moderator, "Theirs", None, False)
    album = materials_services.create_folder(group, member, "Photos", None, True)
    item = materials_services.store_upload(group, member, samples.pdf(), None)
    client.force_login(member)
    url = reverse("groups:item_move", args=[group.pk, item.pk])
    client.post(url, {"folder": theirs.pk})
    item.refresh_from_db()
    assert item.folder is None
    page = client.post(url, {"folder": album.pk}, follow=True).content.decode()
    assert "albums only hold images" in page
    item.refresh_from_db()
    assert item.folder is None


def test_the_uploader_and_a_moderator_delete_files_other_members_cannot(
    client, group, moderator, member
):
    from jumelage.audit.models import AuditEntry

    third = testing.make_teacher("IT")
    services.join(load_access(third, group.pk))
    first = materials_services.store_upload(group, member, samples.pdf(), None)
    second = materials_services.store_upload(group, member, samples.pdf(), None)

    client.force_login(third)
    page = client.get(reverse("groups:library", args=[group.pk])).content.decode()
    assert reverse("groups:item_delete", args=[group.pk, first.pk]) not in page
    assert client.post(reverse("groups:item_delete", args=[group.pk, first.pk])).status_code == 404
    assert (
        client.post(
            reverse("groups:item_move", args=[group.pk, first.pk]), {"folder": ""}
        ).status_code
        == 404
    )

    client.force_login(member)
    client.post(reverse("groups:item_delete", args=[group.pk, first.pk]))
    client.force_login(moderator)
    client.post(reverse("groups:item_delete", args=[group.pk, second.pk]))
    assert not Item.objects.exists()
    entries = AuditEntry.objects.filter(action="materials.delete").order_by("pk")
    assert [e.actor for e in entries] == [member, moderator]
    assert all(e.data["group"] == group.pk for e in entries)


def test_empty_folders_are_deleted_by_their_creator_or_a_moderator_full_ones_stay(
    client, group, moderator, member
):
    full = materials_services.create_folder(group, member, "Full", None, False)
    materials_services.store_upload(group, member, samples.pdf(), full)
    empty = materials_services.create_folder(group, member, "Empty", None, False)
    third = testing.make_teacher("IT")
    services.join(load_access(third, group.pk))
    client.force_login(third)
    assert (
        client.post(reverse("groups:folder_delete", args=[group.pk, empty.pk])).status_code == 404
    )

    client.force_login(moderator)
    page = client.get(reverse("groups:folder", args=[group.pk, empty.pk])).content.decode()
    assert "Delete this empty folder" in page
    response = client.post(reverse("groups:folder_delete", args=[group.pk, full.pk]), follow=True)
    assert "not empty" in response.content.decode() and Folder.objects.filter(pk=full.pk).exists()
    response = client.post(reverse("groups:folder_delete", args=[group.pk, empty.pk]))
    assert response["Location"] == reverse("groups:library", args=[group.pk])
    assert not Folder.objects.filter(pk=empty.pk).exists()
