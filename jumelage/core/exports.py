"""A person's data export, gathered from every app that holds some (review R9).

Each app that keeps data about a person contributes its own part from a module
`<app>/exports.py`, found by `autodiscover_modules("exports")` the first time an
export is asked for: no app lists the others, and adding an app needs no edit
here or in accounts (pretix's exporter and shredder signals, as a registry).

Contract of a contributor, registered with `@register_export(key, order)`:
- it is called as `contributor(user)` with the person whose data is exported
  (any kind of account, active or not);
- it returns plain JSON-ready data (dicts, lists, strings, numbers, None);
  dates as ISO 8601 strings;
- its result is put under `key` in the export; `order` sorts the keys (the
  file reads top to bottom in that order);
- it only reads: never writes, never sends anything.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class Contributor:
    key: str
    function: Callable[[object], object]
    order: int


CONTRIBUTORS: dict[str, Contributor] = {}


def register_export(key: str, order: int = 50) -> Callable:
    """Decorator: `function(user)` gives the export's part named `key` (see the module's contract)."""

    def decorator(function):
        CONTRIBUTORS[key] = Contributor(key, function, order)
        return function

    return decorator


def discover() -> None:
    autodiscover_modules("exports")


def export_data(user) -> dict:
    """Everything the platform holds about a person, as plain JSON-ready data."""
    discover()
    data: dict = {"exported_at": timezone.now().isoformat()}
    for contributor in sorted(CONTRIBUTORS.values(), key=lambda c: (c.order, c.key)):
        data[contributor.key] = contributor.function(user)
    return data
