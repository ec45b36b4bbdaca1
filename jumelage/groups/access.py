"""Access to one group, resolved once per request: the group's side of the space interface.

`GroupAccess` answers the questions the TwinSpace tools ask of their access
object (forum and materials policies and services, twinspace moderation), with
the same names and meanings as `projects.access.ProjectAccess`: `user`,
`user_id`, `is_teacher` (here: a moderator), `can_view_space`, `can_contribute`,
`can_moderate`, `needs_approval()`, `can_see(content)`, `visible(prefix)`,
`owner` (the foreign key new content gets) and `is_open`. `project` is None: a
group is a space of its own, so nothing a tool writes is filed under a project.

`group_view` is `project_view`'s twin: it loads the group and the visitor's
membership in one query, refuses pupils and every rule that does not hold with
a 404, and sets `request.group` and `request.access`.
"""

from dataclasses import dataclass, field
from functools import cached_property, wraps

from django.contrib.auth.views import redirect_to_login
from django.db.models import Q
from django.http import Http404

from jumelage.accounts.models import User
from jumelage.projects.access import ProjectAccess

from .models import Group, Invitation, Member

ADULTS = (User.Kind.TEACHER, User.Kind.STAFF)


@dataclass(frozen=True)
class GroupAccess:
    group: Group
    user_id: int | None
    membership: Member | None
    user: object = field(default=None, compare=False, repr=False)

    project = None  # a group is not filed under any project

    # --- Who the user is in the group ---------------------------------------------

    @property
    def is_adult(self) -> bool:
        """Teachers and support staff: the only people groups are for."""
        return self.user is not None and self.user.is_active and self.user.kind in ADULTS

    @property
    def is_member(self) -> bool:
        return self.membership is not None and self.is_adult

    @property
    def is_moderator(self) -> bool:
        return self.is_member and self.membership.is_moderator

    @cached_property
    def is_invited(self) -> bool:
        if not self.is_adult:
            return False
        return Invitation.objects.filter(group=self.group, invitee_id=self.user_id).exists()

    @cached_property
    def can_see_group(self) -> bool:
        """The group's page: members; any teacher or staff member unless it is by
        invitation, where only the invited see it. Pupils never."""
        if self.is_member:
            return True
        if not self.is_adult:
            return False
        return self.group.admission != Group.Admission.INVITATION or self.is_invited

    # --- The space interface shared with ProjectAccess ---------------------------

    @property
    def is_teacher(self) -> bool:
        """Who has a project teacher's powers over content here: the moderators."""
        return self.is_moderator

    @property
    def can_view_space(self) -> bool:
        """The forum, library and member list: members only."""
        return self.is_member

    @property
    def can_visit(self) -> bool:
        """A group has no visitors: what members see is all there is."""
        return self.is_member

    # Groups are for adults: no pupils, pupil administrators, guests or visitors.
    is_visitor = is_pupil_admin = is_guest = False

    @property
    def can_contribute(self) -> bool:
        return self.is_member

    @property
    def can_moderate_pupils(self) -> bool:
        return self.is_moderator

    def can_hide_pupil_content(self, content) -> bool:
        """No pupils write in a group, so no pupil administrator hides anything."""
        return False

    def name_of(self, user) -> str:
        return "" if user is None else str(user)

    # --- Per-section rights: they open sections to pupils and visitors, who are not here

    def can_view_section(self, section) -> bool:
        return self.is_member

    def can_edit_section(self, section) -> bool:
        return self.can_contribute

    def viewable_sections(self, model, prefix: str = "") -> Q:
        return Q() if self.is_member else Q(pk__in=[])

    can_set_rights = False

    @property
    def can_moderate(self) -> bool:
        return self.is_moderator

    def needs_approval(self, *, also: bool = False) -> bool:
        """Members are adults: what they write is published at once."""
        return False

    # The platform's one rule on hidden content, written once in ProjectAccess and
    # shared as is: published for members; hidden or pending for the moderators
    # (`is_teacher`) and the author, marked as such.
    can_see = ProjectAccess.can_see
    visible = ProjectAccess.visible

    @property
    def owner(self) -> dict:
        return {"group": self.group}

    @property
    def is_open(self) -> bool:
        return True

    # --- Membership ----------------------------------------------------------------

    @property
    def can_leave(self) -> bool:
        """Members leave; the services keep at least one moderator."""
        return self.is_member

    @property
    def can_invite(self) -> bool:
        return self.is_moderator

    @property
    def can_manage_events(self) -> bool:
        """Moderators put the group's meetings and workshops in its calendar."""
        return self.is_moderator

    @property
    def can_manage_members(self) -> bool:
        """Moderators make other members moderators."""
        return self.is_moderator


def load_access(user, group_id: int) -> GroupAccess | None:
    """Group and access in one query for a member, two for anyone else; None: no group."""
    membership = None
    if user.is_authenticated and user.is_active:
        membership = Member.objects.select_related("group").filter(group_id=group_id, user=user)
        membership = membership.first()
    if membership is not None:
        group = membership.group
    else:
        group = Group.objects.filter(pk=group_id).first()
        if group is None:
            return None
    signed_in = user.is_authenticated
    return GroupAccess(
        group, user.pk if signed_in else None, membership, user if signed_in else None
    )


def group_view(permission="can_view_space"):
    """Every view of a group: load it and the user's access once, or refuse with a 404.

    Anonymous visitors log in first (for any id, so the answer says nothing);
    `permission` names a GroupAccess rule or is a function (access) -> bool.
    """

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, group_id, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            access = load_access(request.user, group_id)
            if access is None or not access.can_see_group:
                raise Http404
            allowed = permission(access) if callable(permission) else getattr(access, permission)
            if not allowed:
                raise Http404
            request.group = access.group
            request.access = access
            return view(request, *args, group_id=group_id, **kwargs)

        return wrapper

    return decorate
