"""Writes about groups and their members: one transaction each, audited.

The service contract, as everywhere: the view resolved the access (group_view)
and refused with a 404 what the visitor may not see; these functions receive
that access, check the state of things (already a member, the last moderator,
an invitation) and raise `Refused` with a sentence the view shows.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from jumelage.audit.services import record
from jumelage.core.errors import Refused
from jumelage.notifications.models import Notification
from jumelage.notifications.services import notify
from jumelage.twinspace import services as twinspace_services
from jumelage.twinspace.models import Report
from jumelage.twinspace.reporting import kind_label

from . import panels, policies
from .access import GroupAccess
from .models import Group, Invitation, Member


@transaction.atomic
def create_group(
    user, *, name: str, description: str = "", admission: str, subjects=(), country=None
) -> Group:
    """A new group whose founder is its first moderator; a national group needs a
    support role in its country."""
    if not policies.can_create_group(user):
        raise Refused(_("Only verified teachers and support staff start groups."))
    if country is not None and country.pk not in policies.national_countries(user):
        raise Refused(_("Only the support network of a country runs its national groups."))
    group = Group.objects.create(
        name=name, description=description, admission=admission, country=country, created_by=user
    )
    group.subjects.set(subjects)
    Member.objects.create(group=group, user=user, role=Member.Role.MODERATOR)
    record(user, "groups.create", group, country=country, name=name)
    return group


@transaction.atomic
def join(access: GroupAccess) -> Member:
    """Join an open group, a verified teachers' group, or one you were invited to."""
    refusal = policies.join_refusal(access)
    if refusal:
        raise Refused(refusal)
    member = Member.objects.create(group=access.group, user=access.user)
    Invitation.objects.filter(group=access.group, invitee=access.user).delete()
    record(access.user, "groups.join", access.group)
    panels.forget_suggestions(access.user_id)
    return member


@transaction.atomic
def leave(access: GroupAccess) -> None:
    """Leave the group; its last moderator stays while others remain."""
    group = Group.objects.select_for_update().get(pk=access.group.pk)
    others = group.members.exclude(user_id=access.user_id)
    if (
        access.is_moderator
        and others.exists()
        and not others.filter(role=Member.Role.MODERATOR).exists()
    ):
        raise Refused(_("Make another member a moderator before you leave: a group needs one."))
    group.members.filter(user_id=access.user_id).delete()
    record(access.user, "groups.leave", group)
    panels.forget_suggestions(access.user_id)


@transaction.atomic
def invite(access: GroupAccess, invitee) -> Invitation:
    """A moderator invites a teacher or staff member, who hears of it."""
    refusal = policies.invitee_refusal(access.group, invitee)
    if refusal:
        raise Refused(refusal)
    invitation = Invitation.objects.create(
        group=access.group, invitee=invitee, invited_by=access.user
    )
    record(access.user, "groups.invite", access.group, subject_user=invitee)
    url = reverse("groups:detail", kwargs={"group_id": access.group.pk})
    with translation.override(invitee.language or "en"):
        title = _("You are invited to the group “%(name)s”") % {"name": access.group.name}
    transaction.on_commit(lambda: notify(invitee, Notification.Kind.INVITATION, title[:255], url))
    return invitation


@transaction.atomic
def make_moderator(access: GroupAccess, member: Member) -> None:
    if member.group_id != access.group.pk or member.is_moderator:
        raise Refused(_("This member is already a moderator."))
    if not policies.can_be_moderator(member.user):
        raise Refused(_("Moderators are teachers or support staff."))
    member.role = Member.Role.MODERATOR
    member.save(update_fields=["role"])
    record(access.user, "groups.moderator", access.group, subject_user=member.user)


@transaction.atomic
def report(access: GroupAccess, content, reason: str) -> Report:
    """A member reports a topic or reply to the group's moderators: a row of the group's
    report queue (`twinspace.services.report`, the project's code path, audited) and,
    after commit, an in-app notice to every moderator but the reporter, linking to it."""
    group, reporter = access.group, access.user
    entry = twinspace_services.report(access, content, reason)
    moderators = (
        Member.objects.filter(group=group, role=Member.Role.MODERATOR)
        .exclude(user_id=reporter.pk)
        .select_related("user")
    )
    url = reverse("groups:reports", kwargs={"group_id": group.pk})
    notices = []
    for member in moderators:
        with translation.override(member.user.reading_language):
            values = {"kind": kind_label(type(content)), "project": group.name}
            notices.append((member.user, _("Reported in %(project)s: %(kind)s") % values))

    def tell():
        for user, title in notices:
            notify(user, Notification.Kind.APPROVAL, title[:255], url)

    transaction.on_commit(tell)
    return entry


def hide_reported(access: GroupAccess, entry: Report) -> None:
    """Hide the reported content: the TwinSpace's moderation, which also closes every
    open report on it (audited)."""
    twinspace_services.moderate(access, entry.target, "hide")


def dismiss_report(access: GroupAccess, entry: Report) -> None:
    """Close the report; the content stays as it is (audited)."""
    if entry.resolved_at is None:
        twinspace_services.resolve_report(access, entry)
