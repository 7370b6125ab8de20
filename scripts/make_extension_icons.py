"""Draw the extension's toolbar icons (a white check mark on a blue rounded square).

Standard library only (zlib + struct), so the shipped PNGs can be rebuilt anywhere:

    python scripts/make_extension_icons.py        # writes extension/icons/icon-{16,32,48,128}.png
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

ICON_DIR = Path(__file__).resolve().parent.parent / "extension" / "icons"
SIZES = (16, 32, 48, 128)
BLUE = (9, 105, 218)
WHITE = (255, 255, 255)
SUPERSAMPLE = 4
# The check mark as two strokes in a unit square: (x0, y0) -> (x1, y1).
STROKES = (((0.26, 0.53), (0.43, 0.70)), ((0.43, 0.70), (0.75, 0.32)))
STROKE_HALF_WIDTH = 0.085
CORNER_RADIUS = 0.22


def _segment_distance(
    px: float, py: float, a: tuple[float, float], b: tuple[float, float]
) -> float:
    ax, ay = a
    bx, by = b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    cx, cy = ax + t * dx, ay + t * dy
    return ((px - cx) ** 2 + (py - cy) ** 2) ** 0.5


def _inside_rounded_square(px: float, py: float) -> bool:
    r = CORNER_RADIUS
    qx = max(r - px, 0.0, px - (1 - r))
    qy = max(r - py, 0.0, py - (1 - r))
    return qx * qx + qy * qy <= r * r


def _sample(px: float, py: float) -> tuple[int, int, int, int]:
    if not _inside_rounded_square(px, py):
        return (0, 0, 0, 0)
    on_mark = any(_segment_distance(px, py, a, b) <= STROKE_HALF_WIDTH for a, b in STROKES)
    return (*(WHITE if on_mark else BLUE), 255)


def render(size: int) -> bytes:
    """RGBA rows of a ``size`` x ``size`` icon, anti-aliased by supersampling."""
    n = SUPERSAMPLE
    rows = bytearray()
    for y in range(size):
        rows.append(0)  # PNG filter type "none"
        for x in range(size):
            samples = [
                _sample((x + (i + 0.5) / n) / size, (y + (j + 0.5) / n) / size)
                for i in range(n)
                for j in range(n)
            ]
            alpha = sum(s[3] for s in samples)
            if alpha == 0:
                rows += bytes(4)
                continue
            colour = [round(sum(s[c] * s[3] for s in samples) / alpha) for c in range(3)]
            rows += bytes((*colour, round(alpha / len(samples))))
    return bytes(rows)


def png(size: int, raw: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def main() -> None:
    ICON_DIR.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        path = ICON_DIR / f"icon-{size}.png"
        path.write_bytes(png(size, render(size)))
        print(path)


if __name__ == "__main__":
    main()
