"""Access to one project, resolved once per request and once per WebSocket connection.

In the spirit of pretix's PermissionMiddleware: `project_view` loads the project
from the URL, builds a `ProjectAccess` from ONE membership query, stores both on
the request (`request.project`, `request.access`) and refuses with a 404 unless
the permission the view declares holds, so an outsider learns nothing about a
private project. Views then ask `request.access.<rule>`; nothing asks the
database for the membership again.

Object rules and their queryset forms live side by side: `can_see(content)` and
`visible(prefix)` are one rule, written once.

Hidden and pending content (decided once for every TwinSpace tool: wiki, forum,
blog, comments, chat): the project's teachers see it all; the **author** also sees
their own pending or hidden contribution, marked as such, so a pupil whose post
waits for approval, or was hidden, knows what happened to it instead of seeing
it vanish. Everyone else sees published content only.
"""

from dataclasses import dataclass, field
from functools import cached_property, wraps

from django.contrib.auth.views import redirect_to_login
from django.db.models import Q
from django.http import Http404

from jumelage.core.prepared import Prepared, count_of
from jumelage.network.policies import can_verify_for

from . import queries
from .models import Membership, Project, Visibility

VISIBLE_TO_MEMBERS = frozenset(
    {Project.Status.ACTIVE, Project.Status.CLOSED, Project.Status.ARCHIVED}
)
# The offices examine the project while it awaits approval: nobody edits it then.
EDITABLE = frozenset(
    {Project.Status.DRAFT, Project.Status.AWAITING_COFOUNDER, Project.Status.ACTIVE}
)


