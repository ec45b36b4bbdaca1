"""The TwinSpace home's link to the static site, for the project's teachers (no query)."""

from . import policies


def space_panel(request):
    if not policies.can_manage(request.access):
        return None
    return {"project_id": request.project.pk}
