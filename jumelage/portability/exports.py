"""The project exports a person asked for, in their data export (see core.exports)."""

from jumelage.core.exports import iso, register_export

from .models import ProjectExport


@register_export("project_exports", order=76, models=[ProjectExport])
def project_exports(user) -> list[dict]:
    requested = (
        ProjectExport.objects.filter(requested_by=user).select_related("project").order_by("id")
    )
    return [
        {
            "project": e.project.title,
            "status": e.status,
            "requested_at": iso(e.created_at),
            "finished_at": iso(e.finished_at),
        }
        for e in requested
    ]
