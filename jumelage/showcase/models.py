"""A project's showcase: the teachers' choices for its static site, and the last build."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Showcase(models.Model):
    """One per project. The site itself lives in default storage under `storage_dir`.

    `files` lists every relative path of the last build: the public URL serves only
    these, so no path the visitor types can reach anything else in storage.
    """

    class State(models.TextChoices):
        NONE = "none", _("Not generated yet")
        QUEUED = "queued", _("Being generated")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Generation failed")

    project = models.OneToOneField(
        "projects.Project", on_delete=models.CASCADE, primary_key=True, related_name="showcase"
    )
    include_blog = models.BooleanField(_("include the blog's published posts"), default=True)
    pages = models.ManyToManyField(
        "wiki.Page", blank=True, related_name="+", verbose_name=_("pages to include")
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.NONE)
    build = models.CharField(max_length=32, blank=True)  # folder of the last build
    files = models.JSONField(default=list, blank=True)
    generated_at = models.DateTimeField(null=True, blank=True)
    published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("static site")
        verbose_name_plural = _("static sites")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(published=False)
                | (models.Q(generated_at__isnull=False) & ~models.Q(build="")),
                name="showcase_published_was_generated",
            ),
        ]

    def __str__(self) -> str:
        return f"showcase of project {self.project_id}"

    @property
    def storage_dir(self) -> str:
        return f"showcase/{self.project_id}/{self.build}"

    @property
    def zip_path(self) -> str:
        return f"{self.storage_dir}/site.zip"

    def site_path(self, relative: str) -> str:
        return f"{self.storage_dir}/site/{relative}"
