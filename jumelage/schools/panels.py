"""The dashboard panel of support staff: what waits in their countries' queues."""

from django.db.models import Count, Q

from jumelage.network.policies import verifying_countries

from .models import School


def staff_queue(request):
    """For support staff: how many schools and teachers wait in their countries."""
    user = request.user
    if user.kind != "staff":
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
