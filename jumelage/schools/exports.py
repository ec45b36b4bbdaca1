"""The schools a person belongs to, in their data export (see core.exports)."""

from jumelage.core.exports import register_export

from .models import SchoolMembership


@register_export("schools", order=30)
def schools(user) -> list[dict]:
    memberships = SchoolMembership.objects.filter(user=user).select_related(
        "school__country", "school__region", "school__department"
    )
    return [
        {
            "name": m.school.name,
            "country": m.school.country_id,
            "national_id": m.school.national_id,
            "town": m.school.town,
            "status": m.school.status,
            "joined_at": m.joined_at.isoformat(),
        }
        for m in memberships
    ]
