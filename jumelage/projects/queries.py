"""Read-only queries for the project pages, shaped so that their query count stays flat."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Case, Prefetch, Q, Value, When
from django.urls import reverse
from django.utils import timezone

from jumelage.accounts.models import User, name_columns, shown_name
from jumelage.accounts.policies import is_verified_teacher
from jumelage.core.prepared import Prepared, PreparedPages, count_of
from jumelage.kits.models import Kit
from jumelage.reference.links import LinkedRowsOf, country_names
from jumelage.schools.models import School

from .models import Approval, Invitation, Membership, Project


def public_blog_url(project) -> str:
    """The project's blog, the public face of its final production."""
    return reverse("blog:post_list", kwargs={"project_id": project.pk})


def _teacher_memberships(lookup="memberships"):
    return Prefetch(
        lookup,
        queryset=Membership.objects.filter(
            role__in=[Membership.Role.ADMIN, Membership.Role.TEACHER]
        )
        .select_related("school__country", "user")
        .order_by("-is_founder", "joined_at", "id"),
        to_attr="teacher_members",
    )


_LISTS = LinkedRowsOf(Project, "subjects", "languages", "productions")
_TEACHERS = Prepared(
    lambda project_id: (
        Membership.objects.filter(
            project_id=project_id, role__in=[Membership.Role.ADMIN, Membership.Role.TEACHER]
        )
        .order_by("-is_founder", "joined_at", "id")
        .values_list(
            "role", "is_founder", "school__name", "school__country_id", *name_columns("user__")
        )
    ),
    project_id=int,
)


@dataclass(frozen=True, slots=True)
class TeacherLine:
    """A teacher of the project as its page lists them: columns, not four rows built."""

    name: str
    school: str
    country: str
    is_founder: bool
    role: str


_KIT = Prepared(lambda kit_id: Kit.objects.filter(pk=kit_id), kit_id=int)


def load_details(project) -> None:
    """What the project page shows beyond the project row, through queries prepared once
    (core.prepared): its teachers (`teacher_lines`), its kit, and its subjects,
    working languages and planned productions (`subject_list`, `language_list`,
    `production_list`: one query, the rows from the process's reference tables)."""
    countries = country_names()
    project.teacher_lines = [
        TeacherLine(
            shown_name(*name), school or "", countries.get(country, country or ""), founder, role
        )
        for role, founder, school, country, *name in _TEACHERS.list(project_id=project.pk)
    ]
    lists = _LISTS.lists(project.pk)
    project.subject_list = lists["subjects"]
    project.language_list = lists["languages"]
    project.production_list = lists["productions"]
    if project.kit_id is not None:
        project.kit = _KIT.first(kit_id=project.kit_id)


_APPROVALS = Prepared(
    lambda project_id: Approval.objects.filter(project_id=project_id).select_related("country"),
    project_id=int,
)


def approvals_of(project) -> list[Approval]:
    """The offices' approvals of the project, with their countries (the project page)."""
    return _APPROVALS.list(project_id=project.pk)


def with_details(queryset):
    return queryset.select_related("kit").prefetch_related(
        "subjects", "languages", "productions", _teacher_memberships()
    )


def cofounder_invitation(project) -> Invitation | None:
    """The pending invitation of the co-founder, if the draft waits for one."""
    return (
        project.invitations.filter(role=Invitation.Role.COFOUNDER, status=Invitation.Status.PENDING)
        .select_related("invitee")
        .first()
    )


