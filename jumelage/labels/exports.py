"""A person's label applications and the School Labels they applied for, in their export."""

from jumelage.core.exports import iso, register_export

from .models import Application, EuropeanDecision, Nomination, SchoolLabel, Score


@register_export(
    "labels", order=67, models=[Application, Score, Nomination, EuropeanDecision, SchoolLabel]
)
def labels(user) -> dict:
    applications = (
        Application.objects.filter(applicant=user)
        .select_related("project")
        .order_by("submitted_at", "id")
    )
    decided = Application.objects.filter(decided_by=user).order_by("decided_at", "id")
    return {
        "applications": [
            {
                "project": a.project.title,
                "country": a.country_id,
                "statement": a.statement,
                "status": a.status,
                "submitted_at": iso(a.submitted_at),
                "decided_at": iso(a.decided_at),
                "comments": a.comments,
            }
            for a in applications
        ],
        "applications_decided": [
            {"application": a.pk, "status": a.status, "decided_at": iso(a.decided_at)}
            for a in decided
        ],
        "nominations": list(
            Nomination.objects.filter(nominated_by=user).values_list("project_id", flat=True)
        ),
        "european_decisions": list(
            EuropeanDecision.objects.filter(decided_by=user).values_list("project_id", flat=True)
        ),
        "school_labels": [
            {
                "school": label.school.name,
                "awarded_on": iso(label.awarded_on),
                "head": label.head_name,
            }
            for label in SchoolLabel.objects.filter(applicant=user).select_related("school")
        ],
    }
