"""Uploaded files while a request lasts: kept where nothing can outlive the process.

Django's own handler writes each large upload to a *named* temporary file, which a
killed process (kill -9, out of memory, a deploy) leaves behind for ever: 306 MB of
them were found after killed uploads. Here the file is created without a name on
disk (O_TMPFILE, or unlinked at once), in FILE_UPLOAD_TEMP_DIR under var/: the
kernel frees it when the last descriptor closes, whatever ends the process. The
sweep removes anything older that other tools left in that directory.
"""

import os
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler

STALE_AFTER = 60 * 60  # seconds: longer than any request may take


class UnnamedTemporaryUploadedFile(UploadedFile):
    """An uploaded file in a temporary file that has no name on disk."""

    def __init__(self, name, content_type, size, charset, content_type_extra=None):
        file = tempfile.TemporaryFile(dir=settings.FILE_UPLOAD_TEMP_DIR)  # noqa: SIM115 - closed with the request
        super().__init__(file, name, content_type, size, charset, content_type_extra)


class UnnamedTemporaryFileUploadHandler(FileUploadHandler):
    """Streams a file too large for memory into an unnamed temporary file."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.file = UnnamedTemporaryUploadedFile(
            self.file_name, self.content_type, 0, self.charset, self.content_type_extra
        )

    def receive_data_chunk(self, raw_data, start):
        self.file.write(raw_data)

    def file_complete(self, file_size):
        self.file.seek(0)
        self.file.size = file_size
        return self.file

    def upload_interrupted(self):
        if hasattr(self, "file"):
            self.file.close()


def temp_dir() -> Path:
    path = Path(settings.FILE_UPLOAD_TEMP_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def sweep(older_than: float = STALE_AFTER) -> int:
    """Delete files left in the upload directory for longer than a request lasts."""
    cutoff = time.time() - older_than
    removed = 0
    for entry in os.scandir(temp_dir()):
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < cutoff:
                os.unlink(entry.path)
                removed += 1
        except FileNotFoundError:
            continue
    return removed


BODY_MARGIN = 1024 * 1024  # multipart headers and the form's other fields


def max_body_size() -> int:
    """The largest request body taken: one file at the per-file limit, plus the form."""
    return settings.JUMELAGE_MAX_FILE_SIZE + BODY_MARGIN


class BodySizeLimit:
    """ASGI middleware: a request body over the limit is refused while it streams.

    Django reads the whole body before any view runs, so without this a 10 GB upload
    would be written to disk first and refused afterwards. A declared Content-Length
    over the limit is refused before a byte of the body is read; a body that grows past
    it (chunked, or lying about its length) is cut off there.
    """

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = max_body_size()
        headers = dict(scope.get("headers") or [])
        try:
            declared = int(headers.get(b"content-length", b"0"))
        except ValueError:
            declared = 0
        if declared > limit:
            return await self._refuse(scope, send, limit)
        received = 0
        cut = False

        async def limited_receive():
            nonlocal received, cut
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # Django drops its spooled body and answers nothing on a disconnect.
                    cut = True
                    return {"type": "http.disconnect"}
            return message

        await self.app(scope, limited_receive, send)
        if cut:
            await self._refuse(scope, send, limit)

    async def _refuse(self, scope, send, limit):
        import json

        from django.template.defaultfilters import filesizeformat
        from django.utils import translation
        from django.utils.translation import gettext

        headers = dict(scope.get("headers") or [])
        accept = headers.get(b"accept-language", b"").decode("latin-1")
        language = settings.LANGUAGE_CODE
        for code, _quality in translation.trans_real.parse_accept_lang_header(accept):
            try:
                language = translation.get_supported_language_variant(code)
                break
            except LookupError:
                continue
        with translation.override(language):
            message = gettext("This upload is too large: the limit is %(limit)s a file.") % {
                "limit": filesizeformat(limit - BODY_MARGIN)
            }
        if headers.get(b"x-requested-with") == b"XMLHttpRequest":
            result = {"name": "", "ok": False, "message": message}
            body, kind = json.dumps({"results": [result]}).encode(), b"application/json"
        else:
            body, kind = message.encode(), b"text/plain; charset=utf-8"
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", kind),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
