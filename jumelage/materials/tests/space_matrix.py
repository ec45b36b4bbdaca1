from jumelage.materials import services
from jumelage.materials.models import Folder
from jumelage.materials.tests import samples
from jumelage.testing.matrix import CONTRIBUTORS, MEMBERS, TEACHERS, Case


def setup(world):
    teacher = world.users["teacher"]
    folder = Folder.objects.create(project=world.project, name="Photos", created_by=teacher)
    image = services.store_upload(world.project, teacher, samples.png(), None)
    return {"folder_id": folder.pk, "item_id": image.pk}


def _upload(world, objects):
    return {"files": samples.pdf()}


CASES = [
    Case("materials:index", "GET", allowed=MEMBERS),
    Case("materials:folder", "GET", kwargs=("folder_id",), allowed=MEMBERS),
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
]
