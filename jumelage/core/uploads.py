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
