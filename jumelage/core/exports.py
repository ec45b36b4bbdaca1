"""A person's data export, gathered from every app that holds some (review R9, issue 14).

Each app that keeps data about or by a person contributes its own part from a
module `<app>/exports.py`, found by `autodiscover_modules("exports")` the first
time an export is asked for: no app lists the others, and adding an app needs no
edit here or in accounts (pretix's exporter and shredder signals, as a registry).

Contract of a contributor, registered with
`@register_export(key, order, models=[Model, ...])`:
- it is called as `contributor(user)` with the person whose data is exported
  (any kind of account, active or not);
- it returns plain JSON-ready data (dicts, lists, strings, numbers, None);
  dates as ISO 8601 strings; the person's own data only: other people appear
  by display name at most, never by email;
- its result is put under `key` in `data.json`; `order` sorts the keys (the
  file reads top to bottom in that order);
- `models` names the models with a user foreign key whose rows about this
  person it covers: core/tests/test_exports_coverage.py fails for any model
  with a user foreign key that no contributor covers and that is not in its
  explicit exclusion list (with a reason), so a new app cannot be forgotten;
- it only reads: never writes, never sends anything; it makes a fixed number of
  queries, whatever the number of rows (select_related/prefetch_related).

Files: an app whose person uploaded files registers
`@register_export_files(key)` on `function(user)`, which yields
`(storage_name, archive_name)` pairs: the file `storage_name` of the default
storage is copied into the zip as `files/<archive_name>`. The data part names
the same `files/...` path (use `archive_path()` on both sides).

`write_archive(user, fileobj)` writes the zip (`data.json` plus `files/...`)
into an open binary file, copying each stored file in chunks: memory stays
bounded whatever the number or size of uploads.
"""

import json
import shutil
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

CHUNK = 64 * 1024


@dataclass(frozen=True)
class Contributor:
    key: str
    function: Callable[[object], object]
    order: int
    models: tuple = field(default=())


CONTRIBUTORS: dict[str, Contributor] = {}
FILE_CONTRIBUTORS: dict[str, Callable[[object], Iterable[tuple[str, str]]]] = {}


def register_export(key: str, order: int = 50, models: Iterable = ()) -> Callable:
    """Decorator: `function(user)` gives the export's part named `key` (see the module's contract)."""

    def decorator(function):
        CONTRIBUTORS[key] = Contributor(key, function, order, tuple(models))
        return function

    return decorator


def register_export_files(key: str) -> Callable:
    """Decorator: `function(user)` yields `(storage_name, archive_name)` of the person's files."""

    def decorator(function):
        FILE_CONTRIBUTORS[key] = function
        return function

    return decorator


def archive_path(key: str, pk, name: str) -> str:
    """The path of a file inside the zip: unique (by key and id) and without any folder of the storage."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1] or "file"
    return f"files/{key}/{pk}-{base}"


def iso(moment) -> str | None:
    """A date or datetime as ISO 8601, None stays None."""
    return moment.isoformat() if moment else None


def name_of(user) -> str | None:
    """Another person, as the export may show them: their display name at most."""
    return user.display_name if user is not None else None


def discover() -> None:
    autodiscover_modules("exports")


def covered_models() -> set:
    discover()
    return {model for c in CONTRIBUTORS.values() for model in c.models}


def export_data(user) -> dict:
    """Everything the platform holds about a person, as plain JSON-ready data."""
    discover()
    data: dict = {"exported_at": timezone.now().isoformat()}
    for contributor in sorted(CONTRIBUTORS.values(), key=lambda c: (c.order, c.key)):
        data[contributor.key] = contributor.function(user)
    return data


def export_files(user) -> list[tuple[str, str]]:
    discover()
    pairs: list[tuple[str, str]] = []
    for key in sorted(FILE_CONTRIBUTORS):
        pairs.extend(FILE_CONTRIBUTORS[key](user))
    return pairs


def write_archive(user, fileobj) -> None:
    """The zip of a person's data: `data.json` and the files, copied in chunks."""
    data = export_data(user)
    missing = []
    with zipfile.ZipFile(fileobj, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        seen = set()
        for storage_name, archive_name in export_files(user):
            if archive_name in seen:
                continue
            seen.add(archive_name)
            try:
                source = default_storage.open(storage_name, "rb")
            except (OSError, ValueError):
                missing.append(archive_name)
                continue
            with source, archive.open(archive_name, "w", force_zip64=True) as target:
                shutil.copyfileobj(source, target, CHUNK)
        data["files_missing"] = missing
        archive.writestr("data.json", json.dumps(data, indent=2, ensure_ascii=False))
