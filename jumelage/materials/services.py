"""Storing files in the library: checked, cleaned, counted against the quotas.

The service contract: the view resolved the access (projects.access.project_view)
and refused what the user may not do; these functions check the state of things
(the project still active, the file's type and size, the quota, an album's
images, an empty folder) and raise `Refused` with a sentence the view shows.
"""

import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum, Value
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from jumelage.audit.services import record
from jumelage.core import images
from jumelage.core.errors import Refused
from jumelage.core.prepared import Prepared
from jumelage.projects.models import Project
from jumelage.twinspace.services import set_section_rights

from . import filetypes
from .models import Folder, Item


def display_name(original: str, extension: str) -> str:
    """The name shown and offered on download: the user's, with the real extension."""
    base = os.path.basename((original or "").replace("\\", "/")).strip()
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = "".join(c for c in stem if c.isprintable() and c not in '"/\\')[:200].strip()
    return f"{stem or _('file')}.{extension}"


def owner(space) -> dict:
    """The foreign key of a folder or file in `space`: a Project, or a group (groups.Group).

    The library's functions below take the space as `project`; the field is named
    after the space's model, so the library never imports the groups app.
    """
    return {space._meta.model_name: space}


def _audit_project(space):
    return space if isinstance(space, Project) else None


def _audit_space(row) -> dict:
    """The audit fields of a folder's or file's space: its project, or `data.group`."""
    if row.project_id is None and row.group_id is not None:
        return {"project": None, "group": row.group_id}
    return {"project": row.project}


# Shown on every library visit: prepared (core.prepared).
_USAGE = Prepared(
    lambda project_id: (
        Item.objects.filter(project_id=project_id)
        .order_by()
        .values(_all=Value(1))
        .annotate(total=Sum("size"))
        .values_list("total", flat=True)
    ),
    project_id=int,
)


def project_usage(project) -> int:
    """Bytes used by the project's files (thumbnails are not counted)."""
    return _USAGE.first(project_id=project.pk) or 0


def check_open(project) -> None:
    if not project.is_active:
        raise Refused(_("This project is closed: nothing can be added or changed."))


def check_size(uploaded) -> None:
    limit = settings.JUMELAGE_MAX_FILE_SIZE
    if uploaded.size > limit:
        raise Refused(
            _("“%(name)s” is %(size)s: the limit is %(limit)s a file.")
            % {
                "name": uploaded.name,
                "size": filesizeformat(uploaded.size),
                "limit": filesizeformat(limit),
            }
        )


def already_stored(project, user, key) -> Item | None:
    """The file this person already stored under this upload key, if any."""
    if key is None:
        return None
    return Item.objects.filter(**owner(project), uploaded_by=user, upload_key=key).first()


def store_upload(project, user, uploaded, folder: Folder | None = None, key=None) -> Item:
    """Check one uploaded file by content, clean it, and add it within the quotas.

    `key` is the client's upload key: sending the same file again with the same key
    (a retry after a lost answer) returns the item stored the first time, with
    `item.was_already_stored` set, instead of storing it twice.
    Raises Refused with a message for the user; nothing is kept then.
    """
    existing = already_stored(project, user, key)
    if existing is not None:
        existing.was_already_stored = True
        return existing
    check_open(project)
    check_size(uploaded)
    detected = filetypes.detect(uploaded)
    if folder is not None and folder.is_album and detected.kind != Item.Kind.IMAGE:
        raise Refused(
            _("“%(name)s” is not an image: albums only hold images.") % {"name": uploaded.name}
        )
    thumbnail = None
    width = height = None
    if detected.kind == Item.Kind.IMAGE:
        try:
            clean = images.process(uploaded, images.MATERIAL)
        except ValidationError as error:  # core.images speaks to forms
            raise Refused(" ".join(error.messages)) from error
        content = clean.content
        extension, mime = clean.extension, clean.mime
        width, height = clean.width, clean.height
        thumbnail = (ContentFile(clean.thumbnail), clean.thumbnail_extension)
        size = clean.size
    else:
        uploaded.seek(0)
        content = uploaded
        extension, mime, size = detected.extension, detected.mime, uploaded.size
    name = display_name(uploaded.name, extension)
    try:
        return _add_item(
            project,
            user,
            folder,
            name,
            content,
            extension,
            mime,
            detected.kind,
            size,
            width,
            height,
            thumbnail,
            key,
        )
    finally:
        content.close()


