"""The files a person uploaded (metadata, and the files themselves in the zip), in their export."""

from jumelage.core.exports import archive_path, iso, register_export, register_export_files

from .models import Folder, Item


def _items(user):
    return Item.objects.filter(uploaded_by=user).select_related("project", "group", "folder")


@register_export("materials", order=60, models=[Folder, Item])
def materials(user) -> dict:
    folders = (
        Folder.objects.filter(created_by=user).select_related("project", "group").order_by("id")
    )
    return {
        "files": [
            {
                "project": i.project.title if i.project else None,
                "group": i.group.name if i.group else None,
                "folder": i.folder.name if i.folder else None,
                "name": i.name,
                "kind": i.kind,
                "content_type": i.content_type,
                "file": archive_path("materials", i.pk, i.file.name),
                "uploaded_at": iso(i.created_at),
            }
            for i in _items(user).order_by("created_at", "id")
        ],
        "folders_created": [
            {
                "project": f.project.title if f.project else None,
                "group": f.group.name if f.group else None,
                "name": f.name,
                "created_at": iso(f.created_at),
            }
            for f in folders
        ],
    }


@register_export_files("materials")
def material_files(user):
    names = Item.objects.filter(uploaded_by=user).order_by("id").values_list("pk", "file")
    for pk, name in names.iterator():
        yield name, archive_path("materials", pk, name)
