"""Images are decoded and encoded again: what comes out is pixels only.

Re-encoding drops every piece of metadata (EXIF with its GPS position, XMP, IPTC,
comments, ICC profiles) and anything hidden after the image data, so a pupil's
photo never tells where it was taken.
"""

import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

THUMBNAIL_SIZE = (320, 320)
MAX_PIXELS = 60_000_000  # about 60 megapixels: larger ones are refused, not decoded


@dataclass(frozen=True)
class Clean:
    data: bytes
    extension: str
    mime: str
    width: int
    height: int
    thumbnail: bytes
    thumbnail_extension: str


def _pixels_only(image: Image.Image) -> Image.Image:
    """A fresh image holding the same pixels and nothing else."""
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        has_alpha = "A" in image.mode or "transparency" in image.info
        image = image.convert("RGBA" if has_alpha else "RGB")
    return Image.frombytes(image.mode, image.size, image.tobytes())


def _encode(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG":
        if image.mode != "RGB":
            image = image.convert("RGB")
        image.save(out, "JPEG", quality=88, optimize=True)
    elif fmt == "WEBP":
        image.save(out, "WEBP", quality=88)
    else:
        image.save(out, "PNG", optimize=True)
    return out.getvalue()


def reencode(fileobj, source_extension: str) -> Clean:
    """Decode, apply the EXIF orientation, keep the pixels, encode again, make a thumbnail."""
    fileobj.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(fileobj) as probe:
                width, height = probe.size
                if width * height > MAX_PIXELS:
                    raise ValidationError(_("This image is too large (too many pixels)."))
                probe.load()
                upright = ImageOps.exif_transpose(probe)
                clean = _pixels_only(upright)
    except ValidationError:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Warning) as exc:
        raise ValidationError(_("This image is damaged or cannot be read.")) from exc
    if source_extension == "jpg":
        fmt, ext, mime = "JPEG", "jpg", "image/jpeg"
    elif source_extension == "webp":
        fmt, ext, mime = "WEBP", "webp", "image/webp"
    else:
        fmt, ext, mime = "PNG", "png", "image/png"
    data = _encode(clean, fmt)
    thumb = clean.copy()
    thumb.thumbnail(THUMBNAIL_SIZE)
    thumb_fmt = "PNG" if "A" in thumb.mode else "JPEG"
    return Clean(
        data=data,
        extension=ext,
        mime=mime,
        width=clean.width,
        height=clean.height,
        thumbnail=_encode(thumb, thumb_fmt),
        thumbnail_extension="png" if thumb_fmt == "PNG" else "jpg",
    )
