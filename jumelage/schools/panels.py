"""Dashboard panels: a teacher's registration, join requests, and the staff queue."""

from django.db.models import Count, Q

from jumelage.accounts.models import User
from jumelage.accounts.policies import is_verified_teacher
from jumelage.network.policies import verifying_countries

from .models import JoinRequest, School


def registration(request):
    """For teachers: where their registration stands and what to do next."""
    user = request.user
    if user.kind != User.Kind.TEACHER:
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


def staff_queue(request):
    """For support staff: how many schools and teachers wait in their countries."""
    user = request.user
    if user.kind != User.Kind.STAFF:
        return None
    countries = sorted(verifying_countries(user))
    if not countries:
        return None
    counts = (
        School.objects.filter(country_id__in=countries, status=School.Status.PENDING)
        .values("country_id")
        .annotate(n=Count("id"), confirmed=Count("id", filter=Q(head_confirmed_at__isnull=False)))
    )
    by_country = {row["country_id"]: row for row in counts}
    return {
        "countries": [
            (
                code,
                by_country.get(code, {}).get("n", 0),
                by_country.get(code, {}).get("confirmed", 0),
            )
            for code in countries
        ]
    }


def join_requests(request):
    """For teachers: their own requests to join, and colleagues' requests they may confirm."""
    user = request.user
    if user.kind != User.Kind.TEACHER:
        return None
    pending = JoinRequest.objects.filter(status=JoinRequest.Status.PENDING).select_related(
        "school", "user"
    )
    # One query for both lists: my own requests, and colleagues' requests to join
    # a verified school of mine (only a verified teacher confirms them).
    theirs = Q(school__memberships__user=user, school__status=School.Status.VERIFIED) & ~Q(
        user=user
    )
    wanted = Q(user=user) | theirs if is_verified_teacher(user) else Q(user=user)
    found = list(pending.filter(wanted).distinct())
    mine = [r for r in found if r.user_id == user.pk]
    to_decide = [r for r in found if r.user_id != user.pk]
    if not mine and not to_decide:
        return None
    return {"mine": mine, "to_decide": to_decide}
