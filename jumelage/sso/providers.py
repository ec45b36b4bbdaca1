"""The configured OpenID Connect providers, and what their discovery documents say.

Each provider comes from the environment (settings.SSO_PROVIDERS, see docs/sso.md).
Endpoints and the issuer are read from the provider's discovery document and cached,
so an operator only gives the issuer (or its discovery URL) and the client's
credentials.
"""

from dataclasses import dataclass

import requests
from django.conf import settings
from django.core.cache import cache

WELL_KNOWN = "/.well-known/openid-configuration"


@dataclass(frozen=True)
class Provider:
    slug: str
    name: str
    issuer: str  # as configured: the issuer URL or its discovery URL
    client_id: str
    client_secret: str
    scopes: str
    mfa_values: tuple[str, ...]
    sign_algo: str
    pkce: bool

    @property
    def discovery_url(self) -> str:
        url = self.issuer.rstrip("/")
        return url if url.endswith(WELL_KNOWN) else url + WELL_KNOWN


def all_providers() -> list[Provider]:
    return [
        Provider(
            slug=slug,
            name=conf.get("name") or slug,
            issuer=conf["issuer"],
            client_id=conf["client_id"],
            client_secret=conf.get("client_secret", ""),
            scopes=conf.get("scopes") or "openid email profile",
            mfa_values=tuple(conf.get("mfa_values") or ()),
            sign_algo=conf.get("sign_algo") or "RS256",
            pkce=conf.get("pkce", True),
        )
        for slug, conf in settings.SSO_PROVIDERS.items()
    ]


def get(slug: str) -> Provider | None:
    return next((p for p in all_providers() if p.slug == slug), None)


def metadata(provider: Provider) -> dict:
    """The provider's discovery document (cached); raises requests.RequestException."""
    key = f"sso-discovery:{provider.discovery_url}"
    data = cache.get(key)
    if data is None:
        response = requests.get(provider.discovery_url, timeout=settings.SSO_HTTP_TIMEOUT)
        response.raise_for_status()
        data = response.json()
        for field in ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri"):
            if not data.get(field):
                raise requests.RequestException(f"discovery document lacks {field}")
        cache.set(key, data, settings.SSO_DISCOVERY_CACHE_SECONDS)
    return data


def asserts_second_factor(provider: Provider, claims: dict) -> bool:
    """True when the ID token's acr, or one of its amr values, is one the operator trusts."""
    if not provider.mfa_values:
        return False
    amr = claims.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    asserted = {str(v) for v in amr}
    if claims.get("acr"):
        asserted.add(str(claims["acr"]))
    return bool(asserted & set(provider.mfa_values))
