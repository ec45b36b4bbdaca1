"""Cover images are checked by their content, re-encoded and stripped of metadata.

Re-encoding from pixels drops EXIF (GPS position, camera serial), comments and
anything smuggled after the image data; a file that Pillow cannot decode as one
of the allowed formats is refused whatever its name says.
"""

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
MAX_SIDE = 1600
MAX_PIXELS = 40_000_000


def clean_cover(upload) -> ContentFile:
    """A new JPEG (or PNG when the image has transparency), without metadata."""
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            fmt = probe.format
            width, height = probe.size
            probe.verify()
        if fmt not in ALLOWED_FORMATS:
            raise ValidationError(_("Choose a JPEG, PNG, GIF or WebP image."), code="format")
        if width * height > MAX_PIXELS:
            raise ValidationError(_("This image is too large."), code="too_large")
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
            image = ImageOps.exif_transpose(image)
            has_alpha = image.mode in ("RGBA", "LA") or (
                image.mode == "P" and "transparency" in image.info
            )
            image = image.convert("RGBA" if has_alpha else "RGB")
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            out = io.BytesIO()
            if has_alpha:
                image.save(out, format="PNG", optimize=True)
                name = "cover.png"
            else:
                image.save(out, format="JPEG", quality=85, optimize=True)
                name = "cover.jpg"
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            _("This file is not an image we can read (JPEG, PNG, GIF or WebP)."), code="invalid"
        ) from exc
    return ContentFile(out.getvalue(), name=name)
