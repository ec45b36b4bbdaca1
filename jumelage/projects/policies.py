"""Who may do what in a project and its TwinSpace. The only place for these rules."""

from django.utils.translation import gettext as _

from jumelage.accounts.policies import is_verified_teacher, second_factor_ok
from jumelage.network.policies import may_verify_for, verifying_countries

from .models import Membership, Project

VISIBLE_TO_MEMBERS = {
    Project.Status.ACTIVE,
    Project.Status.CLOSED,
    Project.Status.ARCHIVED,
}


def membership(user, project) -> Membership | None:
    """The user's membership of the project, or None for an outsider."""
    if not user.is_authenticated or not user.is_active:
        return None
    return Membership.objects.filter(project=project, user=user).first()


def can_view_space(user, project) -> bool:
    """Members see the TwinSpace of an active, closed or archived project."""
    m = membership(user, project)
    if m is None:
        return False
    if project.status in VISIBLE_TO_MEMBERS:
        return True
    # Founders and admins see their project before it is active.
    return m.role == Membership.Role.ADMIN


def can_contribute(user, project) -> bool:
    """Write in the TwinSpace: members who are not guests, while the project is active."""
    m = membership(user, project)
    return bool(m and project.is_active and m.role != Membership.Role.GUEST)


def is_project_teacher(user, project) -> bool:
    m = membership(user, project)
    return bool(m and m.is_teacher)


def is_project_admin(user, project) -> bool:
    m = membership(user, project)
    return bool(m and m.role == Membership.Role.ADMIN)


def can_moderate(user, project) -> bool:
    """Teachers of the project hide and restore content and approve pupils' posts."""
    return is_project_teacher(user, project) and project.status == Project.Status.ACTIVE


# --- Founding ----------------------------------------------------------------

EDITABLE = {Project.Status.DRAFT, Project.Status.AWAITING_COFOUNDER, Project.Status.ACTIVE}


def founding_schools(user):
    """The user's verified schools in countries that may found a project."""
    from jumelage.schools.models import School

    if not is_verified_teacher(user):
        return School.objects.none()
    return School.objects.filter(
        memberships__user=user, status=School.Status.VERIFIED, country__can_found=True
    ).select_related("country")


def verified_schools(user):
    from jumelage.schools.models import School

    return School.objects.filter(
        memberships__user=user, status=School.Status.VERIFIED
    ).select_related("country")


def can_create_project(user) -> bool:
    """Verified teachers acting for a verified school of a founding country."""
    return founding_schools(user).exists()


def founding_refusal(school, other_school) -> str | None:
    """Why these two schools may not found a project together, or None if they may."""
    for s in (school, other_school):
        if not s.is_verified:
            return _("The school %(school)s is not verified yet.") % {"school": s.name}
        if not s.country.can_found:
            return _(
                "Schools of %(country)s may not found a project; they can join it as partners "
                "once it is active."
            ) % {"country": s.country.name}
    if school.country_id == other_school.country_id:
        return _("The two founding schools must be in two different countries.")
    return None


def cofounder_refusal(project, user) -> str | None:
    """Why this user may not be the project's co-founder, or None."""
    founder = founder_membership(project)
    if founder is not None and founder.user_id == user.pk:
        return _("You cannot invite yourself.")
    if not is_verified_teacher(user):
        return _("Only verified teachers can found a project.")
    schools = list(verified_schools(user))
    if not schools:
        return _("This teacher has no verified school.")
    reasons = [founding_refusal(founder.school, s) for s in schools] if founder else [None]
    if any(r is None for r in reasons):
        return None
    return reasons[0]


def founder_membership(project) -> Membership | None:
    """The creator's founding membership (the first founder)."""
    return (
        Membership.objects.filter(project=project, is_founder=True)
        .select_related("school__country", "user")
        .order_by("joined_at", "id")
        .first()
    )


def is_founder(user, project) -> bool:
    m = membership(user, project)
    return bool(m and m.is_founder)


def can_edit_project(user, project) -> bool:
    """Admins edit the project's description, except while the offices examine it."""
    return is_project_admin(user, project) and project.status in EDITABLE


def can_invite_cofounder(user, project) -> bool:
    return (
        is_founder(user, project)
        and project.status == Project.Status.DRAFT
        and project.memberships.filter(is_founder=True).count() < 2
    )


def can_submit(user, project) -> bool:
    """No submission before the co-founder has accepted."""
    return (
        is_founder(user, project)
        and project.status == Project.Status.DRAFT
        and project.memberships.filter(is_founder=True).count() == 2
    )


def can_view_project(user, project) -> bool:
    """The overview: members, and the support staff of a founding country."""
    if can_view_space(user, project):
        return True
    if project.status == Project.Status.DRAFT:
        return False
    return any(may_verify_for(user, code) for code in founding_countries(project))


