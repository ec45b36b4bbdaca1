"""The one image pipeline for every upload: materials, blog covers, profile photos.

An uploaded image is a promise of pixels: a 224 KiB PNG can claim 7700 × 7700 of
them and cost a gigabyte once decoded. So the header is read first and an image
with too many pixels is refused before any decoding. What is accepted is decoded
once (JPEGs directly at a reduced scale when they are to be shrunk), shrunk and
converted band by band into the one picture that is kept, turned upright,
and encoded again: pixels only, so EXIF (GPS position), XMP, IPTC, comments, ICC
profiles and anything hidden after the image data are gone. At most the decoded
source and the (smaller) result are in memory at once; see docs/security.md, "Uploads"
for the bound and the test that measures it.
"""

import math
import tempfile
import uuid
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

# Enough for any school photo (phones store 12 MP, cameras 24 to 45 MP).
MAX_PIXELS = 40_000_000
# libwebp holds the frame several times while decoding: a quarter of the budget.
MAX_WEBP_PIXELS = MAX_PIXELS // 4
# Every decode in the process, the ones Django's ImageField does included, refuses
# more than MAX_PIXELS: Pillow warns above the limit, and the warning is an error.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
warnings.filterwarnings("error", category=Image.DecompressionBombWarning)

BAND_BYTES = 2 * 1024 * 1024  # source bytes converted or resized in one go
ALPHA_MODES = {"RGBA", "LA", "PA", "RGBa", "La"}
HIGH_DEPTH_MODES = {"I", "F", "I;16", "I;16B", "I;16L", "I;16N"}
ORIENTATION = 0x0112
TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
OUTPUT = {  # Pillow format -> (extension, MIME type)
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}


@dataclass(frozen=True)
class Recipe:
    """What one kind of upload accepts and keeps."""

    formats: frozenset  # Pillow format names read
    max_side: int  # longest side kept; larger images are shrunk
    keep_format: bool  # JPEG and WebP stay so; the rest become PNG (else JPEG, PNG if alpha)
    alpha: bool = True  # False: transparency is flattened onto white, always JPEG
    thumbnail: int = 0  # side of a thumbnail, 0 for none


WEB_FORMATS = frozenset({"JPEG", "PNG", "GIF", "WEBP"})
MATERIAL = Recipe(WEB_FORMATS | {"BMP", "TIFF"}, max_side=4096, keep_format=True, thumbnail=320)
BLOG_COVER = Recipe(WEB_FORMATS, max_side=1600, keep_format=False)
PROFILE_PHOTO = Recipe(WEB_FORMATS, max_side=600, keep_format=False, alpha=False)


@dataclass
class Clean:
    """The re-encoded image: `content` is a File to save, then close."""

    content: File
    extension: str
    mime: str
    width: int
    height: int
    size: int
    thumbnail: bytes = b""
    thumbnail_extension: str = ""