def directory(filters: dict):
    """Active projects for the public directory, filtered, newest first.

    Filters on related rows are semi-joins (`id IN (...)`), never joins: a join repeats a
    project per matching row and needed a DISTINCT over every column, which at 160,000
    projects cost 120 ms per page and as much again for the pager's count, filters or not.
    """
    qs = Project.objects.filter(status=Project.Status.ACTIVE)
    if filters.get("q"):
        qs = qs.filter(Q(title__icontains=filters["q"]) | Q(summary__icontains=filters["q"]))
    if filters.get("country"):
        teaching = Membership.objects.filter(
            school__country=filters["country"],
            role__in=[Membership.Role.ADMIN, Membership.Role.TEACHER],
        )
        qs = qs.filter(pk__in=teaching.values("project_id"))
    for name in ("subject", "language", "production"):
        if filters.get(name):
            through = Project._meta.get_field(f"{name}s").remote_field.through
            chosen = through.objects.filter(**{f"{through_target(through)}_id": filters[name]})
            qs = qs.filter(pk__in=chosen.values("project_id"))
    if filters.get("age") is not None:
        qs = qs.filter(age_min__lte=filters["age"], age_max__gte=filters["age"])
    return with_details(qs.order_by("-activated_at", "-id"))


def through_target(through) -> str:
    """The name of the M2M table's column that is not the project ("subject", ...)."""
    return next(
        f.name
        for f in through._meta.get_fields()
        if f.is_relation and f.many_to_one and f.related_model is not Project
    )


def my_projects(user):
    """ "My projects": what each card shows, no details (their subjects, languages and
    teachers were fetched for 40 projects and never shown, issue 16)."""
    return (
        Project.objects.filter(memberships__user=user)
        .order_by("status", "-created_at")
        .only("id", "title", "status", "summary")
    )


@dataclass(frozen=True, slots=True)
class MyProject:
    pk: int
    title: str
    status: str
    created_at: datetime


_MY_PROJECTS = Prepared(
    lambda user_id: (
        Project.objects.filter(memberships__user_id=user_id)
        .order_by("title", "pk")
        .values_list("pk", "title", "status", "created_at")
    ),
    user_id=int,
)


def my_project_rows(request) -> list[MyProject]:
    """Every project the signed-in user belongs to, by title, read once a request: the
    dashboard's two panels (my projects, my TwinSpaces) take theirs from it."""
    found = request.__dict__.get("_my_projects")
    if found is None:
        rows = _MY_PROJECTS.list(user_id=request.user.pk)
        found = request._my_projects = [MyProject(*row) for row in rows]
    return found


def open_invitations(user):
    """Invitations waiting for this user's answer (by account or by confirmed email)."""
    if user.email_confirmed_at is None or not user.email:
        # An address nobody proved owning is shown nothing (see policies.owns_address).
        return Invitation.objects.none()
    match = Q(invitee=user) | Q(invitee__isnull=True, email__iexact=user.email)
    return (
        Invitation.objects.filter(match, status=Invitation.Status.PENDING)
        .filter(expires_at__gt=timezone.now())
        .select_related("project", "invited_by")
    )


_OPEN_INVITATIONS = Prepared(
    lambda user_id, email, now: count_of(
        Invitation.objects.filter(
            Q(invitee_id=user_id) | Q(invitee__isnull=True, email__iexact=email),
            status=Invitation.Status.PENDING,
            expires_at__gt=now,
        )
    ),
    user_id=int,
    email=str,
    now=datetime,
)


def open_invitation_count(user) -> int:
    """open_invitations(user).count(), on every dashboard: prepared."""
    if user.email_confirmed_at is None or not user.email:
        return 0
    return _OPEN_INVITATIONS.first(user_id=user.pk, email=user.email, now=timezone.now())


def pending_approvals(countries):
    return (
        Approval.objects.filter(
            country__in=countries,
            status=Approval.Status.PENDING,
            project__status=Project.Status.AWAITING_APPROVAL,
        )
        .select_related("project", "country")
        .prefetch_related("project__subjects", _teacher_memberships("project__memberships"))
        .order_by("submitted_at", "id")
    )


