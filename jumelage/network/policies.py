"""Who acts for the support network, and where."""

from .models import SupportRole


def verifying_countries(user) -> set[str]:
    """Country codes whose registrations and projects this staff member may decide on."""
    if not user.is_authenticated or not user.is_active:
        return set()
    return set(
        SupportRole.objects.filter(user=user, can_verify=True).values_list("country_id", flat=True)
    )


def may_verify_for(user, country_code: str) -> bool:
    """Staff of country A never act on country B's schools, teachers or projects."""
    return country_code in verifying_countries(user)


def is_support_staff(user) -> bool:
    return bool(
        user.is_authenticated and user.is_active and SupportRole.objects.filter(user=user).exists()
    )
