"""What a teacher whose verification is pending sees instead of a dead end.

Partner search, training and founding a project are for verified teachers; they
hold no private data, so a teacher still waiting is told why and what happens
next (the support office checks the school, an email follows) rather than
getting a bare 404. Anyone else who may not use them still gets the 404.
"""

from django.shortcuts import render

from .models import TeacherProfile, teacher_profile_of

WAITING = frozenset(
    {
        TeacherProfile.Status.REGISTERED,
        TeacherProfile.Status.EMAIL_CONFIRMED,
        TeacherProfile.Status.AWAITING_VERIFICATION,
    }
)


def awaits_verification(user) -> bool:
    """A teacher (not staff) whose registration is neither verified nor rejected yet."""
    if not (user.is_authenticated and user.kind == user.Kind.TEACHER):
        return False
    profile = teacher_profile_of(user)
    return profile is not None and profile.status in WAITING


def verification_pending(request, what: str):
    """The explanation page; `what` names the feature asked for (translated)."""
    return render(request, "accounts/verification_pending.html", {"what": what})
