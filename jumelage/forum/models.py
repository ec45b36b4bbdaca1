"""The project's forum: topics, replies and who follows them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jumelage.projects.models import RoleRights
from jumelage.twinspace.models import ModeratedContent


class Category(RoleRights):
    """A section of a project's forum, with its rights by role (docs/roles.md).

    View: the category and its topics; edit: post in it (reply; opening a topic also
    needs `policies.can_start_topic`). Topics without a category ("General") follow the
    project's defaults. Groups' forums have no categories.
    """

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="forum_categories"
    )
    title = models.CharField(_("title"), max_length=120)
    position = models.PositiveIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("forum category")
        verbose_name_plural = _("forum categories")
        constraints = [
            models.CheckConstraint(condition=~models.Q(title=""), name="forum_category_title"),
        ]
        indexes = [models.Index(fields=["project", "position"])]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def default_rights(cls, project) -> dict:
        """Pupils reply in the categories that keep the defaults, as in the whole forum."""
        return {**super().default_rights(project), "pupils_edit": True}


class Topic(ModeratedContent):
    """A discussion; its opening message is the topic's body."""

    # The space that owns the topic: a project, or a group (exactly one, see Meta).
    # Indexed by (project, newest first) and (project, sticky, activity) below: an index of
    # its own lured PostgreSQL's generic plan (prepared statements) into sorting all of a
    # big project's topics for the home's ten newest (0.2 → 4.5 ms).
    project = models.ForeignKey(
        "projects.Project",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="forum_topics",
        db_index=False,
    )
    group = models.ForeignKey(
        "groups.Group", null=True, blank=True, on_delete=models.CASCADE, related_name="forum_topics"
    )
    # None: "General", which follows the project's defaults (a group's topics always).
    category = models.ForeignKey(
        Category,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="topics",
        verbose_name=_("category"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"))  # sanitised HTML (RichTextField)
    sticky = models.BooleanField(_("pinned at the top"), default=False)
    locked = models.BooleanField(_("locked"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    last_activity_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sticky", "-last_activity_at", "-pk"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [
            models.CheckConstraint(condition=~models.Q(title=""), name="forum_topic_title"),
            models.CheckConstraint(
                condition=models.Q(project__isnull=False, group__isnull=True)
                | models.Q(project__isnull=True, group__isnull=False),
                name="forum_topic_one_space",
            ),
            # Categories are a project's: a group's topics have none.
            models.CheckConstraint(
                condition=models.Q(category__isnull=True) | models.Q(group__isnull=True),
                name="forum_topic_category_in_project",
            ),
        ]
        indexes = [
            models.Index(fields=["project", "-sticky", "-last_activity_at"]),
            models.Index(fields=["group", "-sticky", "-last_activity_at"]),
            # The space home's newest topics: ten rows read, not a scan of the project's.
            models.Index(fields=["project", "-created_at", "-id"]),
        ]

    def __str__(self) -> str:
        return self.title


class Post(ModeratedContent):
    """A reply in a topic."""

    # Moderation shows a reply with its topic (twinspace.content); `project` is a copy.
    moderation_project_path = "topic__project"

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="posts")
    # The topic's project, copied on save: the TwinSpace home's "latest replies" reads one
    # index range (project, -created_at) instead of every reply of every topic. None in a
    # group's topics.
    project = models.ForeignKey(
        "projects.Project",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.CASCADE,
        related_name="+",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("message"))  # sanitised HTML (RichTextField)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    # The reply's outbox entry: its followers are still to be told. Written with the
    # reply (or its approval); tasks.follow_up tells them and clears it in one
    # transaction, off the posting path; tasks.sweep_follow_ups retries a lost task.
    # The database's default too: web nodes still on the previous release, which
    # know nothing of it, keep writing replies while the others are upgraded.
    follow_up = models.BooleanField(default=False, db_default=False, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        indexes = [
            models.Index(fields=["topic", "created_at"]),
            models.Index(fields=["project", "-created_at"]),
            # The sweep's rows only (a handful among millions): a read a minute, no scan.
            models.Index(
                fields=["created_at"],
                condition=models.Q(follow_up=True),
                name="forum_post_follow_up",
            ),
        ]

    def __str__(self) -> str:
        return f"Reply #{self.pk}"

    def save(self, *args, **kwargs):
        if self._state.adding and self.project_id is None:
            self.project_id = self.topic.project_id
        super().save(*args, **kwargs)


class Follow(models.Model):
    """A member who wants a notification when someone replies."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["topic", "user"], name="forum_follow_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.topic_id}"
