"""The site's languages: which one a country, a browser or a person gets."""

from django.conf import settings

# Country default languages are ISO 639-1 codes; the site names Norwegian by its
# written standard (Bokmål), as Django and CLDR do.
ALIASES = {"no": "nb"}


def site_language(code: str | None, default: str = "en") -> str:
    """`code` when the site speaks it (shipped in settings.LANGUAGES), else `default`."""
    code = (code or "").lower().replace("_", "-")
    code = ALIASES.get(code, code)
    shipped = dict(settings.LANGUAGES)
    if code in shipped:
        return code
    base = code.split("-")[0]
    return ALIASES.get(base, base) if ALIASES.get(base, base) in shipped else default


def country_language(country, default: str = "en") -> str:
    """A country's main language if the site speaks it: a pupil's, a head teacher's."""
    return site_language(getattr(country, "default_language", ""), default)
