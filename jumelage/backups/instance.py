"""Backing up and restoring the whole instance: database, media, key and configuration.

One backup is one dated directory holding the parts and a manifest of their
checksums. The database is dumped by the real tools (pg_dump/pg_restore), or by
SQLite's online backup API for the embedded default; the media tree is a tar
streamed from disk, so memory stays flat whatever its size. The secret key and
the configuration are written apart (mode 0600): restoring prints where they
are, it never rewrites the operator's environment.
"""

import hashlib
import json
import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import tarfile
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection, connections
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
MANIFEST = "manifest.json"
PG_DUMP = "database.pgdump"
SQLITE_DUMP = "database.sqlite3"
MEDIA = "media.tar"
SECRET_KEY = "secret_key"  # noqa: S105 - the name of the part, not a key
CONFIG = "config.env"
PRIVATE = 0o600
CHUNK = 1024 * 1024
# Read by settings.py but not one of its env.*("NAME") calls.
EXTRA_VARIABLES = ("DJANGO_SETTINGS_MODULE",)


class BackupError(Exception):
    """Something the operator must fix; the message says what."""


@dataclass(frozen=True)
class Restored:
    directory: Path
    manifest: dict


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while block := stream.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _private(path: Path) -> None:
    path.chmod(PRIVATE)


def _version() -> str:
    """The installed package's version, or the checkout's (Jumelage runs from a checkout)."""
    try:
        return metadata.version("jumelage")
    except metadata.PackageNotFoundError:
        pass
    try:
        with Path(settings.BASE_DIR, "pyproject.toml").open("rb") as stream:
            return tomllib.load(stream)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def configuration_variables() -> list[str]:
    """The environment variables Jumelage reads, found in settings.py itself.

    Read from the source rather than listed here, so a setting added by any app
    is backed up without anyone remembering to add it.
    """
    source = Path(settings.BASE_DIR, "jumelage", "settings.py").read_text()
    calls = r"""\b[eE]nv(?:\(\))?(?:\.\w+)?\(\s*["']([A-Z][A-Z0-9_]*)["']"""
    names = set(re.findall(calls, source))
    return sorted(names | set(EXTRA_VARIABLES))


def _configuration() -> str:
    lines = ["# Jumelage configuration at backup time (the variables that were set)."]
    for name in configuration_variables():
        if name in os.environ and name != "SECRET_KEY":
            lines.append(f"{name}={shlex.quote(os.environ[name])}")
    return "\n".join(lines) + "\n"


def _migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


# --- PostgreSQL, through its own tools --------------------------------------------


def _pg_env() -> dict[str, str]:
    db = settings.DATABASES["default"]
    environment = {**os.environ}
    if db.get("OPTIONS", {}).get("sslmode"):
        environment["PGSSLMODE"] = db["OPTIONS"]["sslmode"]
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if db.get(key):
            environment[variable] = str(db[key])
    environment["PGDATABASE"] = db["NAME"]
    return environment


