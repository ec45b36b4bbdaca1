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
from jumelage.core.mail import send_templated_mail

from .models import TeacherProfile, User

CONFIRM_SALT = "jumelage.accounts.confirm-email"
CONFIRM_MAX_AGE = 60 * 60 * 24 * 3  # three days
FORMER_MEMBER = "Former member"
FORMER_MEMBER_DOMAIN = "former-member.invalid"


class DuplicateEmail(Exception):
    pass


def sign_up(*, email, password, display_name, language, wants_kit=False, preferred_kit=None):
    """Create a teacher with a profile in the 'registered' state, then send the link."""
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
    except IntegrityError as error:
        raise DuplicateEmail from error
    send_confirmation(user)
    return user


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


def update_profile(user, profile_form, display_name, photo=None, remove_photo=False) -> None:
    with transaction.atomic():
        profile = profile_form.save()
        if display_name != user.display_name:
            user.display_name = display_name
            user.save(update_fields=["display_name"])
        if remove_photo and profile.photo:
            profile.photo.delete(save=False)
            profile.photo = ""
            profile.save(update_fields=["photo"])
        if photo is not None:
            if profile.photo:
                profile.photo.delete(save=False)
            profile.photo.save(photo.name, photo, save=True)


def export_data(user) -> dict:
    """Everything the platform holds about a teacher, as plain JSON-ready data."""
    from jumelage.audit.models import AuditEntry
    from jumelage.schools.models import SchoolMembership

    profile = TeacherProfile.objects.filter(user=user).first()
    memberships = SchoolMembership.objects.filter(user=user).select_related(
        "school__country", "school__region", "school__department"
    )
    entries = AuditEntry.objects.filter(subject_user=user).select_related("actor").order_by("id")
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "language": user.language,
            "date_joined": user.date_joined.isoformat(),
            "email_confirmed_at": user.email_confirmed_at.isoformat()
            if user.email_confirmed_at
            else None,
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "profile": None
        if profile is None
        else {
            "status": profile.status,
            "presentation": profile.presentation,
            "photo": profile.photo.name or None,
            "subjects": list(profile.subjects.values_list("code", flat=True)),
            "languages": list(profile.languages.values_list("code", flat=True)),
            "age_bands": list(profile.age_bands.values_list("min_age", flat=True)),
            "email_visible": profile.email_visible,
            "findable": profile.findable,
            "wants_kit": profile.wants_kit,
            "preferred_kit": profile.preferred_kit.slug if profile.preferred_kit else None,
            "rejection_reason": profile.rejection_reason,
            "verified_at": profile.verified_at.isoformat() if profile.verified_at else None,
        },
        "schools": [
            {
                "name": m.school.name,
                "country": m.school.country_id,
                "national_id": m.school.national_id,
                "town": m.school.town,
                "status": m.school.status,
                "joined_at": m.joined_at.isoformat(),
            }
            for m in memberships
        ],
        "audit_entries": [
            {
                "when": e.created_at.isoformat(),
                "action": e.action,
                "by": "me" if e.actor_id == user.pk else ("staff" if e.actor_id else "system"),
                "note": e.note,
                "data": e.data,
            }
            for e in entries
        ],
    }


def delete_account(user) -> None:
    """Anonymise: the row stays as a 'former member' so shared content keeps an author."""
    from jumelage.schools.models import SchoolMembership

    with transaction.atomic():
        profile = TeacherProfile.objects.filter(user=user).first()
        if profile is not None:
            if profile.photo:
                profile.photo.delete(save=False)
            profile.delete()
        SchoolMembership.objects.filter(user=user).delete()
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


def disable_second_factor(user) -> None:
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        record(user, "account.second_factor_disabled", user, subject_user=user)


def has_second_factor(user) -> bool:
    """An authenticator app, or backup codes alone (as the demo staff have)."""
    return user_has_device(user, confirmed=True)
