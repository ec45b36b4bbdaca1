"""Rules that are not about one user in one project: founding, invitations, approvals.

What a user may do in a project they opened (edit it, invite, remove a member,
close it...) is a property of `projects.access.ProjectAccess`, resolved once per
request by `project_view`. What stays here takes no access object: who may found
a project at all, which schools may found one together, whom one may invite,
who decides an approval, who answers an invitation.
"""

from django.utils.translation import gettext as _

from jumelage.accounts.models import User
from jumelage.accounts.policies import is_verified_teacher, second_factor_ok
from jumelage.network.policies import can_verify_for, verifying_countries

from . import queries
from .access import VISIBLE_TO_MEMBERS  # noqa: F401 - the statuses members see (other apps)
from .models import Invitation, Membership

# --- Founding ----------------------------------------------------------------


def can_create_project(user) -> bool:
    """Verified teachers acting for a verified school of a founding country."""
    return queries.has_founding_school(user)


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


def cofounder_refusal(project, user, school=None) -> str | None:
    """Why this user may not be the project's co-founder (for `school` if given), or None.

    Asked when the founder invites them (any of their schools may do) and when they
    accept (for the school they chose).
    """
    founder = queries.founder_membership(project)
    if founder is not None and founder.user_id == user.pk:
        return _("You cannot invite yourself.")
    if not is_verified_teacher(user):
        return _("Only verified teachers can found a project.")
    schools = queries.verified_schools(user)
    if school is not None:
        if not schools.filter(pk=school.pk).exists():
            return _("Choose one of your verified schools.")
        candidates = [school]
    else:
        candidates = list(schools)
        if not candidates:
            return _("This teacher has no verified school.")
    if founder is None:
        return None
    reasons = [founding_refusal(founder.school, s) for s in candidates]
    if any(r is None for r in reasons):
        return None
    return reasons[0]


# --- Approval -----------------------------------------------------------------


def can_decide_approval(user, approval) -> bool:
    """Only the support office of that country decides, once, while it is pending."""
    return (
        approval.status == approval.Status.PENDING
        and approval.project.status == approval.project.Status.AWAITING_APPROVAL
        and can_verify_for(user, approval.country_id)
    )


def can_open_decision(user, approval) -> bool:
    """The decision page: the rule above, in a session that passed the second factor."""
    return can_decide_approval(user, approval) and second_factor_ok(user)


def can_see_approval_queue(user) -> bool:
    """Support staff decide only after passing the second factor, as for registrations."""
    return bool(verifying_countries(user)) and second_factor_ok(user)


# --- Invitations ---------------------------------------------------------------


def member_refusal(project, user, role) -> str | None:
    """Why this user may not join the active project with this role, or None."""
    if Membership.objects.filter(project=project, user=user).exists():
        return _("This person is already a member of the project.")
    if user.kind == User.Kind.PUPIL:
        return _("Pupils join a project through their teacher.")
    if role == Membership.Role.TEACHER and not is_verified_teacher(user):
        return _("Only verified teachers can join a project as teacher members.")
    return None


def invitee_refusal(project, role, *, inviter, invitee=None, email="") -> str | None:
    """Why `inviter` may not invite this account (or this address) with `role`, or None.

    One rule for the co-founder and for members: nobody invites themselves, nor
    someone who already has a pending invitation to the project; a co-founder must
    be able to found with the founder (cofounder_refusal), a member to join
    (member_refusal). The database's unique constraint still settles two
    simultaneous invitations (see services._new_invitation).
    """
    if invitee is not None:
        if invitee.pk == inviter.pk:
            return _("You cannot invite yourself.")
        if role == Invitation.Role.COFOUNDER:
            reason = cofounder_refusal(project, invitee)
        else:
            reason = member_refusal(project, invitee, role)
        if reason:
            return reason
    elif inviter.email and email.strip().lower() == inviter.email.lower():
        return _("You cannot invite yourself.")
    if queries.pending_invitations(project, invitee, email).exists():
        return _("This person already has a pending invitation.")
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
