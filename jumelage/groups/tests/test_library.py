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
