"""What the library plugs into the TwinSpace (search, latest activity).

The TwinSpace registry (jumelage.twinspace.registry) lands separately: until it
exists, registering does nothing and these functions are simply unused.
"""

from dataclasses import dataclass
from datetime import datetime
from importlib import import_module

from django.urls import reverse
from django.utils.translation import gettext as _

from . import policies
from .models import Item


@dataclass(frozen=True)
class _Activity:
    """Same fields as twinspace.registry.Activity, used only until that lands."""

    when: datetime
    text: str
    url: str
    who: str = ""


def activity(**fields):
    try:
        cls = import_module("jumelage.twinspace.registry").Activity
    except (ImportError, AttributeError):
        cls = _Activity
    return cls(**fields)


def register(function_name: str, *args, **kwargs) -> bool:
    """Call twinspace.registry.<function_name>(...) when the registry has it."""
    try:
        registry = import_module("jumelage.twinspace.registry")
    except ImportError:
        return False
    function = getattr(registry, function_name, None)
    if function is None:
        return False
    function(*args, **kwargs)
    return True


def latest_files(project, user, limit: int) -> list:
    """The newest files of the library, for the space's home."""
    if not policies.can_view(user, project):
        return []
    items = (
        Item.objects.filter(project=project)
        .select_related("uploaded_by")
        .order_by("-created_at", "-pk")[:limit]
    )
    return [
        activity(
            when=item.created_at,
            text=_("New file: %(name)s") % {"name": item.name},
            url=reverse(
                "materials:download", kwargs={"project_id": project.pk, "item_id": item.pk}
            ),
            who=str(item.uploaded_by or ""),
        )
        for item in items
    ]
