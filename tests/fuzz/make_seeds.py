"""Writes the fuzz targets' seed corpora (tests/fuzz/corpus/NAME/*), a few tiny valid files each, so that
libFuzzer starts from inputs that pass the first checks. Run with /usr/bin/python3 (PIL from Debian)."""
import gzip
import io
import json
import os
import struct

from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))


def write(target, name, data):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def models():
    write("fuzz_model_json", "conv_bn.json", json.dumps({"input_shape": [1, 8, 8], "layers": [
        {"type": "Conv2d", "out_channels": 2, "kernel_size": 3, "padding": 1}, {"type": "BatchNorm2d"},
        {"type": "ReLU"}, {"type": "MaxPool2d", "kernel_size": 2}, {"type": "Flatten"},
        {"type": "Linear", "out_features": 3}]}))
    write("fuzz_model_json", "mixed.json", json.dumps({"input_shape": [2, 7, 7], "layers": [
        {"type": "ConvTranspose2d", "out_channels": 2, "kernel_size": 2, "stride": 2},
        {"type": "InstanceNorm2d", "affine": True, "track_running_stats": True},
        {"type": "LeakyReLU", "negative_slope": 0.2}, {"type": "LPPool2d", "norm_type": 2, "kernel_size": 2},
        {"type": "GroupNorm", "num_groups": 2}, {"type": "LocalResponseNorm", "size": 3},
        {"type": "AvgPool2d", "kernel_size": 3, "stride": 2, "padding": 1, "ceil_mode": True},
        {"type": "AdaptiveAvgPool2d", "output_size": [2, 1]}, {"type": "Dropout2d"}, {"type": "GELU"},
        {"type": "Flatten"}, {"type": "BatchNorm1d", "momentum": None}, {"type": "Sigmoid"},
        {"type": "Dropout", "p": 0.3}, {"type": "LayerNorm"}, {"type": "Tanh"}, {"type": "Softmax"}]}))
    write("fuzz_model_json", "norm_lab.json", json.dumps({"input_shape": [2, 6, 6], "layers": [
        {"type": "LocalContrastNorm", "size": 3},
        {"type": "CrossIterationBatchNorm2d", "window": 2}, {"type": "Conv2d", "out_channels": 2,
        "kernel_size": [3, 2], "dilation": 2, "groups": 2, "stride": [1, 2]}]}))


def safetensors(tensors):
    header, data = {}, b""
    for name, (dtype, shape, raw) in tensors.items():
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    header["__metadata__"] = {"format": "pt"}
    h = json.dumps(header).encode()
    return struct.pack("<Q", len(h)) + h + data


def tensors():
    write("fuzz_safetensors", "f32_i64.safetensors", safetensors({
        "0.weight": ("F32", [2, 3], struct.pack("<6f", 1, -2, 0.5, 3, 0, 1e-3)),
        "1.num_batches_tracked": ("I64", [], struct.pack("<q", 7))}))
    write("fuzz_safetensors", "f64_i32.safetensors", safetensors({
        "input": ("F64", [1, 2], struct.pack("<2d", 0.25, -1)), "label": ("I32", [2], struct.pack("<2i", 3, 0))}))
    write("fuzz_safetensors", "empty.safetensors", safetensors({"e": ("F32", [0, 4], b"")}))


def idx(kind_dims, body):
    return struct.pack(">BBBB", 0, 0, 8, len(kind_dims)) + b"".join(struct.pack(">I", d) for d in kind_dims) + body


def datasets():
    labels = idx([3], bytes([1, 0, 2]))
    images = idx([3, 2, 2], bytes(range(0, 240, 20)))
    cut = round(255 * len(labels) / (len(labels) + len(images)))  # the target's split byte
    write("fuzz_gzip_idx", "plain", bytes([cut]) + labels + images)
    gl, gi = gzip.compress(labels, mtime=0), gzip.compress(images, mtime=0)
    write("fuzz_gzip_idx", "gzipped", bytes([round(255 * len(gl) / (len(gl) + len(gi)))]) + gl + gi)
    write("fuzz_gzip_idx", "repeats", bytes([0]) + gzip.compress(bytes(200) + b"abcabcabc" * 20, mtime=0))


def images():
    im = Image.new("RGBA", (5, 3))
    im.putdata([(i * 17 % 256, i * 40 % 256, 255 - i * 9, 128 + i * 8) for i in range(15)])
    for fmt, mode, kw in [("PNG", "RGBA", {}), ("PNG", "L", {}), ("BMP", "RGB", {}), ("GIF", "P", {}),
                          ("JPEG", "RGB", {"quality": 60}), ("JPEG", "L", {}),
                          ("JPEG", "RGB", {"progressive": True, "quality": 50})]:
        buf = io.BytesIO()
        (im.convert("RGB").convert(mode) if mode != "RGBA" else im).save(buf, fmt, **kw)
        name = f"{mode.lower()}{'_progressive' if kw.get('progressive') else ''}.{fmt.lower()}"
        write("fuzz_image", name, buf.getvalue())


models()
tensors()
datasets()
images()
