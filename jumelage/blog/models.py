"""The project's journal: posts (drafts, then published) and members' comments.

A published, visible post of a project whose blog is public is the project's
public face; everything else stays inside the TwinSpace.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jumelage.projects.models import Visibility
from jumelage.twinspace.models import ModeratedContent


class PostQuerySet(models.QuerySet):
    def public(self):
        """Published and not waiting for approval nor hidden."""
        return self.filter(status=Post.Status.PUBLISHED, visibility=Visibility.PUBLISHED)


class Post(ModeratedContent):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="blog_posts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)  # sanitised HTML (RichTextField)
    # The reference language, as for the project's working languages: its code is the
    # BCP 47 tag written in lang="…"; null when the writer did not say (older posts).
    language = models.ForeignKey(
        "reference.Language",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("language of the post"),
    )
    cover = models.ImageField(_("cover image"), upload_to="blog/covers/%Y/%m/", blank=True)
    cover_alt = models.CharField(
        _("description of the cover image"),
        max_length=200,
        blank=True,
        help_text=_("For people who cannot see the image."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("blog post")
        verbose_name_plural = _("blog posts")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="blog_post_published_has_date",
            ),
        ]
        indexes = [models.Index(fields=["project", "status", "visibility", "-published_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_public_ready(self) -> bool:
        return self.is_published and self.visibility == Visibility.PUBLISHED


class Comment(ModeratedContent):
    """A member's plain-text comment on a post (never shown outside the project)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["post", "created_at"])]

    def __str__(self) -> str:
        return self.body[:50]
