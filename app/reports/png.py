"""A PNG of 8-bit RGB rows, written for speed: ``encode_rgb(width, height, rows, stride)``.

The window's ``--screenshot`` is a 1440×900 picture of flat panels and text. Qt's writer (libpng)
tries all five row filters on every row before compressing; on such a picture that costs ~30 ms
and gains nothing: unfiltered rows at zlib's fastest level come out smaller here (~265 kB
against ~300 kB) in a third of the time. This writes the three chunks a PNG needs (IHDR, one
IDAT, IEND; PNG specification, 2nd edition, sections 5 and 11) with filter type 0 on every row.
Any reader decodes it; the tests read it back with Qt's and compare every pixel.
"""

from __future__ import annotations

import os
import struct
import threading
import zlib

import numpy as np

SIGNATURE = b"\x89PNG\r\n\x1a\n"
RGB = 2  # colour type: truecolour, no alpha
LEVEL = 1  # zlib's fastest: flat UI pictures compress well even so
ZLIB_HEADER = b"\x78\x01"  # deflate, 32 kB window, "fastest" (RFC 1950; a multiple of 31)
SPLIT_FROM = 1 << 20  # bytes of rows: below this one thread is as quick


def chunk(kind: bytes, data: bytes) -> bytes:
    """A chunk: its length, type, data and the CRC-32 of type and data."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(data, zlib.crc32(kind)))


def encode_rgb(width: int, height: int, rows: bytes | memoryview, stride: int) -> bytes:
    """The PNG of ``height`` rows of ``width`` RGB pixels (3 bytes each), each row starting
    ``stride`` bytes after the one before in ``rows`` (the padding after a row is skipped)."""
    if width <= 0 or height <= 0:
        raise ValueError(f"an image of {width}×{height} pixels cannot be written")
    line = width * 3
    if stride < line or len(rows) < stride * (height - 1) + line:
        raise ValueError("the rows are shorter than the image")
    pixels = np.lib.stride_tricks.as_strided(  # the rows without their padding (read only)
        np.frombuffer(rows, np.uint8), shape=(height, line), strides=(stride, 1), writeable=False
    )
    lines = np.zeros((height, line + 1), np.uint8)  # each row after its filter byte, 0: None
    lines[:, 1:] = pixels
    raw = memoryview(lines).cast("B")
    header = struct.pack(">IIBBBBB", width, height, 8, RGB, 0, 0, 0)
    return SIGNATURE + chunk(b"IHDR", header) + chunk(b"IDAT", deflate(raw)) + chunk(b"IEND", b"")


def deflate(raw: bytes | memoryview) -> bytes:
    """``zlib.compress(raw, LEVEL)``, in two halves on two threads when the machine has the
    cores and ``raw`` is large (zlib releases the GIL while it compresses): the first half ends
    on a sync flush (a byte boundary, not a final block), so the two raw deflate streams joined
    make one (as pigz does); the zlib header and the Adler-32 of the whole go around them."""
    if len(raw) < SPLIT_FROM or (os.cpu_count() or 1) < 2:
        return zlib.compress(raw, LEVEL)
    half = len(raw) // 2
    parts: list[bytes] = []

    def first() -> None:
        packer = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
        parts.append(packer.compress(raw[:half]) + packer.flush(zlib.Z_SYNC_FLUSH))

    worker = threading.Thread(target=first, name="png-deflate")
    worker.start()
    packer = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
    second = packer.compress(raw[half:]) + packer.flush(zlib.Z_FINISH)
    check = zlib.adler32(raw)
    worker.join()
    if not parts:  # the thread failed (no memory): once more, whole, here
        return zlib.compress(raw, LEVEL)
    return ZLIB_HEADER + parts[0] + second + struct.pack(">I", check)