@dataclass(frozen=True)
class ProjectAccess:
    """What one user may see and do in one project; the membership is fetched once."""

    project: Project
    user_id: int | None
    membership: Membership | None
    # The request's user (None for an anonymous visitor): services record it as the actor.
    user: object = field(default=None, compare=False, repr=False)

    # --- Who the user is in the project -----------------------------------------

    @property
    def role(self) -> str | None:
        return self.membership.role if self.membership else None

    @property
    def is_member(self) -> bool:
        return self.membership is not None

    @property
    def is_teacher(self) -> bool:
        """Admins and teacher members: the project's teachers."""
        return bool(self.membership and self.membership.is_teacher)

    @property
    def is_admin(self) -> bool:
        return self.role == Membership.Role.ADMIN

    @property
    def is_pupil(self) -> bool:
        return self.role == Membership.Role.PUPIL

    @property
    def is_guest(self) -> bool:
        return self.role == Membership.Role.GUEST

    @property
    def is_founder(self) -> bool:
        return bool(self.membership and self.membership.is_founder)

    @property
    def is_pupil_admin(self) -> bool:
        """A pupil a teacher promoted (docs/roles.md): never manages members or settings."""
        return self.is_pupil and self.membership.pupil_admin

    @property
    def is_visitor(self) -> bool:
        """A read-only outsider (inspector, parent association): sees what is opened to them."""
        return self.role == Membership.Role.VISITOR

    # --- The TwinSpace -----------------------------------------------------------

    @property
    def can_view_space(self) -> bool:
        """Members see the space of an active, closed or archived project; admins before.

        Visitors are not members of the space: they see only the pages and sections
        opened to them (`can_visit`, `can_view_section`).
        """
        if self.membership is None or self.is_visitor:
            return False
        return self.project.status in VISIBLE_TO_MEMBERS or self.is_admin

    @property
    def can_visit(self) -> bool:
        """The views that show visitors what was opened to them: the members, and visitors."""
        if self.is_visitor:
            return self.project.status in VISIBLE_TO_MEMBERS
        return self.can_view_space

    @property
    def can_contribute(self) -> bool:
        """Write in the space: members who are not guests, while the project is active."""
        return self.can_view_space and self.project.is_active and not self.is_guest

    @property
    def can_moderate(self) -> bool:
        """Hide, restore and approve: the project's teachers, while it is active."""
        return self.is_teacher and self.project.is_active

    @property
    def can_moderate_pupils(self) -> bool:
        """Teachers, and pupil administrators for the other pupils' published contributions."""
        return self.can_moderate or (self.is_pupil_admin and self.project.is_active)

    def can_hide_pupil_content(self, content) -> bool:
        """A pupil administrator hides another pupil's published contribution.

        Teachers see the hidden content and restore or approve it; a pupil
        administrator never sees others' pending or hidden content, so hiding is
        all they do.
        """
        if not (self.can_moderate_pupils and not self.is_teacher):
            return False
        author = getattr(content, "author", None)
        return (
            content.visibility == Visibility.PUBLISHED
            and author is not None
            and author.is_pupil
            and author.pk != self.user_id
        )

    def name_of(self, user) -> str:
        """How a person is named to this reader: visitors never see a pupil's surname."""
        if user is None:
            return ""
        if self.is_visitor and user.is_pupil:
            first = str(user).split()
            return first[0] if first else ""
        return str(user)

    # --- Per-page and per-section rights (RoleRights) --------------------------------

    def _rights(self, section) -> dict:
        return section.rights(self.project)

    def can_view_section(self, section) -> bool:
        """View a page, folder or category: teachers and guests always; others by its rights."""
        if not self.can_visit:
            return False
        if self.is_teacher or self.is_guest:
            return True
        rights = self._rights(section)
        if self.is_visitor:
            return rights["visitors_view"]
        if self.is_pupil_admin:
            return rights["pupil_admins_view"]
        return rights["pupils_view"]

    def can_edit_section(self, section) -> bool:
        """Edit (or add to) a page or section: teachers always; pupils by its rights."""
        if not (self.can_contribute and self.can_view_section(section)):
            return False
        if self.is_teacher:
            return True
        rights = self._rights(section)
        return rights["pupil_admins_edit"] if self.is_pupil_admin else rights["pupils_edit"]

    def viewable_sections(self, model, prefix: str = "") -> Q:
        """`can_view_section` as a filter on pages or sections of `model` (a RoleRights)."""
        if not self.can_visit:
            return Q(pk__in=[])
        if self.is_teacher or self.is_guest:
            return Q()
        name = (
            "visitors_view"
            if self.is_visitor
            else "pupil_admins_view"
            if self.is_pupil_admin
            else "pupils_view"
        )
        own = Q(**{f"{prefix}own_rights": True, f"{prefix}{name}": True})
        if model.default_rights(self.project)[name]:
            return own | Q(**{f"{prefix}own_rights": False})
        return own

    @property
    def can_set_rights(self) -> bool:
        """Teachers set who views and edits a page; pupil administrators for pupils only."""
        return self.can_contribute and (self.is_teacher or self.is_pupil_admin)

    @property
    def can_open_to_visitors(self) -> bool:
        """What outsiders see is the teachers' decision."""
        return self.can_contribute and self.is_teacher

    def needs_approval(self, *, also: bool = False) -> bool:
        """THE approval rule: does what this user writes wait for a teacher?

        Teachers never wait. Anyone else waits when the project's admins chose
        "pupils' contributions wait for approval", or when the place itself asks
        for it (`also`, e.g. a chat room's own setting).
        """
        if self.is_teacher:
            return False
        return bool(self.project.pupils_need_approval or also)

    def can_see(self, content) -> bool:
        """Published content: every member; pending or hidden: teachers and the author.

        Visitors see published content only (and only in what is opened to them).
        """
        if not self.can_visit:
            return False
        if content.visibility == Visibility.PUBLISHED or self.is_teacher:
            return True
        return self.user_id is not None and content.author_id == self.user_id

    def visible(self, prefix: str = "") -> Q:
        """`can_see` as a filter on content (prefix e.g. "topic__" for replies).

        The caller has already limited the queryset to this project.
        """
        if not self.can_visit:
            return Q(pk__in=[])
        if self.is_teacher:
            return Q()
        published = Q(**{f"{prefix}visibility": Visibility.PUBLISHED})
        return published | Q(**{f"{prefix}author_id": self.user_id})

    # --- The space that owns the tools' content (shared with groups.access.GroupAccess)

    @property
    def owner(self) -> dict:
        """The foreign key a tool's new content gets (forum topics, library files)."""
        return {"project": self.project}

    @property
    def is_open(self) -> bool:
        """The space takes new content: an active project."""
        return self.project.is_active

    # --- The project page and its founding -------------------------------------

    @cached_property
    def founder_count(self) -> int:
        return self.project.memberships.filter(is_founder=True).count()

    @cached_property
    def admin_count(self) -> int:
        """Counted among the project's teachers when the page already loaded them."""
        teachers = self.project.__dict__.get("teacher_lines")
        if teachers is not None:
            return sum(1 for line in teachers if line.role == Membership.Role.ADMIN)
        return _ADMINS.first(project_id=self.project.pk) or 0

    @cached_property
    def can_view_project(self) -> bool:
        """The overview: members, visitors, and the support staff of a founding country."""
        if self.can_visit:
            return True
        if self.user is None or self.project.status == Project.Status.DRAFT:
            return False
        countries = queries.founding_countries(self.project)
        return any(can_verify_for(self.user, code) for code in countries)

    @property
    def can_edit_project(self) -> bool:
        """Admins edit the project's description, except while the offices examine it."""
        return self.is_admin and self.project.status in EDITABLE

    @property
    def can_invite_cofounder(self) -> bool:
        return (
            self.is_founder
            and self.project.status == Project.Status.DRAFT
            and self.founder_count < 2
        )

    @property
    def can_submit(self) -> bool:
        """No submission before the co-founder has accepted."""
        return (
            self.is_founder
            and self.project.status == Project.Status.DRAFT
            and self.founder_count == 2
        )

    # --- Members and invitations -----------------------------------------------

    @property
    def can_manage_members(self) -> bool:
        """Admins invite, remove and promote members while the project is active."""
        return self.is_admin and self.project.is_active

    def _may_remove(self, target: Membership, admins: int) -> bool:
        if not self.can_manage_members or target.user_id == self.user_id or target.is_founder:
            return False
        return not (target.role == Membership.Role.ADMIN and admins <= 1)

    def can_remove_member(self, target: Membership) -> bool:
        """Admins remove members; the last admin and the founders' seats are kept."""
        return self.can_manage_members and self._may_remove(target, self.admin_count)

    def can_make_admin(self, target: Membership) -> bool:
        return self.can_manage_members and target.role == Membership.Role.TEACHER

    def member_actions(
        self, members: list[Membership], admins: int | None = None
    ) -> dict[int, tuple[bool, bool]]:
        """(may remove, may make admin) per membership id, for a list; `admins`: the
        project's admin count when the list is one page of the members."""
        if admins is None:
            admins = sum(1 for m in members if m.role == Membership.Role.ADMIN)
        return {m.pk: (self._may_remove(m, admins), self.can_make_admin(m)) for m in members}

    def can_promote_pupil(self, pupil_membership: Membership) -> bool:
        """The pupil's own teacher (or an admin) makes them a pupil administrator, or not."""
        return (
            self.can_manage_pupils
            and pupil_membership.role == Membership.Role.PUPIL
            and (pupil_membership.teacher_id == self.user_id or self.is_admin)
        )

    @property
    def can_leave(self) -> bool:
        """Anyone but a pupil leaves (a visitor is removed by the admins); one admin stays."""
        if not self.is_member or self.is_pupil or self.is_visitor:
            return False
        if self.project.status not in VISIBLE_TO_MEMBERS:
            # Before activation the two founders stay: the offices approve that pair.
            return False
        if self.is_admin:
            return self.admin_count > 1
        return True

    def can_revoke_invitation(self, invitation) -> bool:
        if invitation.status != invitation.Status.PENDING:
            return False
        if invitation.role == invitation.Role.COFOUNDER:
            return self.is_founder and self.project.status == Project.Status.AWAITING_COFOUNDER
        return self.can_manage_members

    # --- Pupils ------------------------------------------------------------------

    @property
    def can_manage_pupils(self) -> bool:
        """Teacher members create and look after their own class while the project is active."""
        return self.is_teacher and self.project.is_active

    def can_reset_pupil(self, pupil_membership: Membership) -> bool:
        return (
            self.can_manage_pupils
            and pupil_membership.role == Membership.Role.PUPIL
            and pupil_membership.teacher_id == self.user_id
        )

    # --- Lifecycle -----------------------------------------------------------------

    @property
    def can_close(self) -> bool:
        return self.is_admin and self.project.status == Project.Status.ACTIVE

    @property
    def can_reopen(self) -> bool:
        return self.is_admin and self.project.status == Project.Status.CLOSED

    @property
    def can_archive(self) -> bool:
        return self.is_admin and self.project.status == Project.Status.CLOSED


