"""The dashboard panel: where a teacher's registration stands and what to do next."""

from jumelage.schools.models import School


def registration(request):
    user = request.user
    if user.kind != "teacher":
        return None
    profile = getattr(user, "teacher_profile", None)
    if profile is None:
        return None
    schools = list(
        School.objects.filter(memberships__user=user).only(
            "id", "name", "town", "status", "head_confirmed_at", "registered_by_id"
        )
    )
    return {"profile": profile, "schools": schools, "status": profile.status}
