"""Which Jumelage account a provider's identity may open."""

from jumelage.accounts.models import User


def email_verified(claims: dict) -> bool:
    """The provider vouches for the address only with email_verified true (some send "true")."""
    value = claims.get("email_verified")
    return value is True or (isinstance(value, str) and value.lower() == "true")


def link_refusal(user, claims: dict) -> str:
    """Why this identity may not be linked to this existing account ("" when it may).

    Linking hands the account to whoever holds the identity, so both sides must
    have proved the address: the provider (email_verified) and Jumelage (the
    confirmation link was opened). Pupils never: they log in with their card.
    """
    from django.utils.translation import gettext as _

    if user.kind == User.Kind.PUPIL:
        return _(
            "Pupils cannot log in through an identity provider: use the login card "
            "your teacher gave you."
        )
    if not user.is_active:
        return _("This account is closed.")
    if not email_verified(claims):
        return _(
            "Your identity provider does not confirm this email address, so we cannot "
            "connect it to your Jumelage account. Log in with your password instead."
        )
    if not user.email_confirmed_at:
        return _(
            "A Jumelage account uses this email address but has not confirmed it yet. "
            "Open the confirmation link we sent you (or ask for a new one), then log "
            "in through your identity provider again."
        )
    return ""