def search_teachers(q: str, exclude_user, user_id=None):
    """Verified teachers by name, or by exact email address (emails are not browsable).

    `user_id` comes from a profile or the partner search ("invite this teacher").
    """
    if user_id is not None:
        match = Q(pk=user_id)
    elif q and len(q) >= 2:
        match = Q(display_name__icontains=q) | Q(email__iexact=q, email_confirmed_at__isnull=False)
    else:
        return User.objects.none()
    return (
        User.objects.filter(
            match,
            kind=User.Kind.TEACHER,
            is_active=True,
            teacher_profile__status="verified",
        )
        .exclude(pk=exclude_user.pk)
        .prefetch_related(
            Prefetch(
                "schools",
                queryset=School.objects.filter(status=School.Status.VERIFIED).select_related(
                    "country"
                ),
                to_attr="verified_schools",
            )
        )
        .order_by("display_name", "id")[:20]
    )


# The members list's order: the adults who run the project first, pupils (the many) last.
_ROLES = (Membership.Role.ADMIN, Membership.Role.TEACHER, Membership.Role.GUEST)
ROLE_ORDER = Case(*(When(role=r, then=Value(n)) for n, r in enumerate(_ROLES)), default=Value(9))


def _members(project_id: int):
    return (
        Membership.objects.filter(project_id=project_id)
        .order_by(ROLE_ORDER, "user__display_name", "id")
        .values_list(
            "id", "user_id", "role", "is_founder", "school__name", "school__country_id",
            *name_columns("user__"),
        )
    )  # fmt: skip


# The members page, a page of 50 at a time (prepared: core.prepared).
MEMBERS = PreparedPages(_members, project_id=int)


@dataclass(slots=True)
class MemberLine:
    """A member as the members page lists them (what `access.member_actions` reads of a
    membership, and what the row shows): columns, not five rows built per member."""

    pk: int
    user_id: int
    role: str
    is_founder: bool
    name: str
    school: str
    country: str
    may_remove: bool = False
    may_promote: bool = False
    promote_url: str = ""
    remove_url: str = ""


def member_lines(rows) -> list[MemberLine]:
    """`MEMBERS`' rows of one page as lines, countries named in the reader's language."""
    countries = country_names()
    return [
        MemberLine(pk, user_id, role, founder, shown_name(*name), school or "",
                   countries.get(country, country or ""))
        for pk, user_id, role, founder, school, country, *name in rows
    ]  # fmt: skip


# --- Founding: the schools a teacher founds for, and the founders of a project ----


_FOUNDING_SCHOOL = Prepared(
    lambda user_id: School.objects.filter(
        memberships__user_id=user_id, status=School.Status.VERIFIED, country__can_found=True
    ).values_list("pk", flat=True)[:1],
    user_id=int,
)


def has_founding_school(user) -> bool:
    """founding_schools(user).exists(), asked on every teacher's dashboard: prepared."""
    return is_verified_teacher(user) and bool(_FOUNDING_SCHOOL.list(user_id=user.pk))


def founding_schools(user):
    """The user's verified schools in countries that may found a project."""
    if not is_verified_teacher(user):
        return School.objects.none()
    return School.objects.filter(
        memberships__user=user, status=School.Status.VERIFIED, country__can_found=True
    ).select_related("country")


def verified_schools(user):
    return School.objects.filter(
        memberships__user=user, status=School.Status.VERIFIED
    ).select_related("country")


def founder_membership(project) -> Membership | None:
    """The creator's founding membership (the first founder)."""
    return (
        Membership.objects.filter(project=project, is_founder=True)
        .select_related("school__country", "user")
        .order_by("joined_at", "id")
        .first()
    )


def founding_countries(project) -> list[str]:
    return list(
        project.memberships.filter(is_founder=True)
        .values_list("school__country_id", flat=True)
        .order_by("school__country_id")
    )


def pending_invitations(project, invitee=None, email=""):
    """Pending invitations of this person to the project, by account or by address."""
    if invitee is not None:
        match = Q(invitee=invitee)
        if invitee.email:
            match |= Q(invitee__isnull=True, email__iexact=invitee.email)
    else:
        match = Q(invitee__isnull=True, email__iexact=email.strip())
    return project.invitations.filter(match, status=Invitation.Status.PENDING)
