"""The library's folders and files (every byte) in a project archive."""

from .filetypes import ALLOWED
from .models import Folder, Item

ITEM_FIELDS = ("name", "kind", "content_type", "size", "width", "height")


def export(ctx) -> dict:
    folders = list(Folder.objects.filter(project=ctx.project).order_by("id"))
    refs = {folder.pk: f"folder-{n}" for n, folder in enumerate(folders, start=1)}
    return {
        "folders": [
            {
                "ref": refs[folder.pk],
                "parent": refs.get(folder.parent_id),
                "name": folder.name,
                "is_album": folder.is_album,
                "rights": folder.rights_for_archive(),
                "created_by": ctx.person(folder.created_by_id),
                "created_at": ctx.iso(folder.created_at),
            }
            for folder in folders
        ],
        "items": [
            {
                **{name: getattr(item, name) for name in ITEM_FIELDS},
                "folder": refs.get(item.folder_id),
                "file": ctx.file(item.file),
                "thumbnail": ctx.file(item.thumbnail),
                "uploaded_by": ctx.person(item.uploaded_by_id),
                "created_at": ctx.iso(item.created_at),
            }
            for item in Item.objects.filter(project=ctx.project).order_by("id")
        ],
    }


def import_(ctx, data: dict) -> None:
    folders = {}
    for entry in data["folders"]:
        folder = Folder.objects.create(
            project=ctx.project,
            name=entry["name"],
            is_album=entry["is_album"],
            created_by=ctx.user(entry["created_by"]),
            **Folder.rights_from_archive(entry.get("rights")),
        )
        folders[entry["ref"]] = folder
        ctx.keep_times(folder, created_at=entry["created_at"])
    for entry in data["folders"]:
        if entry["parent"]:
            Folder.objects.filter(pk=folders[entry["ref"]].pk).update(
                parent=folders[entry["parent"]]
            )
    safe = set(ALLOWED.values())
    for entry in data["items"]:
        # Only the kinds and types an upload here could have (the archive may be hand-made).
        if (entry["kind"], entry["content_type"]) not in safe:
            raise ValueError(f"file type {entry['content_type']!r} not accepted")
        item = Item(
            project=ctx.project,
            folder=folders.get(entry["folder"]),
            uploaded_by=ctx.user(entry["uploaded_by"]),
            **{name: entry[name] for name in ITEM_FIELDS},
        )
        for field in ("file", "thumbnail"):
            content = ctx.file(entry[field])
            if content is not None:
                getattr(item, field).save(content.name, content, save=False)
        item.save()
        ctx.keep_times(item, created_at=entry["created_at"])


def register(registry) -> None:
    registry.register_part(
        "materials",
        export=export,
        import_=import_,
        order=70,
        models=["materials.Folder", "materials.Item"],
    )
