"""The schools a person belongs to, asked to join or registered, in their data export."""

from jumelage.core.exports import iso, register_export

from .models import JoinRequest, School, SchoolMembership


@register_export("schools", order=30, models=[SchoolMembership, School])
def schools(user) -> list[dict]:
    memberships = SchoolMembership.objects.filter(user=user).select_related("school")
    return [
        {
            "name": m.school.name,
            "country": m.school.country_id,
            "national_id": m.school.national_id,
            "town": m.school.town,
            "status": m.school.status,
            "joined_at": iso(m.joined_at),
            "registered_by_me": m.school.registered_by_id == user.pk,
        }
        for m in memberships.order_by("joined_at", "id")
    ]


@register_export("school_join_requests", order=31, models=[JoinRequest])
def school_join_requests(user) -> list[dict]:
    requests = JoinRequest.objects.filter(user=user).select_related("school").order_by("id")
    return [
        {
            "school": r.school.name,
            "status": r.status,
            "created_at": iso(r.created_at),
            "decided_at": iso(r.decided_at),
        }
        for r in requests
    ]
