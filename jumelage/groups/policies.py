"""Rules about groups that are not about one user in one group (those are GroupAccess).

Groups are for adults: teachers and support staff. Pupils never see one (404).
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from jumelage.accounts.models import User
from jumelage.accounts.policies import is_teacher, is_verified_teacher
from jumelage.network.policies import support_roles

from .access import ADULTS, GroupAccess, load_access
from .models import Group


def can_use_groups(user) -> bool:
    """Teachers (verified or not) and support staff find and read groups."""
    return bool(user.is_authenticated and user.is_active and user.kind in ADULTS)


def listed_groups(user):
    """The groups a person finds in the list and the search: `GroupAccess.can_see_group`
    as a filter (by invitation: only members and the invited)."""
    if not can_use_groups(user):
        return Group.objects.none()
    return Group.objects.filter(listed_to(user.pk)).distinct()


def listed_to(user_id: int) -> Q:
    """listed_groups' condition, for a user who may use groups (can_use_groups)."""
    mine = Q(members__user_id=user_id) | Q(invitations__invitee_id=user_id)
    return ~Q(admission=Group.Admission.INVITATION) | mine


def national_countries(user) -> set[str]:
    """The countries whose national groups this person runs: their support roles'
    countries (national office, correspondents and ambassadors alike)."""
    return {role.country_id for role in support_roles(user)}


def can_create_group(user) -> bool:
    """Verified teachers and support staff start groups; a group needs a trusted founder."""
    return is_verified_teacher(user) or bool(
        user.is_authenticated and user.is_active and user.kind == User.Kind.STAFF
    )


def join_refusal(access: GroupAccess) -> str | None:
    """Why this person may not join this group now, or None."""
    if access.is_member:
        return _("You are already a member of this group.")
    if not access.is_adult:
        return _("Groups are for teachers and support staff.")
    admission = access.group.admission
    if admission == Group.Admission.INVITATION and not access.is_invited:
        return _("This group takes new members by invitation only.")
    if admission == Group.Admission.VERIFIED and not (
        is_verified_teacher(access.user) or access.user.kind == User.Kind.STAFF
    ):
        return _(
            "This group is for verified teachers: it opens to you once your school "
            "and registration are verified."
        )
    return None


def invitee_refusal(group: Group, invitee) -> str | None:
    """Why this person cannot be invited into the group, or None."""
    if invitee is None or not invitee.is_active or invitee.kind not in ADULTS:
        return _("Only teachers and support staff can be invited into a group.")
    if group.members.filter(user=invitee).exists():
        return _("This person is already a member.")
    if group.invitations.filter(invitee=invitee).exists():
        return _("This person is already invited.")
    return None


def can_be_moderator(user) -> bool:
    """Moderators are teachers or support staff."""
    return is_teacher(user) or user.kind == User.Kind.STAFF


def group_feed_is_live(feed_token) -> bool:
    """A group's feed serves only a member's token: one who left, or was deactivated,
    has a dead address (as calendar.policies.feed_is_live for a project's)."""
    if feed_token.group_id is None or not feed_token.user.is_active:
        return False
    access = load_access(feed_token.user, feed_token.group_id)
    return access is not None and access.can_view_space
