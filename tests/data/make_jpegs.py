#!/usr/bin/python3
"""Writes the JPEG fixtures of tests/test_image.cpp with Debian's PIL (deterministic for a given libjpeg).

They are files rather than made in memory with stb_image_write because that writer shifts negative ints
(undefined behaviour, reported by the sanitizer build of the tests). Pixel patterns match the test's."""
import os

from PIL import Image

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "jpeg")


def rgb(w, h, value):
    """An RGB picture whose interleaved byte i is value(i), the test's px[i]."""
    return Image.frombytes("RGB", (w, h), bytes(value(i) & 0xFF for i in range(w * h * 3)))


os.makedirs(HERE, exist_ok=True)
Image.new("L", (8, 8), 100).save(os.path.join(HERE, "grey8.jpg"), quality=100)
rgb(16, 16, lambda i: i * 7).save(os.path.join(HERE, "rgb16_ramp.jpg"), quality=90)
rgb(16, 16, lambda i: 90).save(os.path.join(HERE, "rgb16_flat.jpg"), quality=90)
rgb(24, 20, lambda i: (i * 31) ^ (i >> 3)).save(os.path.join(HERE, "rgb24x20.jpg"), quality=80)
