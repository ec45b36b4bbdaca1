"""Projects: founded by two teachers of two countries, approved, then run together."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Visibility(models.TextChoices):
    """Where a contribution to a TwinSpace stands; who sees which: projects.access."""

    PUBLISHED = "published", _("Published")
    PENDING = "pending", _("Waiting for a teacher's approval")
    HIDDEN = "hidden", _("Hidden by a teacher")


class RoleRights(models.Model):
    """Who views and who edits one page or section, by role (docs/roles.md).

    The project's teachers always view and edit; guests view; nobody else does
    anything unless a right below says so. Until a teacher sets the rights of this
    page or section (`own_rights`), they follow the project's settings through the
    model's `default_rights(project)`, so changing a setting changes every page
    that kept the defaults. Checked in one place: projects.access.ProjectAccess.
    """

    own_rights = models.BooleanField(
        _("own rights, not the project's defaults"), default=False, db_default=False
    )
    # Database defaults too: rows written by SQL (bench/platform_generate.py, an operator's
    # import) get the same rights as rows saved by Django.
    pupils_view = models.BooleanField(_("pupils may view"), default=True, db_default=True)
    pupils_edit = models.BooleanField(_("pupils may edit"), default=False, db_default=False)
    pupil_admins_view = models.BooleanField(
        _("pupil administrators may view"), default=True, db_default=True
    )
    pupil_admins_edit = models.BooleanField(
        _("pupil administrators may edit"), default=True, db_default=True
    )
    visitors_view = models.BooleanField(_("visitors may view"), default=False, db_default=False)

    RIGHTS = (
        "pupils_view",
        "pupils_edit",
        "pupil_admins_view",
        "pupil_admins_edit",
        "visitors_view",
    )

    class Meta:
        abstract = True

    @classmethod
    def default_rights(cls, project) -> dict:
        """The rights a page or section follows while it has none of its own."""
        return {
            "pupils_view": True,
            "pupils_edit": False,
            "pupil_admins_view": True,
            "pupil_admins_edit": True,
            "visitors_view": project.open_to_visitors,
        }

    def rights_for_archive(self) -> dict:
        """The rights as a project archive keeps them (portability)."""
        return {name: getattr(self, name) for name in ("own_rights", *self.RIGHTS)}

    @classmethod
    def rights_from_archive(cls, data) -> dict:
        """Model fields from an archive's rights; anything unknown or not a boolean is dropped."""
        data = data if isinstance(data, dict) else {}
        names = ("own_rights", *cls.RIGHTS)
        return {k: v for k, v in data.items() if k in names and isinstance(v, bool)}

    def rights(self, project) -> dict:
        if self.own_rights:
            return {name: getattr(self, name) for name in self.RIGHTS}
        return self.default_rights(project)


