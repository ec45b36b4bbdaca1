"""Shared by the showcase tests: a site and a link checker that needs no server."""

import io
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.files.base import ContentFile
from PIL import Image


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.anchors: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)
            if name == "id" and value:
                self.anchors.add(value)


def broken_links(root: Path) -> list[str]:
    """Every href/src of every page that does not resolve to a file of the site.

    External http(s) links are left out (they are not part of the site); any other
    scheme, an absolute path or a path leaving the site counts as broken.
    """
    broken = []
    root = root.resolve()
    for page in sorted(root.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https") and parts.netloc:
                continue
            if parts.scheme or parts.netloc or parts.path.startswith("/"):
                broken.append(f"{page.relative_to(root)}: {link}")
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.is_relative_to(root) or not target.is_file():
                broken.append(f"{page.relative_to(root)}: {link}")
    return broken


def photo_with_gps(size=(3000, 2000), name="photo.jpg") -> ContentFile:
    """A JPEG carrying a camera maker and a GPS position in its EXIF."""
    image = Image.new("RGB", size, (200, 80, 40))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (48.0, 51.0, 24.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return ContentFile(out.getvalue(), name=name)
