"""Who a person is allowed to be on the platform."""


def is_teacher(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.kind == "teacher")


def is_verified_teacher(user) -> bool:
    """Only verified teachers found, join, message and appear in partner search."""
    if not is_teacher(user):
        return False
    profile = getattr(user, "teacher_profile", None)
    return bool(profile and profile.status == "verified")


def is_pupil(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.kind == "pupil")
