#!/usr/bin/env python3
"""Draws LayerLab's app icon (web/manifest.webmanifest) as PNG files of the given sizes, the same
picture as web/icon.svg: three stacked feature maps on a blue tile, the front one a 3x3 kernel in the
page's diverging colours. Standard library only (zlib, struct), so the build needs no image tool.

    python3 tools/make_icons.py OUT_DIR 192 512     -> OUT_DIR/icon-192.png, OUT_DIR/icon-512.png
"""
import os
import struct
import sys
import zlib

BLUE, RED, WHITE = (54, 104, 208), (209, 73, 91), (255, 255, 255)
# The kernel's values, -1 (blue) to 1 (red), as the Network lab colours signed maps.
KERNEL = [[0.9, -0.3, 0.1], [-0.8, 0.5, -0.1], [0.2, -0.6, 1.0]]


def mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


def shapes():
    """(x, y, w, h, radius, colour) in a 512 x 512 design, back to front (icon.svg draws the same)."""
    out = [(0, 0, 512, 512, 96, BLUE), (96, 176, 240, 240, 20, (159, 184, 236)),
           (136, 136, 240, 240, 20, (207, 220, 246)), (176, 96, 240, 240, 20, WHITE)]
    for r, row in enumerate(KERNEL):
        for c, v in enumerate(row):
            colour = mix(WHITE, RED if v > 0 else BLUE, min(abs(v), 1.0))
            out.append((200 + c * 68, 120 + r * 68, 56, 56, 8, colour))
    return out


def inside(px, py, s):
    x, y, w, h, rad, _ = s
    if px < x or py < y or px >= x + w or py >= y + h:
        return False
    cx = min(max(px, x + rad), x + w - rad)
    cy = min(max(py, y + rad), y + h - rad)
    return (px - cx) ** 2 + (py - cy) ** 2 <= rad * rad


def render(size):
    k = 512.0 / size
    subs = [(0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)]  # 4 samples a pixel: smooth corners
    items = shapes()
    rows = []
    for j in range(size):
        line = bytearray([0])  # filter: none
        for i in range(size):
            acc = [0.0, 0.0, 0.0, 0.0]
            for sx, sy in subs:
                px, py = (i + sx) * k, (j + sy) * k
                colour = None
                for s in items:
                    if inside(px, py, s):
                        colour = s[5]
                if colour:
                    acc[0] += colour[0]; acc[1] += colour[1]; acc[2] += colour[2]; acc[3] += 255
            a = acc[3] / len(subs)
            rgb = [round(v / (acc[3] / 255)) if acc[3] else 0 for v in acc[:3]]
            line += bytes(rgb + [round(a)])
        rows.append(bytes(line))
    return b"".join(rows)


def png(size, pixels):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    head = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", head) + chunk(b"IDAT", zlib.compress(pixels, 9)) + chunk(b"IEND", b"")


def main():
    out, sizes = sys.argv[1], [int(s) for s in sys.argv[2:]]
    os.makedirs(out, exist_ok=True)
    for n in sizes:
        with open(os.path.join(out, f"icon-{n}.png"), "wb") as f:
            f.write(png(n, render(n)))


if __name__ == "__main__":
    main()
