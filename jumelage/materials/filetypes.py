"""What a file really is, read from its bytes: the allow-list of the library.

The name and the type the browser sent are ignored: a renamed program is still a
program. Formats that `filetype` cannot see (text) are checked here so that HTML
and SVG, which a browser would run, get a clear refusal.
"""

from dataclasses import dataclass

import filetype
from django.utils.translation import gettext as _

from jumelage.core.errors import Refused


@dataclass(frozen=True)
class Detected:
    kind: str  # Item.Kind value
    mime: str
    extension: str


# extension found by `filetype` -> (kind, safe MIME type we answer with)
ALLOWED = {
    "jpg": ("image", "image/jpeg"),
    "png": ("image", "image/png"),
    "gif": ("image", "image/gif"),
    "webp": ("image", "image/webp"),
    "bmp": ("image", "image/bmp"),
    "tif": ("image", "image/tiff"),
    "pdf": ("pdf", "application/pdf"),
    "docx": (
        "office",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xlsx": ("office", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pptx": (
        "office",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    "odt": ("office", "application/vnd.oasis.opendocument.text"),
    "ods": ("office", "application/vnd.oasis.opendocument.spreadsheet"),
    "odp": ("office", "application/vnd.oasis.opendocument.presentation"),
    "mp3": ("audio", "audio/mpeg"),
    "m4a": ("audio", "audio/mp4"),
    "ogg": ("audio", "audio/ogg"),
    "flac": ("audio", "audio/flac"),
    "wav": ("audio", "audio/wav"),
    "aac": ("audio", "audio/aac"),
    "mp4": ("video", "video/mp4"),
    "m4v": ("video", "video/mp4"),
    "webm": ("video", "video/webm"),
    "mov": ("video", "video/quicktime"),
    "avi": ("video", "video/x-msvideo"),
    "mkv": ("video", "video/x-matroska"),
    "mpg": ("video", "video/mpeg"),
    "3gp": ("video", "video/3gpp"),
}

EXECUTABLE_MAGIC = (
    b"MZ",  # Windows PE, DOS
    b"\x7fELF",  # Linux
    b"\xca\xfe\xba\xbe",  # Mach-O universal, Java class
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"#!",  # scripts
)
EXECUTABLE_TYPES = {"exe", "elf", "wasm", "deb", "rpm", "crx", "cab", "swf"}
HTML_MARKERS = ("<!doctype html", "<html", "<head", "<body", "<script", "<iframe", "<meta")
HEAD_SIZE = 8192


def allowed_summary() -> str:
    return _(
        "Accepted files: images (JPEG, PNG, GIF, WebP), PDF, office documents "
        "(docx, xlsx, pptx, odt, ods, odp), audio and video."
    )


def _text_head(head: bytes) -> str:
    text = head.decode("utf-8", errors="ignore") or head.decode("latin-1", errors="ignore")
    return text.lstrip("\ufeff \t\r\n").lower()


def detect(fileobj) -> Detected:
    """The kind of the file, or `Refused` with a message the user understands."""
    fileobj.seek(0)
    head = fileobj.read(HEAD_SIZE)
    fileobj.seek(0)
    if not head:
        raise Refused(_("The file is empty."))
    if head.startswith(EXECUTABLE_MAGIC):
        raise Refused(_("Programs and scripts are not accepted, whatever their name."))
    guess = filetype.guess(head)
    if guess is not None and guess.extension in {"docx", "xlsx", "pptx", "zip"}:
        # Office Open XML members can sit beyond the first bytes: look at the whole file.
        fileobj.seek(0)
        guess = filetype.guess(fileobj.read(2 * 1024 * 1024)) or guess
        fileobj.seek(0)
    if guess is not None:
        if guess.extension in EXECUTABLE_TYPES:
            raise Refused(_("Programs and scripts are not accepted, whatever their name."))
        if guess.extension in ALLOWED:
            kind, mime = ALLOWED[guess.extension]
            return Detected(kind, mime, guess.extension)
        raise Refused(
            _("This type of file (%(type)s) is not accepted.") % {"type": guess.extension}
            + " "
            + allowed_summary()
        )
    text = _text_head(head)
    if "<svg" in text:
        raise Refused(
            _("SVG images are not accepted because they can carry scripts: upload a PNG or JPEG.")
        )
    if any(marker in text for marker in HTML_MARKERS):
        raise Refused(_("Web pages (HTML) are not accepted."))
    raise Refused(_("This type of file is not accepted.") + " " + allowed_summary())
