"""The parts of a project archive, each contributed by the app that owns the data.

An app registers its part from `<app>/portability.py` (found by autodiscovery the
first time an export or import runs, the pattern of core.exports): the module
defines `register(registry)` and calls `registry.register_part(...)` on the
registry it is handed, so the content apps never import this app (which sits
above them: it reads projects, notifications and mail) and no app
lists the others and a new app cannot be forgotten silently: the test
`test_every_project_model_is_covered` fails for any model with a foreign key to
projects.Project that no part names in `models` and that no `exclude_model`
call excuses with a reason.

Contract of a part, registered with `register_part(key, export=, import_=, order=, models=)`:
- `export(ctx)` returns plain JSON-ready data for `ctx.project` (an
  `archive.ExportContext`): people as `ctx.person(user)` references, files as
  `ctx.file(field_file)` references, dates as ISO 8601 strings; it only reads;
- `import_(ctx, data)` recreates that data in `ctx.project` (an
  `archive.ImportContext`), inside the import's single transaction;
- parts run in `order` (then key): the project and its members come first.
"""

import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from django.apps import apps


@dataclass(frozen=True)
class Part:
    key: str
    export: Callable
    import_: Callable
    order: int
    models: tuple[str, ...]


PARTS: dict[str, Part] = {}
# "app_label.ModelName" -> why it is not in an archive.
EXCLUDED: dict[str, str] = {
    "portability.ProjectExport": "The archives themselves: an archive never holds older archives.",
}


def register_part(
    key: str, *, export: Callable, import_: Callable, order: int = 50, models=()
) -> None:
    """Add a part named `key`; `models` lists the "app_label.Model" labels it carries."""
    PARTS[key] = Part(key, export, import_, order, tuple(models))


def exclude_model(label: str, reason: str) -> None:
    """Say why a project model ("app_label.Model") is deliberately left out of archives."""
    EXCLUDED[label] = reason


_DISCOVERED: set[str] = set()


def discover() -> None:
    """Import every app's `portability` module once and let it register its part."""
    for config in apps.get_app_configs():
        name = f"{config.name}.portability"
        if name in _DISCOVERED or config.name == "jumelage.portability":
            continue
        try:
            module = import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            continue
        _DISCOVERED.add(name)
        register = getattr(module, "register", None)
        if register is not None:
            register(sys.modules[__name__])


def parts() -> list[Part]:
    discover()
    return sorted(PARTS.values(), key=lambda p: (p.order, p.key))
