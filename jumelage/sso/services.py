"""Who an OpenID Connect login is: the linked account, a newly linked one, or a new one."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jumelage.accounts.models import TeacherProfile, User
from jumelage.audit.services import record
from jumelage.core.errors import Refused

from . import policies
from .models import IdentityLink


def _display_name(claims: dict, email: str) -> str:
    name = claims.get("name") or " ".join(
        part for part in (claims.get("given_name"), claims.get("family_name")) if part
    )
    return (str(name).strip() or email.split("@")[0])[:150]


def account_for(*, provider: str, issuer: str, claims: dict, language: str) -> User:
    """The account this identity opens; raises Refused with the reason shown to the person.

    1. A link (issuer, sub) already exists: its account, whatever the email says now.
    2. An account has the address: linked if policies.link_refusal allows it.
    3. Nobody has it: a teacher account like a sign-up's, still to register a school
       and to be verified; its address counts as confirmed since the provider
       vouched for it (an unverified address creates nothing).
    """
    subject = str(claims.get("sub") or "")
    if not subject:
        raise Refused(_("Your identity provider did not say who you are. Please try again."))
    link = IdentityLink.objects.select_related("user").filter(issuer=issuer, subject=subject)
    link = link.first()
    if link is not None:
        user = link.user
        if user.kind == User.Kind.PUPIL or not user.is_active:
            raise Refused(policies.link_refusal(user, {"email_verified": True}))
        IdentityLink.objects.filter(pk=link.pk).update(last_login_at=timezone.now())
        return user

    email = User.objects.normalize_email(str(claims.get("email") or "")).strip().lower()
    if not email:
        raise Refused(
            _("Your identity provider did not give your email address, which Jumelage needs.")
        )
    try:
        with transaction.atomic():
            user = User.objects.select_for_update().filter(email__iexact=email).first()
            if user is not None:
                refusal = policies.link_refusal(user, claims)
                if refusal:
                    raise Refused(refusal)
                _link(user, provider, issuer, subject)
                record(user, "sso.linked", user, subject_user=user, provider=provider)
                return user
            if not policies.email_verified(claims):
                raise Refused(
                    _(
                        "Your identity provider does not confirm your email address. "
                        "Sign up with the form instead."
                    )
                )
            user = User.objects.create_user(
                email=email,
                password=None,  # unusable: this person logs in through the provider
                display_name=_display_name(claims, email),
                kind=User.Kind.TEACHER,
                language=language,
                email_confirmed_at=timezone.now(),
            )
            TeacherProfile.objects.create(user=user, status=TeacherProfile.Status.EMAIL_CONFIRMED)
            _link(user, provider, issuer, subject)
            record(user, "account.signed_up", user, subject_user=user, provider=provider)
            return user
    except IntegrityError as exc:  # the same identity or address, at the same moment
        raise Refused(_("Your login could not be completed. Please try again.")) from exc


def _link(user, provider: str, issuer: str, subject: str) -> None:
    IdentityLink.objects.create(
        user=user,
        provider=provider,
        issuer=issuer,
        subject=subject,
        last_login_at=timezone.now(),
    )


def forget_links(sender, user, **kwargs) -> None:
    """A deleted account keeps no way in (accounts.signals.account_deleting)."""
    IdentityLink.objects.filter(user=user).delete()
