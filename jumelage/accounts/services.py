"""Account writes: sign-up, email confirmation, photo, export, deletion, second factor."""

import secrets

from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from jumelage.audit.services import record
from jumelage.mail.sending import send_templated_mail

from . import ratelimit
from .models import FORMER_MEMBER, FORMER_MEMBER_DOMAIN, TeacherProfile, User
from .signals import account_deleting, send_credentials_changed

CONFIRM_SALT = "jumelage.accounts.confirm-email"
CONFIRM_MAX_AGE = 60 * 60 * 24 * 3  # three days
# A page of this site to come back to once the email is confirmed (set in the session,
# e.g. by an invitation opened before having an account): confirm_email goes there.
RESUME_AFTER_CONFIRMATION = "_jumelage_resume_after_confirmation"


# Mail that anyone can make us send (sign-up, confirmation, password reset): a
# budget per address and per client IP, shared by the three, so the platform is
# no mail-flood relay. Over budget, nothing is sent and the answer stays the same.
MAIL_PER_ADDRESS = 5
MAIL_PER_IP = 30
MAIL_WINDOW = 60 * 60


def mail_allowed(email: str, ip: str | None) -> bool:
    """Count one account mail for this address and IP; False once either budget is spent."""
    from django.conf import settings

    per_address = getattr(settings, "ACCOUNT_MAIL_PER_ADDRESS", MAIL_PER_ADDRESS)
    per_ip = getattr(settings, "ACCOUNT_MAIL_PER_IP", MAIL_PER_IP)
    address_ok = ratelimit.allow(
        "mail-address", (email or "").strip().lower(), per_address, MAIL_WINDOW
    )
    ip_ok = ratelimit.allow("mail-ip", ip or "-", per_ip, MAIL_WINDOW)
    return address_ok and ip_ok


def sign_up(
    *, email, password, display_name, language, wants_kit=False, preferred_kit=None, ip=None
):
    """Answer every sign-up the same way; what happened is told to the address, by email.

    - a free address: a teacher in the 'registered' state, and a confirmation link;
    - an address whose account is confirmed: "you already have an account" (L2);
    - an address held by an account that never confirmed it: a link that lets the
      address's owner take that account over (H1) — whoever created it proved nothing.
    Returns the new user, or None when the address was already taken.
    """
    email = User.objects.normalize_email(email).strip().lower()
    existing = User.objects.filter(email__iexact=email).first()
    if existing is None:
        try:
            with transaction.atomic():
                user = User.objects.create_user(
                    email=email,
                    password=password,
                    display_name=display_name,
                    kind=User.Kind.TEACHER,
                    language=language,
                )
                TeacherProfile.objects.create(
                    user=user, wants_kit=wants_kit, preferred_kit=preferred_kit
                )
                record(user, "account.signed_up", user, subject_user=user)
        except IntegrityError:
            existing = User.objects.filter(email__iexact=email).first()
        else:
            if mail_allowed(email, ip):
                send_confirmation(user)
            return user
    if existing is None or not existing.is_active or not mail_allowed(email, ip):
        return None
    if existing.email_confirmed_at:
        send_templated_mail(
            existing.email,
            "accounts/email/already_registered",
            {
                "user": existing,
                "login": reverse("accounts:login"),
                "reset": reverse("accounts:password_reset"),
            },
            existing.language,
        )
    else:
        send_templated_mail(
            existing.email,
            "accounts/email/take_over",
            {"user": existing, "link": take_over_link(existing)},
            language,
        )
    return None


