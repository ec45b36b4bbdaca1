"""Who sees which statistics: the national office its country, platform admins Europe."""

from jumelage.network.models import SupportRole
from jumelage.network.policies import support_roles


def statistics_countries(user) -> set[str] | None:
    """Country codes whose statistics this person may see; None means every country."""
    if not (user.is_authenticated and user.is_active):
        return set()
    if user.is_superuser:
        return None
    return {r.country_id for r in support_roles(user) if r.role == SupportRole.Role.NATIONAL_OFFICE}


def can_see_europe(user) -> bool:
    return statistics_countries(user) is None


def can_see_country(user, country_code: str) -> bool:
    countries = statistics_countries(user)
    return countries is None or country_code in countries


def can_see_statistics(user) -> bool:
    countries = statistics_countries(user)
    return countries is None or bool(countries)
