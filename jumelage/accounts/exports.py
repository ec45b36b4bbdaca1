"""The account, the teacher profile (with its photo) and the second factors, in a person's data
export (see core.exports)."""

from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from jumelage.core.exports import archive_path, iso, register_export, register_export_files

from .models import TeacherProfile, User


@register_export("account", order=10, models=[User, TOTPDevice, StaticDevice])
def account(user) -> dict:
    # Second factors by name and state: their secrets never leave the platform.
    devices = [
        {"type": "totp", "name": d.name, "confirmed": d.confirmed}
        for d in TOTPDevice.objects.filter(user=user).order_by("id")
    ] + [
        {"type": "backup codes", "name": d.name, "confirmed": d.confirmed}
        for d in StaticDevice.objects.filter(user=user).order_by("id")
    ]
    return {
        "email": user.email,
        "username": user.username,
        "display_name": user.display_name,
        "kind": user.kind,
        "language": user.language,
        "date_joined": iso(user.date_joined),
        "email_confirmed_at": iso(user.email_confirmed_at),
        "last_login": iso(user.last_login),
        "last_seen_at": iso(user.last_seen_at),
        "second_factors": devices,
    }


@register_export("profile", order=20, models=[TeacherProfile])
def profile(user) -> dict | None:
    profile = (
        TeacherProfile.objects.filter(user=user)
        .select_related("preferred_kit")
        .prefetch_related("subjects", "languages", "age_bands")
        .first()
    )
    if profile is None:
        return None
    return {
        "status": profile.status,
        "presentation": profile.presentation,
        "photo": archive_path("profile", profile.pk, profile.photo.name) if profile.photo else None,
        "subjects": [s.code for s in profile.subjects.all()],
        "languages": [lang.code for lang in profile.languages.all()],
        "age_bands": [a.min_age for a in profile.age_bands.all()],
        "email_visible": profile.email_visible,
        "findable": profile.findable,
        "wants_kit": profile.wants_kit,
        "preferred_kit": profile.preferred_kit.slug if profile.preferred_kit else None,
        "rejection_reason": profile.rejection_reason,
        "verified_at": iso(profile.verified_at),
    }


@register_export_files("profile")
def profile_photo(user):
    profile = TeacherProfile.objects.filter(user=user).exclude(photo="").first()
    if profile is not None:
        yield profile.photo.name, archive_path("profile", profile.pk, profile.photo.name)
