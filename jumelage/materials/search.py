"""File-name search for the TwinSpace search (twinspace.register_space_search)."""

from django.template.defaultfilters import filesizeformat
from django.urls import reverse

from .models import Item

LIMIT = 20


def search_files(access, query: str) -> list[tuple[str, str, str]]:
    """(title, url, snippet) of the project's files whose name contains the query."""
    project = access.project
    query = (query or "").strip()
    if not query or not access.can_view_space:
        return []
    items = (
        Item.objects.filter(project=project, name__icontains=query)
        .select_related("folder")
        .order_by("name", "pk")[:LIMIT]
    )
    results = []
    for item in items:
        where = f" · {item.folder.name}" if item.folder else ""
        snippet = f"{item.get_kind_display()} · {filesizeformat(item.size)}{where}"
        url = reverse("materials:download", kwargs={"project_id": project.pk, "item_id": item.pk})
        results.append((item.name, url, snippet))
    return results