class Project(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        AWAITING_COFOUNDER = "awaiting_cofounder", _("Awaiting the co-founder")
        AWAITING_APPROVAL = "awaiting_approval", _("Awaiting approval")
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")
        ARCHIVED = "archived", _("Archived")

    READ_ONLY_STATUSES = (Status.CLOSED, Status.ARCHIVED)  # kept for reading, edited by nobody

    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    subjects = models.ManyToManyField("reference.Subject", verbose_name=_("subjects"))
    languages = models.ManyToManyField("reference.Language", verbose_name=_("working languages"))
    age_min = models.PositiveSmallIntegerField(_("youngest pupils' age"))
    age_max = models.PositiveSmallIntegerField(_("oldest pupils' age"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    productions = models.ManyToManyField(
        "reference.ProductionType", blank=True, verbose_name=_("planned final productions")
    )
    kit = models.ForeignKey(
        "kits.Kit", null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("kit")
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="created_projects",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    activated_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    # TwinSpace settings chosen by the project's admins.
    blog_public = models.BooleanField(_("the blog is public"), default=True)
    pupils_need_approval = models.BooleanField(
        _("pupils' contributions wait for a teacher's approval"), default=True
    )
    pupils_may_edit_pages = models.BooleanField(_("pupils may edit pages"), default=False)
    # Defaults of the per-page and per-folder rights (RoleRights), and the forum's.
    pupils_may_start_topics = models.BooleanField(
        _("pupils may open forum topics (otherwise they reply)"), default=False, db_default=False
    )
    open_to_visitors = models.BooleanField(
        _("new pages and folders are open to visitors"), default=False, db_default=False
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(age_min__lte=models.F("age_max")), name="project_age_order"
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gt=models.F("start_date")),
                name="project_end_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-created_at"]),
            # The public directory: active projects, newest first, a page at a time.
            models.Index(fields=["status", "-activated_at", "-id"], name="project_directory"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("projects:detail", args=[self.pk])

    def get_members_url(self) -> str:
        from django.urls import reverse

        return reverse("projects:members", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def is_read_only(self) -> bool:
        return self.status in self.READ_ONLY_STATUSES


class Membership(models.Model):
    """A person in a project, with a role; founders are admins acting for one school."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        TEACHER = "teacher", _("Teacher member")
        PUPIL = "pupil", _("Pupil")
        GUEST = "guest", _("Guest (read only)")
        VISITOR = "visitor", _("Visitor (read only, sees what is opened to visitors)")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    school = models.ForeignKey(
        "schools.School", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("school")
    )
    is_founder = models.BooleanField(default=False)
    # For pupils: the teacher member who created and looks after them.
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A pupil a teacher promoted: creates pages, opens topics, helps moderate pupils.
    pupil_admin = models.BooleanField(_("pupil administrator"), default=False, db_default=False)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="one_membership_per_project"),
            models.CheckConstraint(
                condition=models.Q(is_founder=False) | models.Q(role="admin", school__isnull=False),
                name="founder_is_admin_for_a_school",
            ),
            models.CheckConstraint(
                condition=models.Q(pupil_admin=False) | models.Q(role="pupil"),
                name="only_pupils_are_pupil_admins",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "project"]),
            # The directory by country: the projects of a country's schools' teachers, read
            # from this index alone instead of 3.5 M memberships, pupils' included.
            models.Index(
                fields=["school", "project"],
                condition=models.Q(role__in=["admin", "teacher"]),
                name="membership_teacher_school",
            ),
            # The space home counts a project's members by role (index only) and names its
            # first adults without reading the pupils' rows (977 for 31 in the biggest).
            models.Index(fields=["project", "role"], name="membership_project_role"),
            models.Index(
                fields=["project"],
                condition=~models.Q(role="pupil"),
                name="membership_project_adults",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.project} ({self.role})"

    @property
    def is_teacher(self) -> bool:
        return self.role in (self.Role.ADMIN, self.Role.TEACHER)


class Approval(models.Model):
    """The decision of one founding country's support office on a submitted project."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting decision")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="approvals")
    country = models.ForeignKey(
        "reference.Country", on_delete=models.PROTECT, verbose_name=_("country")
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField()

    class Meta:
        ordering = ["submitted_at", "id"]
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")
        constraints = [
            models.UniqueConstraint(fields=["project", "country"], name="one_approval_per_country"),
            models.CheckConstraint(
                condition=~models.Q(status="rejected", reason=""),
                name="rejection_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["country", "status"])]

    def __str__(self) -> str:
        return f"{self.project} — {self.country_id}: {self.status}"


class Invitation(models.Model):
    """An invitation to found (the co-founder) or to join a project, answered with a token."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        REVOKED = "revoked", _("Revoked")
        EXPIRED = "expired", pgettext_lazy("invitation", "Expired")

    class Role(models.TextChoices):
        COFOUNDER = "cofounder", _("Co-founder")
        TEACHER = "teacher", _("Teacher member")
        GUEST = "guest", _("Guest (read only)")
        VISITOR = "visitor", _("Visitor (read only, sees what is opened to visitors)")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    invitee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="project_invitations",
    )
    email = models.EmailField(_("email address"), blank=True)
    token = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(invitee__isnull=False) | ~models.Q(email=""),
                name="invitation_has_someone",
            ),
            models.UniqueConstraint(
                fields=["project"],
                condition=models.Q(role="cofounder", status="pending"),
                name="one_pending_cofounder_invitation",
            ),
            # Concurrent invitations of one person: the database keeps one (issue 13).
            models.UniqueConstraint(
                fields=["project", "invitee"],
                condition=models.Q(status="pending", invitee__isnull=False),
                name="one_pending_invitation_per_account",
            ),
            models.UniqueConstraint(
                "project",
                Lower("email"),
                condition=models.Q(status="pending", invitee__isnull=True),
                name="one_pending_invitation_per_address",
            ),
        ]
        indexes = [models.Index(fields=["invitee", "status"])]

    def __str__(self) -> str:
        return f"{self.project}: {self.invitee or self.email} ({self.role})"

    @property
    def is_expired(self) -> bool:
        from django.utils import timezone

        return self.expires_at <= timezone.now()

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.PENDING and not self.is_expired


class PupilAccount(models.Model):
    """Who created a pupil account, and since when no project holds it (for retention)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pupil_account"
    )
    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("pupil account")
        verbose_name_plural = _("pupil accounts")
        indexes = [models.Index(fields=["released_at"])]

    def __str__(self) -> str:
        return str(self.user)


class DeletionNotice(models.Model):
    """A notice sent to an archived project's admins before it is deleted, once per stage.

    The unique constraint is what makes the daily retention run send each notice
    once, even when two runs overlap (projects/retention.py).
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="deletion_notices")
    # Days left before the deletion when this stage is due (30, then 7 by default).
    days_before = models.PositiveSmallIntegerField()
    # The deletion date announced: a project unarchived and archived again gets new notices.
    deletion_due = models.DateTimeField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("deletion notice")
        verbose_name_plural = _("deletion notices")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "days_before", "deletion_due"],
                name="one_deletion_notice_per_stage",
            )
        ]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.days_before} days before {self.deletion_due:%Y-%m-%d}"
