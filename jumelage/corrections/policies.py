"""Who corrects which language: an office member their country's, a platform admin all."""

from django.conf import settings

from jumelage.core.languages import country_language
from jumelage.network.models import SupportRole
from jumelage.network.policies import support_roles


def correctable_languages(user) -> set[str]:
    """The shipped languages (but English, the source) this person may correct."""
    if not user.is_authenticated or not user.is_active:
        return set()
    shipped = {code for code, _name in settings.LANGUAGES} - {"en"}
    if user.is_superuser:
        return shipped
    return {
        country_language(role.country, default="")
        for role in support_roles(user)
        if role.role == SupportRole.Role.NATIONAL_OFFICE
    } & shipped


def can_correct(user, language: str) -> bool:
    return language in correctable_languages(user)


def can_export(user) -> bool:
    """Exporting every language's corrections as .po files: platform admins."""
    return bool(user.is_authenticated and user.is_active and user.is_superuser)
