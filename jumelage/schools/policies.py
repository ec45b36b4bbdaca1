"""Who may review, verify and edit schools (and the teachers registered with them)."""

from jumelage.accounts.policies import is_teacher, second_factor_ok
from jumelage.network.models import SupportRole
from jumelage.network.policies import may_verify_for


def staff_regions(user, country_code: str):
    """None when the staff member acts for the whole country, else the region ids they cover."""
    roles = list(
        SupportRole.objects.filter(user=user, can_verify=True, country_id=country_code).values_list(
            "region_id", flat=True
        )
    )
    if not roles or None in roles:
        return None
    return set(roles)


def may_use_queue(user, country_code: str) -> bool:
    """Staff of country A never see country B's queue."""
    return bool(
        user.is_authenticated and may_verify_for(user, country_code) and second_factor_ok(user)
    )


def may_review_school(user, school) -> bool:
    if not may_use_queue(user, school.country_id):
        return False
    regions = staff_regions(user, school.country_id)
    return regions is None or school.region_id in regions


def may_verify_teacher(user, teacher, school) -> bool:
    """A teacher is verified through one of their schools the staff member may review."""
    return bool(
        may_review_school(user, school)
        and school.memberships.filter(user=teacher).exists()
        and hasattr(teacher, "teacher_profile")
    )


def may_edit_school(user, school) -> bool:
    """A member teacher may correct a school until it is verified."""
    return bool(
        is_teacher(user)
        and school.status != school.Status.VERIFIED
        and school.memberships.filter(user=user).exists()
    )