# Every project page asks it first (prepared: built and compiled once per process).
_MEMBERSHIP = Prepared(
    lambda project_id, user_id: (
        Membership.objects.select_related("project")
        .filter(project_id=project_id, user_id=user_id)
        .order_by("pk")[:1]
    ),
    project_id=int,
    user_id=int,
)


_ADMINS = Prepared(
    lambda project_id: count_of(
        Membership.objects.filter(project_id=project_id, role=Membership.Role.ADMIN)
    ),
    project_id=int,
)


def membership_of(user, project_id: int) -> Membership | None:
    if not (user.is_authenticated and user.is_active):
        return None
    return _MEMBERSHIP.first(project_id=project_id, user_id=user.pk)


def access_for(user, project: Project) -> ProjectAccess:
    """The access of `user` to a project already loaded (one query)."""
    membership = None
    if user.is_authenticated and user.is_active:
        membership = Membership.objects.filter(project=project, user=user).first()
    if membership is not None:
        membership.project = project
    return _access(project, user, membership)


def load_access(user, project_id: int) -> ProjectAccess | None:
    """Project and access in one query for a member, two for anyone else; None: no project."""
    membership = membership_of(user, project_id)
    if membership is not None:
        return _access(membership.project, user, membership)
    project = Project.objects.filter(pk=project_id).first()
    if project is None:
        return None
    return _access(project, user, None)


