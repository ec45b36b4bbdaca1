"""The notes a person pinned and the reports they filed, in their data export (see core.exports)."""

from jumelage.core.exports import iso, register_export

from .models import BulletinNote, Report


@register_export("twinspace", order=78, models=[BulletinNote, Report])
def twinspace(user) -> dict:
    notes = BulletinNote.objects.filter(author=user).select_related("project").order_by("id")
    reports = (
        Report.objects.filter(reporter=user)
        .select_related("project", "group", "target_type")
        .order_by("id")
    )
    return {
        "bulletin_notes": [
            {"project": n.project.title, "body": n.body, "created_at": iso(n.created_at)}
            for n in notes
        ],
        # What was reported is named by its kind only: it may be someone else's words.
        "reports_filed": [
            {
                "project": r.project.title if r.project_id else "",
                "group": r.group.name if r.group_id else "",
                "about": r.target_type.model,
                "reason": r.reason,
                "created_at": iso(r.created_at),
                "resolved_at": iso(r.resolved_at),
            }
            for r in reports
        ],
    }