def take_over_link(user) -> str:
    """A password-reset link: setting a password through it also confirms the address."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse(
        "accounts:password_reset_confirm", args=[uid, default_token_generator.make_token(user)]
    )


def password_was_reset(user) -> None:
    """Setting a password from a link sent to the address proves the address is the user's.

    If it was not confirmed yet, whoever created the account never proved it either:
    the account is taken over — their second-factor devices go (the new password
    already ended their sessions), and the address counts as confirmed from now on.
    """
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.email_confirmed_at:
            return
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        profile = TeacherProfile.objects.filter(user=user).first()
        if profile is not None and (profile.presentation or profile.photo):
            # What an earlier holder wrote or showed is not the owner's.
            if profile.photo:
                profile.photo.delete(save=False)
            profile.photo = ""
            profile.presentation = ""
            profile.save(update_fields=["photo", "presentation"])
        user.email_confirmed_at = timezone.now()
        user.save(update_fields=["email_confirmed_at"])
        TeacherProfile.objects.filter(user=user, status=TeacherProfile.Status.REGISTERED).update(
            status=TeacherProfile.Status.EMAIL_CONFIRMED
        )
        record(user, "account.taken_over", user, subject_user=user)


def resend_confirmation(email: str, ip: str | None) -> None:
    """A new link for an unconfirmed account at this address; silence otherwise."""
    user = (
        User.objects.filter(
            email__iexact=(email or "").strip(), is_active=True, email_confirmed_at__isnull=True
        )
        .exclude(kind=User.Kind.PUPIL)
        .first()
    )
    if user is not None and mail_allowed(user.email, ip):
        send_confirmation(user)


def confirmation_token(user) -> str:
    return signing.dumps({"u": user.pk, "e": user.email}, salt=CONFIRM_SALT)


def send_confirmation(user) -> None:
    link = reverse("accounts:confirm_email", args=[confirmation_token(user)])
    send_templated_mail(
        user.email,
        "accounts/email/confirm_email",
        {"user": user, "link": link, "days": CONFIRM_MAX_AGE // 86400},
        user.language,
    )


def confirm_email(token: str):
    """Returns (user or None, outcome): confirmed, already, expired or invalid."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired:
        return None, "expired"
    except signing.BadSignature:
        return None, "invalid"
    with transaction.atomic():
        user = (
            User.objects.select_for_update()
            .filter(pk=data.get("u"), email=data.get("e"), is_active=True)
            .first()
        )
        if user is None:
            return None, "invalid"
        if user.email_confirmed_at:
            return user, "already"
        user.email_confirmed_at = timezone.now()
        user.save(update_fields=["email_confirmed_at"])
        TeacherProfile.objects.filter(user=user, status=TeacherProfile.Status.REGISTERED).update(
            status=TeacherProfile.Status.EMAIL_CONFIRMED
        )
        record(user, "account.email_confirmed", user, subject_user=user)
    return user, "confirmed"


def update_profile(
    user, profile_form, display_name, photo=None, remove_photo=False, language=None
) -> None:
    with transaction.atomic():
        profile = profile_form.save()
        if display_name != user.display_name or (language and language != user.language):
            user.display_name = display_name
            user.language = language or user.language
            user.save(update_fields=["display_name", "language"])
        if remove_photo and profile.photo:
            profile.photo.delete(save=False)
            profile.photo = ""
            profile.save(update_fields=["photo"])
        if photo is not None:
            if profile.photo:
                profile.photo.delete(save=False)
            profile.photo.save(photo.name, photo, save=True)


def delete_account(user) -> None:
    """Anonymise: the row stays as a 'former member' so shared content keeps an author.

    Apps that hold the person's ties drop them on `account_deleting`, in this
    transaction: schools, projects (admin rights handed on), training places.
    """
    with transaction.atomic():
        # First of the on-commit callbacks: open sockets close as "signed out" (4401)
        # before the memberships' own revocations would close them as "forbidden".
        send_credentials_changed(user)
        account_deleting.send(sender=type(user), user=user)
        profile = TeacherProfile.objects.filter(user=user).first()
        if profile is not None:
            if profile.photo:
                profile.photo.delete(save=False)
            profile.delete()
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        user.email = f"former-{user.pk}-{secrets.token_hex(6)}@{FORMER_MEMBER_DOMAIN}"
        user.display_name = FORMER_MEMBER
        user.is_active = False
        user.email_confirmed_at = None
        user.set_unusable_password()
        user.save()
        record(None, "account.deleted", user, subject_user=user)


# --- Second factor (TOTP, with backup codes) ----------------------------------


def pending_totp_device(user) -> TOTPDevice:
    """The unconfirmed device being enrolled (a fresh secret each time enrolment starts)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def confirm_totp(user, device, token: str) -> list[str] | None:
    """Confirm enrolment with a first code; returns fresh backup codes, or None."""
    if not device.verify_token(token):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        StaticDevice.objects.filter(user=user).delete()
        backup = StaticDevice.objects.create(user=user, name="backup codes", confirmed=True)
        codes = [StaticToken.random_token() for _ in range(10)]
        StaticToken.objects.bulk_create(StaticToken(device=backup, token=c) for c in codes)
        record(user, "account.second_factor_enabled", user, subject_user=user)
    return codes


def is_app_code(token: str) -> bool:
    """An authenticator app shows 6 digits; backup codes have letters too."""
    return len(token) == 6 and token.isdigit()


def verify_second_factor(user, token: str):
    """The device that accepts this code, or None.

    Only the kind of device the code's shape belongs to is tried: a typo in an app
    code must not throttle the backup codes (a valid backup code right after a typo
    was refused), and backup codes are matched whatever their case.
    """
    if is_app_code(token):
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
    else:
        token = token.lower()
        devices = StaticDevice.objects.filter(user=user, confirmed=True)
    with transaction.atomic():
        for device in devices.select_for_update():
            if device.verify_is_allowed()[0] and device.verify_token(token):
                return device
    return None


def disable_second_factor(user) -> None:
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        record(user, "account.second_factor_disabled", user, subject_user=user)


def has_second_factor(user) -> bool:
    """An authenticator app, or backup codes alone (as the demo staff have)."""
    return user_has_device(user, confirmed=True)
