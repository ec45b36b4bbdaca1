"""Who acts for the support network, and where."""

from django.db.models import Q

from jumelage.accounts.models import User
from jumelage.accounts.policies import has_support_role

from .models import SupportRole


def verifying_countries(user) -> set[str]:
    """Country codes whose registrations and projects this staff member may decide on."""
    if not user.is_authenticated or not user.is_active or not has_support_role(user):
        return set()
    return set(
        SupportRole.objects.filter(user=user, can_verify=True).values_list("country_id", flat=True)
    )


def can_verify_for(user, country_code: str) -> bool:
    """Staff of country A never act on country B's schools, teachers or projects."""
    return country_code in verifying_countries(user)


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


def is_support_staff(user) -> bool:
    return bool(
        user.is_authenticated and user.is_active and SupportRole.objects.filter(user=user).exists()
    )


def _roles(user) -> list[SupportRole]:
    """The user's support roles, read once per request (cached on the user object)."""
    if not user.is_authenticated or not user.is_active:
        return []
    cached = getattr(user, "_network_roles", None)
    if cached is None and not has_support_role(user):  # cached per user: no query
        cached = []
    if cached is None:
        cached = list(SupportRole.objects.filter(user=user))
        user._network_roles = cached
    return cached


def support_roles(user) -> list[SupportRole]:
    """The user's support roles (read once per request): for other apps' policies."""
    return _roles(user)


def can_see_directory(user) -> bool:
    """Teachers and staff look up the support network; pupils never do."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.kind in (User.Kind.TEACHER, User.Kind.STAFF)
    )


def can_ask_for_help(user) -> bool:
    """Any teacher may ask, verified or not: registration questions come first."""
    return bool(user.is_authenticated and user.is_active and user.kind == User.Kind.TEACHER)


def help_scope(user) -> Q | None:
    """The help requests this person handles, as a filter; None when they handle none.

    The national office of a country sees all of its country's requests; a
    regional correspondent only their académie's; a departmental correspondent
    only their département's. Ambassadors help in person, not in this inbox.
    """
    scope = None
    for role in _roles(user):
        if role.role == SupportRole.Role.NATIONAL_OFFICE:
            q = Q(country_id=role.country_id)
        elif role.role == SupportRole.Role.REGIONAL_CORRESPONDENT and role.region_id:
            q = Q(region_id=role.region_id)
        elif role.role == SupportRole.Role.DEPARTMENTAL_CORRESPONDENT and role.department_id:
            q = Q(department_id=role.department_id)
        else:
            continue
        scope = q if scope is None else scope | q
    return scope


def can_handle_help(user, help_request) -> bool:
    for role in _roles(user):
        if role.role == SupportRole.Role.NATIONAL_OFFICE:
            allowed = role.country_id == help_request.country_id
        elif role.role == SupportRole.Role.REGIONAL_CORRESPONDENT:
            allowed = bool(role.region_id) and role.region_id == help_request.region_id
        elif role.role == SupportRole.Role.DEPARTMENTAL_CORRESPONDENT:
            allowed = bool(role.department_id) and role.department_id == help_request.department_id
        else:
            allowed = False
        if allowed:
            return True
    return False


def can_see_help_request(user, help_request) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return help_request.teacher_id == user.id or can_handle_help(user, help_request)


def can_reply_to_help(user, help_request) -> bool:
    return help_request.status != "closed" and can_see_help_request(user, help_request)


def can_close_help(user, help_request) -> bool:
    return help_request.status != "closed" and can_see_help_request(user, help_request)


def directory_countries(user) -> set[str] | None:
    """Countries whose directory this person keeps up to date; None means every country."""
    if user.is_authenticated and user.is_active and user.is_superuser:
        return None
    return {r.country_id for r in _roles(user) if r.role == SupportRole.Role.NATIONAL_OFFICE}


def can_manage_directory(user, country_code: str | None = None) -> bool:
    """The national office keeps its own country's directory; platform admins every one."""
    countries = directory_countries(user)
    if countries is None:
        return True
    if country_code is None:
        return bool(countries)
    return country_code in countries


def appointing_countries(user) -> set[str] | None:
    """Where this person appoints office members; None means every country.

    The platform admin appoints anywhere (a country without an office starts so);
    a national office that verifies appoints for its own country and its regions.
    """
    if not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:
        return None
    return {
        r.country_id
        for r in _roles(user)
        if r.role == SupportRole.Role.NATIONAL_OFFICE and r.can_verify and r.region_id is None
    }


def can_appoint(user, country_code: str | None = None) -> bool:
    countries = appointing_countries(user)
    if countries is None:
        return True
    return country_code in countries if country_code else bool(countries)
