"""Who may review, verify and edit schools (and the teachers registered with them)."""

from jumelage.accounts.policies import is_teacher, is_verified_teacher, second_factor_ok
from jumelage.network.policies import can_verify_for, staff_regions


def is_platform_admin(user) -> bool:
    """The platform admin acts for countries that have no office yet (issue 14)."""
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def can_use_queue(user, country_code: str) -> bool:
    """Staff of country A never see country B's queue; the platform admin sees every one."""
    return bool(
        user.is_authenticated
        and (can_verify_for(user, country_code) or is_platform_admin(user))
        and second_factor_ok(user)
    )


def acts_as_platform_admin(user, country_code: str) -> bool:
    """Recorded in the audit trail: a decision the country's office did not take."""
    return is_platform_admin(user) and not can_verify_for(user, country_code)


def can_review_school(user, school) -> bool:
    if not can_use_queue(user, school.country_id):
        return False
    regions = staff_regions(user, school.country_id)
    return regions is None or school.region_id in regions


def can_verify_teacher(user, teacher, school) -> bool:
    """A teacher is verified through one of their schools the staff member may review."""
    return bool(
        can_review_school(user, school)
        and school.memberships.filter(user=teacher).exists()
        and hasattr(teacher, "teacher_profile")
    )


def can_edit_school(user, school) -> bool:
    """Until it is verified, only its registrant (still a member) and the office correct it.

    Another teacher, even one who joined it, never rewrites a pending school (its head's
    address included: the confirmation link would go to them).
    """
    if school.status == school.Status.VERIFIED or not user.is_authenticated:
        return False
    if can_review_school(user, school):
        return True
    return bool(
        is_teacher(user)
        and school.registered_by_id == user.pk
        and school.memberships.filter(user=user).exists()
    )


def is_school_member(user, school) -> bool:
    return bool(user.is_authenticated and school.memberships.filter(user=user).exists())


def can_vouch_as_teacher(user, school) -> bool:
    """A verified teacher of a verified school may confirm that a colleague works there."""
    return bool(
        school.status == school.Status.VERIFIED
        and is_verified_teacher(user)
        and is_school_member(user, school)
    )


def can_answer_join_request(user, join_request) -> bool:
    """Never one's own request; a verified colleague of the school, or its support office."""
    if not user.is_authenticated or join_request.user_id == user.pk:
        return False
    school = join_request.school
    return can_vouch_as_teacher(user, school) or can_review_school(user, school)


def can_decide_join_request(user, join_request) -> bool:
    """The rule above, once, while the request is pending."""
    return join_request.status == join_request.Status.PENDING and can_answer_join_request(
        user, join_request
    )


def can_leave_school(user, school) -> bool:
    """A teacher may always leave a school they belong to (a wrong choice is undone)."""
    return bool(is_teacher(user) and is_school_member(user, school))


def can_withdraw_join_request(user, join_request) -> bool:
    """Only its teacher, and only while nobody has answered it."""
    return bool(
        user.is_authenticated
        and join_request.user_id == user.pk
        and join_request.status == join_request.Status.PENDING
    )