def too_many_pixels(limit: int = MAX_PIXELS) -> ValidationError:
    return ValidationError(
        _(
            "This image has too many pixels: the limit is %(limit)s megapixels. "
            "Make it smaller and try again."
        )
        % {"limit": limit // 1_000_000},
        code="too_many_pixels",
    )


def not_an_image(formats) -> ValidationError:
    return ValidationError(
        _("This file is not an image we can read (%(formats)s).")
        % {"formats": ", ".join(_format_label(f) for f in sorted(formats))},
        code="invalid_image",
    )


def _format_label(fmt: str) -> str:
    return {"WEBP": "WebP"}.get(fmt, fmt)


def open_checked(fileobj, formats) -> Image.Image:
    """Read the header only; refuse what is not an allowed format or has too many pixels."""
    fileobj.seek(0)
    try:
        image = Image.open(fileobj, formats=sorted(formats))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise too_many_pixels() from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as exc:
        raise not_an_image(formats) from exc
    width, height = image.size
    limit = MAX_WEBP_PIXELS if image.format == "WEBP" else MAX_PIXELS
    if width < 1 or height < 1 or width * height > limit:
        image.close()
        raise too_many_pixels(limit)
    return image


def _fit_size(size, max_side: int) -> tuple[int, int]:
    width, height = size
    scale = min(1.0, max_side / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ALPHA_MODES or "transparency" in image.info


def _to_mode(band: Image.Image, mode: str) -> Image.Image:
    """Convert one band of the image into the mode kept (small: bands only)."""
    if band.mode == mode:
        return band
    if band.mode in HIGH_DEPTH_MODES:
        band = band.convert("L")
    if mode == "RGB" and _has_alpha(band):
        band = band.convert("RGBA")
        flat = Image.new("RGB", band.size, "white")
        flat.paste(band, mask=band.getchannel("A"))
        return flat
    return band.convert(mode)


def fit(source: Image.Image, size: tuple[int, int], mode: str) -> Image.Image:
    """`source` resized to `size` in `mode`, built band by band.

    Pillow's own resize and convert copy the whole source at full size (RGBA is
    premultiplied first); here only bands of a few megabytes are copied, with enough
    rows around each band for the Lanczos filter, so the result is the same.
    """
    width, height = source.size
    out_w, out_h = size
    if (out_w, out_h) == (width, height) and source.mode == mode:
        return source
    result = Image.new(mode, size)
    scale_y = height / out_h
    support = 3 * max(scale_y, 1.0) + 2  # Lanczos reaches 3 source pixels per output pixel
    rows = max(1, int(BAND_BYTES / (4 * width * scale_y)))
    for top in range(0, out_h, rows):
        bottom = min(out_h, top + rows)
        y0, y1 = top * scale_y, bottom * scale_y
        if (out_w, out_h) == (width, height):
            part = _to_mode(source.crop((0, top, width, bottom)), mode)
        else:
            crop_top = max(0, math.floor(y0 - support))
            crop_bottom = min(height, math.ceil(y1 + support))
            band = _to_mode(source.crop((0, crop_top, width, crop_bottom)), mode)
            part = band.resize(
                (out_w, bottom - top),
                Image.Resampling.LANCZOS,
                box=(0, y0 - crop_top, width, y1 - crop_top),
            )
        result.paste(part, (0, top))
    return result


def _output_format(source_format: str, has_alpha: bool, recipe: Recipe) -> str:
    if not recipe.alpha:
        return "JPEG"
    if recipe.keep_format:
        return source_format if source_format in ("JPEG", "WEBP") else "PNG"
    return "PNG" if has_alpha else "JPEG"


def _encode(image: Image.Image, fmt: str, target) -> None:
    if fmt == "JPEG":
        image.save(target, "JPEG", quality=88)
    elif fmt == "WEBP":
        image.save(target, "WEBP", quality=88)
    else:
        image.save(target, "PNG")


def spool():
    """A temporary file with no name on disk: a killed process leaves nothing behind."""
    return tempfile.SpooledTemporaryFile(
        max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE, dir=settings.FILE_UPLOAD_TEMP_DIR
    )


def process(fileobj, recipe: Recipe, name: str = "") -> Clean:
    """Check, decode once, shrink, make upright and re-encode an uploaded image.

    Raises ValidationError with a message for the user; nothing is decoded when the
    header already says no.
    """
    source = open_checked(fileobj, recipe.formats)
    clean = None
    try:
        source_format = source.format
        size = _fit_size(source.size, recipe.max_side)
        if source_format == "JPEG" and size != source.size:
            source.draft(None, size)  # libjpeg decodes at 1/2, 1/4 or 1/8 scale directly
        source.load()
        orientation = source.getexif().get(ORIENTATION)
        has_alpha = recipe.alpha and _has_alpha(source)
        fmt = _output_format(source_format, has_alpha, recipe)
        mode = "RGBA" if has_alpha and fmt != "JPEG" else "RGB"
        clean = fit(source, _fit_size(source.size, recipe.max_side), mode)
        if orientation in TRANSPOSE:
            clean = clean.transpose(TRANSPOSE[orientation])
        clean.info = {}  # pixels only: no comment, EXIF or ICC profile is written back
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise too_many_pixels() from exc
    except (OSError, ValueError, SyntaxError, EOFError, MemoryError) as exc:
        raise not_an_image(recipe.formats) from exc
    finally:
        if clean is not source:
            source.close()  # frees the decoded source before the result is encoded
    extension, mime = OUTPUT[fmt]
    out = spool()
    try:
        _encode(clean, fmt, out)
        result = Clean(
            content=File(out, name=f"{name or uuid.uuid4().hex}.{extension}"),
            extension=extension,
            mime=mime,
            width=clean.width,
            height=clean.height,
            size=out.tell(),
        )
        if recipe.thumbnail:
            thumb = fit(clean, _fit_size(clean.size, recipe.thumbnail), clean.mode)
            thumb_fmt = "PNG" if thumb.mode == "RGBA" else "JPEG"
            with spool() as thumb_out:
                _encode(thumb, thumb_fmt, thumb_out)
                thumb_out.seek(0)
                result.thumbnail = thumb_out.read()
            result.thumbnail_extension = OUTPUT[thumb_fmt][0]
    except BaseException:
        out.close()
        raise
    out.seek(0)
    return result
