"""What the library plugs into the TwinSpace's home: its newest files."""

import functools

from django.utils.translation import gettext as _

from jumelage.accounts.models import name_columns, shown_name
from jumelage.core.prepared import Prepared
from jumelage.core.reversing import ROW, fixed_url
from jumelage.twinspace.registry import Activity

from .models import Item


@functools.cache
def _newest(limit: int) -> Prepared:
    """A project's newest files, prepared (the home asks on every visit) for this limit."""
    return Prepared(
        lambda project_id: (
            Item.objects.filter(project_id=project_id)
            .order_by("-created_at", "-pk")
            .values_list("created_at", "pk", "name", *name_columns("uploaded_by__"))[:limit]
        ),
        project_id=int,
    )


def latest_files(access, limit: int) -> list[Activity]:
    """The newest files of the library, for the space's home."""
    project = access.project
    if not access.can_view_space:
        return []
    items = _newest(limit).list(project_id=project.pk)
    url = fixed_url("materials:download", project_id=project.pk, item_id=ROW)
    return [
        Activity(
            when=when,
            text=_("New file: %(name)s") % {"name": name},
            url=url.format(pk),
            who=shown_name(*uploader),
        )
        for when, pk, name, *uploader in items
    ]
