"""The screenshot's PNG writer (``app/reports/png.py``): what it writes is a valid PNG (every
chunk's CRC, the zlib stream's Adler-32) whose pixels, read back by Qt's reader (libpng), are
the pixels given, for row strides with padding, odd sizes, and the two-thread path of a large
picture."""

from __future__ import annotations

import random
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap

from app.reports import png


def chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """The (type, data) of each chunk, every CRC checked."""
    assert data[:8] == png.SIGNATURE
    found, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length : at + 12 + length])
        assert crc == zlib.crc32(kind + body), kind
        found.append((kind, body))
        at += 12 + length
    assert at == len(data)
    return found


def noisy(width: int, height: int, seed: int) -> QImage:
    """A picture no filter could guess: random pixels in a band over flat panels and text."""
    stride = (width * 3 + 3) // 4 * 4  # Qt's rows of RGB888 start on 4-byte boundaries
    rng = random.Random(seed)
    data = bytearray(b"\xf4\xf6\xf9" * (stride * height // 3 + 1))[: stride * height]
    band = range(height // 3, height // 3 + max(1, height // 4))
    for y in band:
        data[y * stride : y * stride + width * 3] = rng.randbytes(width * 3)
    image = QImage(bytes(data), width, height, stride, QImage.Format.Format_RGB888).copy()
    painter = QPainter(image)
    painter.fillRect(width // 4, height // 2, width // 2, height // 3, QColor("#1f5fbf"))
    painter.drawText(3, 12, "Total cost $1,000.00")
    painter.end()
    return image


def written(image: QImage) -> bytes:
    return png.encode_rgb(image.width(), image.height(), image.constBits(), image.bytesPerLine())


@pytest.mark.parametrize(
    ("width", "height"),
    [
        (1, 1),
        (3, 2),
        (101, 37),
        (1440, 900),
    ],  # 3 px × 3 bytes: rows padded to 12 bytes; 1440×900 in two threads
)
def test_the_png_is_valid_and_reads_back_pixel_for_pixel(qapp: Any, width: int, height: int) -> None:
    image = noisy(width, height, seed=width * height)
    assert image.bytesPerLine() >= width * 3
    data = written(image)
    kinds = [kind for kind, _ in chunks(data)]
    assert kinds == [b"IHDR", b"IDAT", b"IEND"]
    header = dict(chunks(data))[b"IHDR"]
    assert struct.unpack(">IIBBBBB", header) == (width, height, 8, 2, 0, 0, 0)
    rows = zlib.decompress(dict(chunks(data))[b"IDAT"])  # checks the Adler-32 of the joined halves
    line = width * 3
    assert len(rows) == height * (line + 1)
    bits = bytes(image.constBits())
    for y in (0, height // 2, height - 1):
        start = y * (line + 1)
        assert rows[start] == 0  # filter type None
        assert (
            rows[start + 1 : start + 1 + line]
            == bits[y * image.bytesPerLine() : y * image.bytesPerLine() + line]
        )
    back = QImage.fromData(data, "PNG")
    assert not back.isNull()
    assert back.convertToFormat(QImage.Format.Format_RGB888) == image


def test_the_two_halves_make_the_stream_one_thread_makes(qapp: Any) -> None:
    raw = bytes(random.Random(7).randbytes(5000)) * (png.SPLIT_FROM // 5000 + 3)
    assert zlib.decompress(png.deflate(raw)) == raw
    assert zlib.decompress(png.deflate(raw[:1000])) == raw[:1000]


@pytest.mark.parametrize(("width", "height", "size"), [(0, 5, 0), (4, 0, 0), (4, 4, 4 * 3 * 3)])
def test_a_size_that_does_not_match_the_rows_is_refused(width: int, height: int, size: int) -> None:
    with pytest.raises(ValueError):
        png.encode_rgb(width, height, bytes(size), width * 3)


def test_the_screenshot_is_written_as_png_or_by_qt_for_other_formats(qapp: Any, tmp_path: Path) -> None:
    from app.ui.window.start import save_picture

    picture = QPixmap.fromImage(noisy(320, 200, seed=3))
    assert save_picture(picture, str(tmp_path / "shot.PNG"))
    shot = (tmp_path / "shot.PNG").read_bytes()
    assert [kind for kind, _ in chunks(shot)] == [b"IHDR", b"IDAT", b"IEND"]  # ours, not Qt's
    assert QImage.fromData(shot).convertToFormat(
        QImage.Format.Format_RGB888
    ) == picture.toImage().convertToFormat(QImage.Format.Format_RGB888)
    assert save_picture(picture, str(tmp_path / "shot.jpg"))
    assert QImage(str(tmp_path / "shot.jpg")).size() == picture.size()
    assert not save_picture(picture, str(tmp_path / "no-such-folder" / "shot.png"))
