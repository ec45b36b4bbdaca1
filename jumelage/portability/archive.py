"""The archive format (version 1) and the contexts the parts work with.

One zip: `project.json` (the document) and `files/<sha256>` (every file, once).
References inside the document are archive-local ("p3" for a person, "files/..."
for a file, "<part>-<n>" for content), never database ids: an archive imports
into any instance without colliding with what is already there. Lists are in
the source's creation order (by id), and an import creates rows in list order,
so a second export of the imported project lists them in the same order.
"""

import hashlib
import json
import shutil
import zipfile
from datetime import date, datetime

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

FORMAT = "jumelage-project"
VERSION = 1
SUPPORTED_VERSIONS = (1,)
DOCUMENT = "project.json"
CHUNK = 1024 * 1024
# The document is text only (files are apart): even a huge project's is far smaller.
MAX_DOCUMENT = 256 * 1024 * 1024


class ArchiveError(Exception):
    """The uploaded file is not a project archive this instance can read."""


def iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def when(value: str | None) -> datetime | None:
    return parse_datetime(value) if value else None


def day(value: str | None) -> date | None:
    return parse_date(value) if value else None


def first_name(name: str) -> str:
    """Pupils travel by first name only (issue 20): the first word of the shown name."""
    parts = (name or "").split()
    return parts[0] if parts else "?"


def sha256_of(field_file) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with field_file.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


class _Dates:
    """Date helpers on the contexts, so that parts need not import this app."""

    iso = staticmethod(iso)
    when = staticmethod(when)
    day = staticmethod(day)
    first_name = staticmethod(first_name)


class ExportContext(_Dates):
    """What a part's `export(ctx)` uses: the project, people and file references."""

    def __init__(self, project):
        self.project = project
        self.people: dict[int, dict] = {}  # user id -> person entry (insertion = ref order)
        self.files: dict[str, str] = {}  # archive path -> storage name
        # Members first, in the order they joined: their references are p1, p2...
        for member in project.memberships.select_related("user").order_by("id"):
            self.add_person(member.user, role=member.role)

    def add_person(self, user, **entry) -> str:
        if user.pk not in self.people:
            ref = f"p{len(self.people) + 1}"
            pupil = user.kind == user.Kind.PUPIL
            self.people[user.pk] = {
                "ref": ref,
                "kind": user.kind,
                "name": first_name(user.display_name) if pupil else user.display_name,
                "email": None if pupil else user.email,
                "role": None,
                **entry,
            }
        return self.people[user.pk]["ref"]

    def person(self, user_or_id) -> str | None:
        """The archive reference of a person (None stays None).

        Members were added by the members part; anyone else who left a trace
        (a former member, a moderator) travels by name only, without email.
        """
        if user_or_id is None:
            return None
        user_id = getattr(user_or_id, "pk", user_or_id)
        if user_id not in self.people:
            from jumelage.accounts.models import User

            user = User.objects.get(pk=user_id)
            self.add_person(user)
            self.people[user_id]["email"] = None
        return self.people[user_id]["ref"]

    def file(self, field_file) -> dict | None:
        """Reference a stored file: its bytes go to `files/<sha256>` (once per content)."""
        if not field_file:
            return None
        digest, size = sha256_of(field_file)
        path = f"files/{digest}"
        self.files[path] = field_file.name
        base = field_file.name.rsplit("/", 1)[-1]
        ext = base.rsplit(".", 1)[-1].lower() if "." in base else "bin"
        return {"path": path, "size": size, "ext": ext}

    def moderation(self, obj) -> dict:
        return {
            "visibility": obj.visibility,
            "moderated_by": self.person(obj.moderated_by_id),
            "moderated_at": iso(obj.moderated_at),
        }


class ImportContext(_Dates):
    """What a part's `import_(ctx, data)` uses: the new project, people and files."""

    def __init__(self, archive: zipfile.ZipFile, importer, *, status: str | None):
        self.archive = archive
        self.importer = importer
        self.status = status  # the status the new project takes (services decides)
        self.project = None
        self.users: dict[str, object] = {}  # person ref -> User
        self.members: set[str] = set()  # refs that become members of the new project

    def joins(self, ref) -> bool:
        return ref in self.members

    def user(self, ref):
        return self.users.get(ref) if ref else None

    def file(self, entry: dict | None):
        """A Django File reading the archived bytes in chunks (nothing held in memory)."""
        if not entry:
            return None
        from django.core.files import File

        path = entry["path"]
        try:
            info = self.archive.getinfo(path)
        except KeyError as exc:
            raise ArchiveError(f"missing file {path}") from exc
        if info.file_size != entry.get("size", info.file_size):
            raise ArchiveError(f"wrong size for {path}")
        name = f"{path.rsplit('/', 1)[-1][:16]}.{entry.get('ext') or 'bin'}"
        return File(self.archive.open(info), name=name)

    def moderation(self, data: dict) -> dict:
        return {
            "visibility": data["visibility"],
            "moderated_by": self.user(data.get("moderated_by")),
            "moderated_at": when(data.get("moderated_at")),
        }

    @staticmethod
    def keep_times(obj, **times) -> None:
        """Put back timestamps that auto_now/auto_now_add overwrote (one UPDATE, no save())."""
        values = {name: when(value) for name, value in times.items()}
        type(obj)._base_manager.filter(pk=obj.pk).update(**values)


def write_archive(target, document: dict, files: dict[str, str], storage, progress=None) -> None:
    """Write the zip to the binary file object `target`, streaming every file in chunks.

    `files` maps archive paths to storage names; `progress(done)` is called
    after each file. Only one chunk of a file is in memory at a time.
    """
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
        for done, (path, name) in enumerate(sorted(files.items()), start=1):
            info = zipfile.ZipInfo(path, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED  # media is already compressed
            with storage.open(name, "rb") as src, zf.open(info, "w", force_zip64=True) as dest:
                shutil.copyfileobj(src, dest, CHUNK)
            if progress:
                progress(done)
        zf.writestr(DOCUMENT, json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True))


def read_document(zf: zipfile.ZipFile, *, max_bytes: int | None = None) -> dict:
    """The document of an archive, checked for format and version.

    With `max_bytes`, an archive that would unpack to more (a zip bomb, or simply
    too big for this site) is refused before anything is read.
    """
    if max_bytes is not None:
        infos = zf.infolist()
        if sum(info.file_size for info in infos) > max_bytes:
            raise ArchiveError("too large once unpacked")
        document_info = next((i for i in infos if i.filename == DOCUMENT), None)
        if document_info is not None and document_info.file_size > MAX_DOCUMENT:
            raise ArchiveError("project.json too large")
    try:
        with zf.open(DOCUMENT) as handle:
            document = json.load(handle)
    except (KeyError, ValueError, UnicodeDecodeError) as exc:
        raise ArchiveError("no readable project.json") from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ArchiveError("not a Jumelage project archive")
    if document.get("version") not in SUPPORTED_VERSIONS:
        raise ArchiveError(f"unsupported version {document.get('version')!r}")
    return upgrade(document)


def upgrade(document: dict) -> dict:
    """Bring an older version's document to the current shape (one step per version).

    Version 1 is the first: nothing to do yet. A version 2 adds `_from_1(document)`
    here and keeps the fixture of version 1 importing (tests/fixtures/project-v1.zip).
    """
    return document


def now_iso() -> str:
    return timezone.now().isoformat()
