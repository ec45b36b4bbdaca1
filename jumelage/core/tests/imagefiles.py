"""Image files for the upload tests: bombs built without ever holding their pixels,
and the largest images the platform accepts."""

import io
import struct
import zlib

from PIL import Image


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(width=7700, height=7700) -> bytes:
    """A valid RGB PNG of width × height black pixels: about 170 KiB for 7700 × 7700."""
    row = b"\x00" * (1 + 3 * width)  # filter byte, then the pixels
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


def jpeg_bomb(width=7700, height=7700) -> bytes:
    """A small JPEG whose header claims width × height pixels."""
    out = io.BytesIO()
    Image.new("RGB", (16, 16), "white").save(out, "JPEG")
    data = bytearray(out.getvalue())
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def solid(fmt: str, size, mode="RGB", **options) -> bytes:
    out = io.BytesIO()
    colour = (30, 120, 200, 160)[: len(mode)] if mode in ("RGB", "RGBA") else 128
    Image.new(mode, size, colour).save(out, fmt, **options)
    return out.getvalue()
