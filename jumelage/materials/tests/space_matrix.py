from jumelage.materials import services
from jumelage.materials.models import Folder
from jumelage.materials.tests import samples
from jumelage.testing.matrix import CONTRIBUTORS, LEADERS, MEMBERS, TEACHERS, VISITING, Case


def setup(world):
    teacher = world.users["teacher"]
    folder = Folder.objects.create(project=world.project, name="Photos", created_by=teacher)
    image = services.store_upload(world.project, teacher, samples.png(), None)
    # Opened to visitors; only teachers and pupil administrators add to it.
    opened = Folder.objects.create(
        project=world.project,
        name="Exhibition",
        created_by=teacher,
        own_rights=True,
        visitors_view=True,
        pupils_edit=False,
    )
    shown = services.store_upload(world.project, teacher, samples.png(), opened)
    return {
        "folder_id": folder.pk,
        "item_id": image.pk,
        "opened_id": opened.pk,
        "shown_id": shown.pk,
    }


def _upload(world, objects):
    return {"files": samples.pdf()}


CASES = [
    Case("materials:index", "GET", allowed=VISITING),
    Case("materials:folder", "GET", kwargs=("folder_id",), allowed=MEMBERS),
    Case("materials:folder", "GET", kwargs={"folder_id": "opened_id"}, allowed=VISITING),
    Case("materials:download", "GET", kwargs={"item_id": "shown_id"}, allowed=VISITING),
    Case("materials:picker", "GET", allowed=MEMBERS),
    Case("materials:download", "GET", kwargs=("item_id",), allowed=MEMBERS),
    Case("materials:thumbnail", "GET", kwargs=("item_id",), allowed=MEMBERS),
    Case("materials:upload", "POST", allowed=CONTRIBUTORS, data=_upload),
    Case(
        "materials:folder_upload",
        "POST",
        kwargs=("folder_id",),
        allowed=CONTRIBUTORS,
        data=lambda world, objects: {"files": samples.png()},
    ),
    Case("materials:folder_create", "POST", allowed=CONTRIBUTORS, data={"name": "Audio"}),
    Case(
        "materials:subfolder_create",
        "POST",
        kwargs=("folder_id",),
        allowed=CONTRIBUTORS,
        data={"name": "Day 1"},
    ),
    # The folder and the file were created by the teacher: other contributors may not delete.
    Case("materials:folder_delete", "POST", kwargs=("folder_id",), allowed=TEACHERS),
    Case("materials:item_delete", "POST", kwargs=("item_id",), allowed=TEACHERS),
    Case(
        "materials:folder_upload",
        "POST",
        kwargs={"folder_id": "opened_id"},
        allowed=LEADERS,
        data=lambda world, objects: {"files": samples.png()},
    ),
    Case("materials:folder_rights", "GET", kwargs=("folder_id",), allowed=LEADERS),
    Case(
        "materials:folder_rights",
        "POST",
        kwargs=("folder_id",),
        allowed=LEADERS,
        data={"pupils_view": "on"},
    ),
]
