"""mozilla-django-oidc's backend, one instance per provider instead of one per settings.

The library does the OAuth work: code exchange (with PKCE), the ID token's signature
against the provider's JWKS, the nonce. Here: its settings come from our Provider
and its discovery document, the ID token's issuer and audience are checked too, and
who the person is goes to sso.services (not to the library's email matching).
It is never in AUTHENTICATION_BACKENDS: only the callback view calls it.
"""

from django.core.exceptions import SuspiciousOperation
from django.utils.translation import get_language
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from . import providers, services

CALLBACK_URL_NAME = "sso:callback"


class ProviderBackend(OIDCAuthenticationBackend):
    def __init__(self, provider: providers.Provider, metadata: dict):
        self.provider = provider
        self.metadata = metadata
        super().__init__()
        self.id_claims: dict = {}

    def get_settings(self, attr, *args):
        from django.conf import settings

        values = {
            "OIDC_OP_TOKEN_ENDPOINT": self.metadata["token_endpoint"],
            "OIDC_OP_USER_ENDPOINT": self.metadata.get("userinfo_endpoint"),
            "OIDC_OP_JWKS_ENDPOINT": self.metadata["jwks_uri"],
            "OIDC_RP_CLIENT_ID": self.provider.client_id,
            "OIDC_RP_CLIENT_SECRET": self.provider.client_secret,
            "OIDC_RP_SIGN_ALGO": self.provider.sign_algo,
            "OIDC_RP_IDP_SIGN_KEY": None,
            "OIDC_RP_SCOPES": self.provider.scopes,
            "OIDC_AUTHENTICATION_CALLBACK_URL": CALLBACK_URL_NAME,
            "OIDC_TIMEOUT": settings.SSO_HTTP_TIMEOUT,
            "OIDC_USE_NONCE": True,
            "OIDC_ALLOW_UNSECURED_JWT": False,
        }
        if attr in values:
            return values[attr]
        if args:
            return args[0]
        return super().get_settings(attr)

    def verify_token(self, token, **kwargs):
        """The library checks signature, expiry and nonce; the issuer and audience too here."""
        payload = super().verify_token(token, **kwargs)
        if kwargs.get("nonce") is None:  # a signed userinfo answer, not the ID token
            return payload
        if payload.get("iss") != self.metadata["issuer"]:
            raise SuspiciousOperation("ID token issuer mismatch")
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.provider.client_id not in audiences:
            raise SuspiciousOperation("ID token audience mismatch")
        self.id_claims = payload
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        claims = dict(payload)
        if self.metadata.get("userinfo_endpoint"):
            userinfo = self.get_userinfo(access_token, id_token, payload)
            if str(userinfo.get("sub")) != str(payload.get("sub")):
                raise SuspiciousOperation("userinfo sub differs from the ID token's")
            # The address and its status as the provider knows them now; amr/acr stay
            # the ID token's (they describe this login).
            for key in ("email", "email_verified", "name", "given_name", "family_name"):
                if key in userinfo:
                    claims[key] = userinfo[key]
        return services.account_for(
            provider=self.provider.slug,
            issuer=self.metadata["issuer"],
            claims=claims,
            language=(get_language() or "en")[:2],
        )