@transaction.atomic
def _add_item(
    project, user, folder, name, content, extension, mime, kind, size, width, height, thumbnail, key
) -> Item:
    # Lock the project row so that two uploads at once cannot both pass the quota,
    # nor two copies of one retried upload both be stored.
    locked = type(project)._default_manager.select_for_update().get(pk=project.pk)
    existing = already_stored(project, user, key)
    if existing is not None:
        existing.was_already_stored = True
        return existing
    quota = settings.JUMELAGE_PROJECT_QUOTA
    used = project_usage(locked)
    if used + size > quota:
        raise Refused(
            _(
                "“%(name)s” does not fit: the project uses %(used)s of its %(quota)s "
                "and this file needs %(size)s. Delete files you no longer need or ask "
                "the platform's operator for more space."
            )
            % {
                "name": name,
                "used": filesizeformat(used),
                "quota": filesizeformat(quota),
                "size": filesizeformat(size),
            }
        )
    item = Item(
        **owner(project),
        folder=folder,
        name=name,
        kind=kind,
        content_type=mime,
        size=size,
        width=width,
        height=height,
        uploaded_by=user,
        upload_key=key,
    )
    saved = []
    try:
        item.file.save(f"{uuid.uuid4().hex}.{extension}", content, save=False)
        saved.append(item.file)
        if thumbnail is not None:
            data, thumb_ext = thumbnail
            item.thumbnail.save(f"{uuid.uuid4().hex}.{thumb_ext}", data, save=False)
            saved.append(item.thumbnail)
        item.save()
        record(
            user, "materials.upload", item, project=_audit_project(project), name=name, size=size
        )
    except Exception:
        for stored in saved:
            stored.delete(save=False)
        raise
    item.was_already_stored = False
    return item


@transaction.atomic
def create_folder(project, user, name: str, parent: Folder | None, is_album: bool) -> Folder:
    check_open(project)
    # A sub-folder starts with its parent's rights, so nothing hidden shows up inside.
    inherited = {}
    if parent is not None and parent.own_rights:
        inherited = {"own_rights": True, **{n: getattr(parent, n) for n in Folder.RIGHTS}}
    folder = Folder.objects.create(
        **owner(project),
        parent=parent,
        name=name,
        is_album=is_album,
        created_by=user,
        **inherited,
    )
    record(user, "materials.folder_create", folder, project=_audit_project(project), name=name)
    return folder


def delete_item(actor, item: Item) -> None:
    """Remove the row, then the stored files once the deletion is committed."""
    files = [f.name for f in (item.file, item.thumbnail) if f]
    storage = item.file.storage
    with transaction.atomic():
        record(actor, "materials.delete", item, name=item.name, **_audit_space(item))
        item.delete()
        transaction.on_commit(lambda: [storage.delete(name) for name in files])


@transaction.atomic
def set_rights(access, folder: Folder, data) -> None:
    """Who views this folder and who adds to it (twinspace's one rights service)."""
    folder = Folder.objects.select_for_update().get(pk=folder.pk)
    set_section_rights(access, folder, data)


@transaction.atomic
def delete_folder(actor, folder: Folder) -> None:
    """Only empty folders go: files are never deleted as a side effect."""
    if folder.items.exists() or folder.children.exists():
        raise Refused(_("This folder is not empty: move or delete its content first."))
    record(actor, "materials.folder_delete", folder, name=folder.name, **_audit_space(folder))
    folder.delete()


def _same_space(item: Item, folder: Folder | None) -> bool:
    if folder is None:
        return True
    return (folder.project_id, folder.group_id) == (item.project_id, item.group_id)


@transaction.atomic
def move_item(actor, item: Item, folder: Folder | None) -> None:
    """Put a file in another folder of its space (None: the top of the library), audited.

    Albums only hold images, as on upload; a folder of another space is refused."""
    if item.project_id is not None:
        check_open(item.project)
    if not _same_space(item, folder):
        raise Refused(_("This folder is not in the same library."))
    if folder is not None and folder.is_album and item.kind != Item.Kind.IMAGE:
        raise Refused(
            _("“%(name)s” is not an image: albums only hold images.") % {"name": item.name}
        )
    previous = item.folder_id
    if previous == (folder.pk if folder else None):
        return
    item.folder = folder
    item.save(update_fields=["folder"])
    record(
        actor,
        "materials.move",
        item,
        name=item.name,
        previous=previous,
        folder=folder.pk if folder else None,
        **_audit_space(item),
    )
