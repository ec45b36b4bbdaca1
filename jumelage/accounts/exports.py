"""The account and the teacher profile, in a person's data export (see core.exports)."""

from jumelage.core.exports import register_export

from .models import TeacherProfile


def _iso(moment):
    return moment.isoformat() if moment else None


@register_export("account", order=10)
def account(user) -> dict:
    return {
        "email": user.email,
        "display_name": user.display_name,
        "language": user.language,
        "date_joined": user.date_joined.isoformat(),
        "email_confirmed_at": _iso(user.email_confirmed_at),
        "last_login": _iso(user.last_login),
    }


@register_export("profile", order=20)
def profile(user) -> dict | None:
    profile = TeacherProfile.objects.filter(user=user).first()
    if profile is None:
        return None
    return {
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
        "verified_at": _iso(profile.verified_at),
    }
