"""What the library plugs into the TwinSpace's home: its newest files."""

from django.utils.translation import gettext as _

from jumelage.core.reversing import ROW, fixed_url
from jumelage.twinspace.registry import Activity

from .models import Item


def latest_files(access, limit: int) -> list[Activity]:
    """The newest files of the library, for the space's home."""
    project = access.project
    if not access.can_view_space:
        return []
    items = (
        Item.objects.filter(project=project)
        .select_related("uploaded_by")
        .order_by("-created_at", "-pk")[:limit]
    )
    return [
        Activity(
            when=item.created_at,
            text=_("New file: %(name)s") % {"name": item.name},
            url=fixed_url("materials:download", project_id=project.pk, item_id=ROW).format(item.pk),
            who=str(item.uploaded_by or ""),
        )
        for item in items
    ]