def load_accesses(pairs) -> list:
    """load_access() of each (signed-in user, project_id) pair, in two queries at most."""
    user_ids = {user.pk for user, _project_id in pairs if user.is_authenticated and user.is_active}
    project_ids = {project_id for _user, project_id in pairs}
    memberships = {
        (membership.user_id, membership.project_id): membership
        for membership in Membership.objects.select_related("project").filter(
            user_id__in=user_ids, project_id__in=project_ids
        )
    }
    others = {pid for user, pid in pairs if (user.pk, pid) not in memberships}
    projects = Project.objects.in_bulk(others) if others else {}
    accesses = []
    for user, project_id in pairs:
        membership = memberships.get((user.pk, project_id)) if user.pk in user_ids else None
        if membership is not None:
            accesses.append(_access(membership.project, user, membership))
        elif project_id in projects:
            accesses.append(_access(projects[project_id], user, None))
        else:
            accesses.append(None)
    return accesses


def _access(project, user, membership) -> ProjectAccess:
    signed_in = user is not None and user.is_authenticated
    return ProjectAccess(
        project, user.pk if signed_in else None, membership, user if signed_in else None
    )


def _granted(access: ProjectAccess, permission) -> bool:
    if callable(permission):
        return bool(permission(access))
    return bool(getattr(access, permission))


def project_view(permission="can_view_space", *, login: bool = True):
    """Every view of a project: load it and the user's access once, or refuse.

    `permission` names a ProjectAccess rule (attribute or cached property), or is
    a function (access) -> bool for rules that belong to an upper app (e.g. the
    blog's "public blog"). A refusal is a 404, the same as for a project that does
    not exist. With `login` (the default), an anonymous visitor is sent to log in
    first, before anything is looked up, so that answer says nothing either.
    """

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, project_id, **kwargs):
            if login and not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            access = load_access(request.user, project_id)
            if access is None or not _granted(access, permission):
                raise Http404
            request.project = access.project
            request.access = access
            return view(request, *args, project_id=project_id, **kwargs)

        return wrapper

    return decorate
