"""Groups: communities of teachers by subject, theme or interest, beyond one project.

A group is a *space* like a project's TwinSpace: its forum topics and library
files are the forum's and the materials' own rows, owned by the group instead
of a project (docs/groups.md). Only adults belong to groups: pupils never see them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Group(models.Model):
    class Admission(models.TextChoices):
        OPEN = "open", _("Open to every teacher")
        VERIFIED = "verified", _("Verified teachers only")
        INVITATION = "invitation", _("By invitation")

    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("what the group is about"), max_length=2000, blank=True)
    subjects = models.ManyToManyField("reference.Subject", blank=True, verbose_name=_("subjects"))
    admission = models.CharField(
        _("who may join"), max_length=10, choices=Admission.choices, default=Admission.OPEN
    )
    # A national group, run by the country's support office or its ambassadors.
    country = models.ForeignKey(
        "reference.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name=_("national group of"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        constraints = [
            models.CheckConstraint(condition=~models.Q(name=""), name="groups_group_name"),
            models.CheckConstraint(
                condition=models.Q(admission__in=["open", "verified", "invitation"]),
                name="groups_group_admission",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    # A group never closes: its space always takes new content (materials asks).
    is_active = True


class Member(models.Model):
    """A teacher or a support staff member in a group; moderators look after it."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        MODERATOR = "moderator", _("Moderator")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["joined_at", "pk"]
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="groups_member_once"),
            models.CheckConstraint(
                condition=models.Q(role__in=["member", "moderator"]), name="groups_member_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.group_id}"

    @property
    def is_moderator(self) -> bool:
        return self.role == self.Role.MODERATOR


class Invitation(models.Model):
    """A moderator invites a teacher into a group; the teacher accepts or not."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="invitations")
    invitee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("group invitation")
        verbose_name_plural = _("group invitations")
        constraints = [
            models.UniqueConstraint(fields=["group", "invitee"], name="groups_invitation_once"),
        ]

    def __str__(self) -> str:
        return f"{self.invitee_id} invited to {self.group_id}"
