"""The project's pages: a tree (one page per activity or step), every save a revision."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jumelage.core.reversing import ROW, fixed_url
from jumelage.projects.models import RoleRights, Visibility
from jumelage.twinspace.models import ModeratedContent


class Page(ModeratedContent, RoleRights):
    """The current state of a page; its history is in Revision.

    Who views and edits it is its RoleRights (the project's defaults until a teacher
    sets its own); an archived page is kept for reading and edited by nobody.

    `version` is the number of the latest revision: an edit made from an older
    version is refused (optimistic concurrency) instead of overwriting a save.
    """

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="pages")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        verbose_name=_("parent page"),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)  # sanitised HTML
    version = models.PositiveIntegerField(default=1)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The kit step this page was created from, so activation never creates it twice.
    kit_step = models.ForeignKey(
        "kits.KitStep", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")), name="wiki_page_not_own_parent"
            ),
            models.UniqueConstraint(
                fields=["project", "kit_step"],
                condition=models.Q(kit_step__isnull=False),
                name="wiki_one_page_per_kit_step",
            ),
        ]
        indexes = [models.Index(fields=["project", "parent", "position"])]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def default_rights(cls, project) -> dict:
        """Pupils edit the pages that keep the defaults when the admins allow it."""
        return {**super().default_rights(project), "pupils_edit": project.pupils_may_edit_pages}

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def get_absolute_url(self) -> str:
        return fixed_url("wiki:detail", project_id=self.project_id, page_id=ROW).format(self.pk)


class Revision(models.Model):
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="revisions")
    # The page's project, copied when the revision is made (a page never changes project):
    # the space home's newest edits read the project's revisions by one index, not
    # through every page of the project.
    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="+", editable=False
    )
    number = models.PositiveIntegerField()
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when this revision brings back an older one.
    restored_from = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            models.UniqueConstraint(fields=["page", "number"], name="wiki_revision_number_unique"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="wiki_revision_number_positive"
            ),
        ]
        indexes = [models.Index(fields=["project", "-created_at", "-id"])]

    def __str__(self) -> str:
        return f"{self.page_id} r{self.number}"

    def get_absolute_url(self) -> str:
        return f"{self.page.get_absolute_url()}#revision-{self.pk}"

    def save(self, *args, **kwargs):
        if self.project_id is None:
            self.project_id = self.page.project_id
        super().save(*args, **kwargs)


class PageEdit(ModeratedContent):
    """A change to a published page, made by someone whose contributions wait for approval.

    The page keeps showing its approved text; a teacher's approval applies the change
    as a new revision credited to its author (twinspace.services.set_visibility calls
    on_moderated). Hiding it rejects it. A restore proposed this way sets restored_from.
    """

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="proposed_edits")
    base_version = models.PositiveIntegerField()
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)  # sanitised HTML
    parent = models.ForeignKey(
        Page, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    position = models.PositiveIntegerField(default=0)
    restored_from = models.PositiveIntegerField(null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    moderation_project_path = "page__project"

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("proposed page edit")
        verbose_name_plural = _("proposed page edits")
        indexes = [models.Index(fields=["page", "visibility"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(base_version__gte=1), name="wiki_page_edit_base_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{self.page.get_absolute_url()}#edit-{self.pk}"

    def on_moderated(self, actor, previous) -> None:
        """Approving applies the change to the page (see services.apply_page_edit)."""
        from .services import apply_page_edit

        if self.visibility == Visibility.PUBLISHED:
            apply_page_edit(self, actor)