def _run(command: list[str], environment: dict) -> None:
    result = subprocess.run(command, env=environment, capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _dump_postgresql(target: Path) -> None:
    _run(
        ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"],
        _pg_env(),
    )


def _restore_postgresql(source: Path, force: bool) -> None:
    command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"]
    command += ["--clean", "--if-exists"] if force else ["--single-transaction"]
    environment = _pg_env()
    command += [f"--dbname={environment['PGDATABASE']}", str(source)]
    _run(command, environment)


# --- SQLite, through its online backup API ---------------------------------------


def _sqlite_copy(source: str, target: str) -> None:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


# --- Media -------------------------------------------------------------------------


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _local_media() -> bool:
    return isinstance(default_storage, FileSystemStorage)


def _dump_media(target: Path, skip: bool) -> int:
    """A tar of the media tree, streamed file by file; returns how many files."""
    if not skip and not _local_media():
        raise BackupError(
            "The media files are not on this machine's disk (an object store): back them "
            "up with the store's own versioning or replication and pass --skip-media."
        )
    root = _media_root()
    count = 0
    with tarfile.open(target, "w") as archive:
        if root.is_dir() and not skip:
            for path in sorted(root.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    archive.add(path, arcname=str(path.relative_to(root)), recursive=False)
                    count += 1
    return count


def _restore_media(source: Path) -> None:
    root = _media_root()
    root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source, "r") as archive:
        # The "data" filter refuses absolute paths, "..", links outside and devices.
        archive.extractall(root, filter="data")


# --- The two operations ------------------------------------------------------------


def backup(to: Path, now: datetime | None = None, *, skip_media: bool = False) -> Path:
    """Write one dated backup under `to` and return its directory.

    The parts go to a hidden directory first, renamed once the manifest is
    written: a backup directory that exists is complete.
    """
    now = now or datetime.now(UTC)
    to = Path(to)
    to.mkdir(parents=True, exist_ok=True)
    name = f"jumelage-{now:%Y%m%dT%H%M%SZ}"
    final = to / name
    if final.exists():
        raise BackupError(f"{final} already exists.")
    work = to / f".{name}.partial"
    work.mkdir(mode=0o700)  # the parts are only readable through it while written
    try:
        _write_parts(work, now, skip_media)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    work.rename(final)
    return final


def _write_parts(work: Path, now: datetime, skip_media: bool) -> None:
    vendor = connection.vendor
    if vendor == "postgresql":
        database = work / PG_DUMP
        _dump_postgresql(database)
    elif vendor == "sqlite":
        database = work / SQLITE_DUMP
        _sqlite_copy(str(settings.DATABASES["default"]["NAME"]), str(database))
    else:
        raise BackupError(f"Backing up a {vendor} database is not supported.")
    files = _dump_media(work / MEDIA, skip_media)
    (work / SECRET_KEY).write_text(settings.SECRET_KEY + "\n")
    (work / CONFIG).write_text(_configuration())
    parts = {}
    for path in sorted(work.iterdir()):
        _private(path)
        parts[path.name] = {"sha256": _sha256(path), "size": path.stat().st_size}
    manifest = {
        "format": FORMAT,
        "jumelage_version": _version(),
        "created_at": now.isoformat(),
        "database": {"vendor": vendor, "part": database.name},
        "media_files": files,
        "media_skipped": skip_media,
        "migrations": _migrations(),
        "parts": parts,
    }
    (work / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    _private(work / MANIFEST)


def verify(directory: Path) -> dict:
    """The manifest, once every part's checksum matched it."""
    directory = Path(directory)
    try:
        manifest = json.loads((directory / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"No readable {MANIFEST} in {directory}: {exc}") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    for name, expected in manifest["parts"].items():
        path = directory / name
        if not path.is_file():
            raise BackupError(f"{name} is missing from {directory}.")
        if _sha256(path) != expected["sha256"]:
            raise BackupError(f"{name} does not match its checksum: the backup is damaged.")
    return manifest


def _database_is_empty() -> bool:
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def _media_is_empty() -> bool:
    root = _media_root()
    return not root.exists() or not any(root.iterdir())


def restore(directory: Path, *, force: bool = False) -> Restored:
    """Put a backup's database and media back; refuses to overwrite unless `force`."""
    directory = Path(directory)
    manifest = verify(directory)
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(
            f"This backup holds a {vendor} database; the configured one is "
            f"{connection.vendor}. Configure DATABASE_URL for {vendor}."
        )
    if not force and not _database_is_empty():
        raise BackupError("The configured database is not empty (use --force to replace it).")
    media = not manifest.get("media_skipped", False)
    if media and not force and not _media_is_empty():
        raise BackupError(f"MEDIA_ROOT ({_media_root()}) is not empty (use --force to add).")
    database = directory / manifest["database"]["part"]
    if vendor == "postgresql":
        connections.close_all()
        _restore_postgresql(database, force)
    else:
        connections.close_all()
        _sqlite_copy(str(database), str(settings.DATABASES["default"]["NAME"]))
    if media:
        _restore_media(directory / MEDIA)
    return Restored(directory, manifest)