def founding_countries(project) -> list[str]:
    return list(
        project.memberships.filter(is_founder=True)
        .values_list("school__country_id", flat=True)
        .order_by("school__country_id")
    )


# --- Approval -----------------------------------------------------------------


def can_decide_approval(user, approval) -> bool:
    """Only the support office of that country decides, once, while it is pending."""
    return (
        approval.status == approval.Status.PENDING
        and approval.project.status == Project.Status.AWAITING_APPROVAL
        and may_verify_for(user, approval.country_id)
    )


def may_open_decision(user, approval) -> bool:
    """The decision page: the rule above, in a session that passed the second factor."""
    return can_decide_approval(user, approval) and second_factor_ok(user)


def may_see_approval_queue(user) -> bool:
    """Support staff decide only after passing the second factor, as for registrations."""
    return bool(verifying_countries(user)) and second_factor_ok(user)


# --- Members and invitations -------------------------------------------------


def can_manage_members(user, project) -> bool:
    """Admins invite, remove and promote members while the project is active."""
    return is_project_admin(user, project) and project.is_active


def invitee_refusal(project, user, role) -> str | None:
    """Why this user may not be invited to the active project with this role, or None."""
    if membership(user, project) is not None:
        return _("This person is already a member of the project.")
    if user.kind == "pupil":
        return _("Pupils join a project through their teacher.")
    if role == "teacher" and not is_verified_teacher(user):
        return _("Only verified teachers can join a project as teacher members.")
    return None


def owns_address(user, address: str) -> bool:
    """The account holds this address AND proved it (an unconfirmed address proves nothing).

    Read from the account itself, not only from the login rules: an email-bound right
    is never granted to an account that has not confirmed its address.
    """
    return bool(
        address
        and user.is_authenticated
        and user.is_active
        and user.email
        and user.email_confirmed_at is not None
        and user.email.lower() == address.strip().lower()
    )


def can_respond_invitation(user, invitation) -> bool:
    """The invited person: the account invited, or the confirmed owner of the invited address."""
    if not (user.is_authenticated and user.is_active and user.email_confirmed_at is not None):
        return False
    if invitation.invitee_id is not None:
        return invitation.invitee_id == user.pk
    return owns_address(user, invitation.email)


def can_revoke_invitation(user, invitation) -> bool:
    project = invitation.project
    if invitation.status != invitation.Status.PENDING:
        return False
    if invitation.role == invitation.Role.COFOUNDER:
        return is_founder(user, project) and project.status == Project.Status.AWAITING_COFOUNDER
    return can_manage_members(user, project)


def admin_count(project) -> int:
    return project.memberships.filter(role=Membership.Role.ADMIN).count()


def _may_remove(manage: bool, user, target: Membership, admins: int) -> bool:
    if not manage or target.user_id == user.pk or target.is_founder:
        return False
    return not (target.role == Membership.Role.ADMIN and admins <= 1)


def can_remove_member(user, project, target: Membership) -> bool:
    """Admins remove members; the last admin and the founders' seats are kept."""
    return _may_remove(can_manage_members(user, project), user, target, admin_count(project))


def member_actions(user, project, members: list[Membership]) -> dict[int, tuple[bool, bool]]:
    """(may remove, may make admin) per membership id, for a whole list in two queries."""
    manage = can_manage_members(user, project)
    admins = sum(1 for m in members if m.role == Membership.Role.ADMIN)
    return {
        m.pk: (
            _may_remove(manage, user, m, admins),
            manage and m.role == Membership.Role.TEACHER,
        )
        for m in members
    }


def can_make_admin(user, project, target: Membership) -> bool:
    return can_manage_members(user, project) and target.role == Membership.Role.TEACHER


def can_leave(user, project) -> bool:
    """Anyone but a pupil leaves; a project always keeps at least one admin."""
    m = membership(user, project)
    if m is None or m.role == Membership.Role.PUPIL:
        return False
    if project.status not in VISIBLE_TO_MEMBERS:
        # Before activation the two founders stay: the offices approve that pair.
        return False
    if m.role == Membership.Role.ADMIN:
        return admin_count(project) > 1
    return True


# --- Pupils -------------------------------------------------------------------


def can_manage_pupils(user, project) -> bool:
    """Teacher members create and look after their own class while the project is active."""
    return is_project_teacher(user, project) and project.is_active


def can_reset_pupil(user, project, pupil_membership: Membership) -> bool:
    return (
        can_manage_pupils(user, project)
        and pupil_membership.role == Membership.Role.PUPIL
        and pupil_membership.teacher_id == user.pk
    )


# --- Lifecycle ----------------------------------------------------------------


def can_close(user, project) -> bool:
    return is_project_admin(user, project) and project.status == Project.Status.ACTIVE


def can_reopen(user, project) -> bool:
    return is_project_admin(user, project) and project.status == Project.Status.CLOSED


def can_archive(user, project) -> bool:
    return is_project_admin(user, project) and project.status == Project.Status.CLOSED
