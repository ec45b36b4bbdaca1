"""Cover images go through the shared image pipeline (jumelage.core.images).

It checks the header before decoding (format and pixel count), re-encodes from the
pixels (no EXIF, GPS position, comments or trailing data) and keeps at most
1600 px a side, as JPEG, or PNG when the image has transparency.
"""

from django.core.files import File

from jumelage.core import images


def clean_cover(upload) -> File:
    """A new JPEG (or PNG when the image has transparency), without metadata."""
    return images.process(upload, images.BLOG_COVER).content
