"""Minimal safetensors reader/writer for LayerLab's Python tools and tests (torch or numpy, no extra
packages): 8-byte little-endian header length, JSON header, raw little-endian tensor bytes."""
import json
import struct

import numpy as np

_DTYPES = {"F32": np.float32, "F64": np.float64, "I64": np.int64, "I32": np.int32}
_NAMES = {np.dtype(np.float32): "F32", np.dtype(np.float64): "F64", np.dtype(np.int64): "I64", np.dtype(np.int32): "I32"}


def _as_numpy(v):
    if hasattr(v, "detach"):  # a torch tensor
        v = v.detach().cpu().contiguous().numpy()
    return np.ascontiguousarray(v)


def save(path, tensors):
    """tensors: dict name -> numpy array or torch tensor (float32 / int64 kept as they are)."""
    header, blobs, offset = {}, [], 0
    for name, value in tensors.items():
        arr = _as_numpy(value)
        if arr.dtype not in _NAMES:
            arr = arr.astype(np.float32)
        raw = arr.astype(arr.dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": _NAMES[arr.dtype], "shape": list(arr.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - (8 + len(text)) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for raw in blobs:
            f.write(raw)


def load(path):
    """Returns dict name -> numpy array."""
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    body = data[8 + n:]
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        out[name] = np.frombuffer(body[begin:end], dtype=_DTYPES[info["dtype"]]).reshape(info["shape"]).copy()
    return out
