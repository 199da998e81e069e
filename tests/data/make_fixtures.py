#!/usr/bin/python3
"""Writes the small gzip and IDX fixtures of tests/test_data.cpp (run from anywhere; deterministic).

The uncompressed contents come from a tiny LCG that the C++ test reimplements (fixture_bytes), so the
test can compare whole outputs without storing them.
"""
import gzip
import io
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def lcg_bytes(n, seed, alphabet=None):
    """n bytes: x = (x * 1103515245 + 12345) mod 2^31, v = x >> 16; a byte of v, or alphabet[v % len]."""
    x, out = seed, bytearray()
    for _ in range(n):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        v = x >> 16
        out.append(alphabet[v % len(alphabet)] if alphabet else v & 0xFF)
    return bytes(out)


def geometric_bytes(n, seed):
    """Byte k with probability ~2^-(k+1): skewed enough for Huffman codes longer than 10 bits."""
    x, out = seed, bytearray()
    for _ in range(n):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        v = (x >> 16) | 0x8000
        out.append((v & -v).bit_length() - 1 + 0x40)
    return bytes(out)


def contents():
    return {
        "stored": lcg_bytes(3000, 1),
        "fixed": lcg_bytes(2000, 2, b"abcd ") + b"hello hello hello hello hello world\n" * 20,
        "dynamic": (lambda a: a + a + bytes(1000) + geometric_bytes(5000, 4))(lcg_bytes(17000, 3, b"ab")),
    }


def deflate_gzip(data, level=9, strategy=zlib.Z_DEFAULT_STRATEGY, split=None):
    """A gzip member from zlib (wbits 31: gzip header, mtime 0); split adds a sync flush there."""
    c = zlib.compressobj(level, zlib.DEFLATED, 31, 9, strategy)
    if split is None:
        return c.compress(data) + c.flush()
    return c.compress(data[:split]) + c.flush(zlib.Z_SYNC_FLUSH) + c.compress(data[split:]) + c.flush()


def named_member(data, name):
    buf = io.BytesIO()
    with gzip.GzipFile(filename=name, mode="wb", fileobj=buf, mtime=0) as f:
        f.write(data)
    return buf.getvalue()


def header_member(data):
    """Every optional header field: FEXTRA, FNAME, FCOMMENT and FHCRC (CRC-16 of the header)."""
    flags = 2 | 4 | 8 | 16
    head = b"\x1f\x8b\x08" + bytes([flags]) + struct.pack("<I", 0) + b"\x00\x03"
    head += struct.pack("<H", 6) + b"AB\x02\x00xy"
    head += b"name.txt\x00" + b"a comment\x00"
    head += struct.pack("<H", zlib.crc32(head) & 0xFFFF)
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    body = c.compress(data) + c.flush()
    return head + body + struct.pack("<II", zlib.crc32(data), len(data))


def idx(ndim, dims, payload):
    return bytes([0, 0, 8, ndim]) + b"".join(struct.pack(">I", d) for d in dims) + bytes(payload)


def write(rel, data):
    path = os.path.join(HERE, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def main():
    c = contents()
    write("stored.gz", deflate_gzip(c["stored"], level=0, split=1000))
    write("fixed.gz", deflate_gzip(c["fixed"], strategy=zlib.Z_FIXED))
    write("dynamic.gz", deflate_gzip(c["dynamic"]))
    write("multi.gz", gzip.compress(b"first member\n", mtime=0) + named_member(b"second member\n", "second.txt")
          + gzip.compress(b"", mtime=0))
    write("header.gz", header_member(b"all header fields\n" * 3))
    write("empty.gz", gzip.compress(b"", mtime=0))

    # IDX folder: train plain (4 images of 2x3), test gzipped (2 images); pixel = 10 * image + index.
    train = [10 * i + j for i in range(4) for j in range(6)]
    write("idx/train-images-idx3-ubyte", idx(3, [4, 2, 3], train))
    write("idx/train-labels-idx1-ubyte", idx(1, [4], [3, 1, 4, 1]))
    write("idx/t10k-images-idx3-ubyte.gz", gzip.compress(idx(3, [2, 2, 3], [255, 0, 51, 102, 153, 204] * 2), mtime=0))
    write("idx/t10k-labels-idx1-ubyte.gz", gzip.compress(idx(1, [2], [0, 2]), mtime=0))
    # The original MNIST naming ("train-images.idx3-ubyte"), 1 image of 1x2.
    write("idx_dotted/train-images.idx3-ubyte", idx(3, [1, 1, 2], [0, 255]))
    write("idx_dotted/train-labels.idx1-ubyte", idx(1, [1], [7]))


if __name__ == "__main__":
    main()
