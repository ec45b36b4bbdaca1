"""The project's library: folders, image albums and the files in them."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jumelage.projects.models import RoleRights


def _space_dir(instance) -> str:
    """The project's directory, or a group's (groups/<id>)."""
    if instance.project_id is None and instance.group_id is not None:
        return f"groups/{instance.group_id}"
    return str(instance.project_id)


def stored_name(instance, filename: str) -> str:
    """A random name under the project's directory: never the name the user gave."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"materials/{_space_dir(instance)}/{uuid.uuid4().hex}.{ext}"


def thumbnail_name(instance, filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"materials/{_space_dir(instance)}/thumbs/{uuid.uuid4().hex}.{ext}"


# The space that owns a folder or a file: a project, or a group (exactly one).
ONE_SPACE = models.Q(project__isnull=False, group__isnull=True) | models.Q(
    project__isnull=True, group__isnull=False
)


class Folder(RoleRights):
    """A folder, or an image album when `is_album` (albums only hold images).

    Who views it and who adds to it is its RoleRights (docs/roles.md); a new
    sub-folder starts with its parent's rights. Files at the top of the library
    belong to no folder: members see them, visitors never.
    """

    project = models.ForeignKey(
        "projects.Project",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="material_folders",
    )
    group = models.ForeignKey(
        "groups.Group",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="material_folders",
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    name = models.CharField(_("name"), max_length=120)
    is_album = models.BooleanField(_("image album"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("folder")
        verbose_name_plural = _("folders")
        constraints = [
            models.CheckConstraint(condition=~models.Q(name=""), name="folder_name_not_empty"),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")), name="folder_not_its_own_parent"
            ),
            models.CheckConstraint(condition=ONE_SPACE, name="folder_one_space"),
        ]
        indexes = [
            models.Index(fields=["project", "parent"]),
            models.Index(fields=["group", "parent"]),
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def default_rights(cls, project) -> dict:
        """Pupils add files to the folders that keep the defaults, as before."""
        return {**super().default_rights(project), "pupils_edit": True}


class Item(models.Model):
    """One uploaded file, checked by content; images are re-encoded without metadata."""

    class Kind(models.TextChoices):
        IMAGE = "image", _("Image")
        PDF = "pdf", _("PDF document")
        OFFICE = "office", _("Office document")
        AUDIO = "audio", _("Audio")
        VIDEO = "video", _("Video")

    # Indexed by the (project, ...) indexes below; one of its own lured PostgreSQL's generic
    # plan into sorting a big project's 900 files for the home's ten newest (forum.Topic).
    project = models.ForeignKey(
        "projects.Project",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="material_items",
        db_index=False,
    )
    group = models.ForeignKey(
        "groups.Group",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="material_items",
    )
    folder = models.ForeignKey(
        Folder, null=True, blank=True, on_delete=models.CASCADE, related_name="items"
    )
    name = models.CharField(_("name"), max_length=255)
    file = models.FileField(upload_to=stored_name, max_length=255)
    thumbnail = models.FileField(upload_to=thumbnail_name, max_length=255, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Sent by the uploading page with each file: a retry with the same key is one file.
    upload_key = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("file")
        verbose_name_plural = _("files")
        constraints = [
            models.CheckConstraint(condition=~models.Q(name=""), name="item_name_not_empty"),
            models.CheckConstraint(
                condition=models.Q(kind__in=["image", "pdf", "office", "audio", "video"]),
                name="item_kind_allowed",
            ),
            models.UniqueConstraint(
                fields=["project", "uploaded_by", "upload_key"],
                condition=models.Q(upload_key__isnull=False),
                name="item_upload_key_once",
            ),
            models.UniqueConstraint(
                fields=["group", "uploaded_by", "upload_key"],
                condition=models.Q(upload_key__isnull=False, group__isnull=False),
                name="item_upload_key_once_in_group",
            ),
            models.CheckConstraint(condition=ONE_SPACE, name="item_one_space"),
        ]
        indexes = [
            models.Index(fields=["project", "folder"]),
            models.Index(fields=["project", "kind"]),
            models.Index(fields=["group", "folder"]),
            # The space home's newest files: ten rows read, not a sort of the library.
            models.Index(fields=["project", "-created_at", "-id"]),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_image(self) -> bool:
        return self.kind == self.Kind.IMAGE
