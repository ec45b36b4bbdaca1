"""Who reads and who writes the official texts and news."""

from jumelage.network.policies import directory_countries


def can_see_texts(user) -> bool:
    """Official texts are public: anyone, signed in or not, reads the published ones."""
    return True


def can_manage_texts(user, country_code: str | None = None) -> bool:
    """The national office writes its country's texts; platform admins every one,
    including the European ones (no country)."""
    if not user.is_authenticated or not user.is_active:
        return False
    countries = directory_countries(user)
    if countries is None:
        return True
    if country_code is None:
        return False
    return country_code in countries


def can_manage_any_text(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    countries = directory_countries(user)
    return countries is None or bool(countries)


def can_see_text(user, text) -> bool:
    return text.published or can_manage_texts(user, text.country_id)
