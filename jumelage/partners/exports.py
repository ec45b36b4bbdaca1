"""The partner requests a person published, in their data export (see core.exports)."""

from jumelage.core.exports import iso, register_export

from .models import PartnerRequest


@register_export("partner_requests", order=68, models=[PartnerRequest])
def partner_requests(user) -> list[dict]:
    requests = (
        PartnerRequest.objects.filter(author=user)
        .prefetch_related("subjects", "age_bands", "languages", "wished_countries")
        .order_by("created_at", "id")
    )
    return [
        {
            "title": r.title,
            "description": r.description,
            "subjects": [s.code for s in r.subjects.all()],
            "age_bands": [a.min_age for a in r.age_bands.all()],
            "languages": [lang.code for lang in r.languages.all()],
            "wished_countries": [c.pk for c in r.wished_countries.all()],
            "duration": r.duration,
            "start_month": iso(r.start_month),
            "status": r.status,
            "created_at": iso(r.created_at),
            "expires_at": iso(r.expires_at),
            "closed_at": iso(r.closed_at),
        }
        for r in requests
    ]
