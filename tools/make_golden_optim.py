#!/usr/bin/python3
"""Golden vectors for the optimizers: torch.optim 1.13 run for 5 steps on two small parameters.

Writes tests/golden/optim/<case>.safetensors and tests/golden/optim/cases.json (read by
tests/test_optim.cpp). Each file holds, for parameter k in {0, 1}:
  p{k}.init          the initial values
  p{k}.grad.{s}      the gradient given before step s (s = 1..5)
  p{k}.step.{s}      the parameter after step s
  p{k}.{state}.{s}   every tensor of torch's optimizer.state[p] after step s (exp_avg, sum, ...)
Hyperparameters are rounded to float32 first, defaults included (torch's alpha = 0.99 and betas are
doubles, the engine's are floats), so torch's double-precision scalar maths (1 - beta1 ** step,
1 - alpha) starts from the same numbers as the engine's float OptimConfig. What remains is ATen's FMA
in add(alpha=...), a few float32 ulps. Run with Debian's /usr/bin/python3 (torch 1.13.1):
  /usr/bin/python3 tools/make_golden_optim.py
"""
import json
import os
import struct

import numpy as np
import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "golden", "optim")
STEPS = 5
SHAPES = [(3, 4), (5,)]

# name -> (torch class, OptimConfig fields given explicitly; the rest keep the engine's defaults)
CASES = [
    ("sgd_plain", "sgd", dict(lr=0.1)),
    ("sgd_momentum", "sgd", dict(lr=0.1, momentum=0.9)),
    ("sgd_momentum_dampening", "sgd", dict(lr=0.1, momentum=0.9, dampening=0.3)),
    ("sgd_nesterov", "sgd", dict(lr=0.1, momentum=0.9, nesterov=True)),
    ("sgd_weight_decay", "sgd", dict(lr=0.1, momentum=0.5, weight_decay=0.05)),
    ("adagrad", "adagrad", dict(lr=0.1)),
    ("adagrad_decay", "adagrad",
     dict(lr=0.1, lr_decay=0.2, weight_decay=0.1, initial_accumulator_value=0.5, eps=1e-6)),
    ("rmsprop", "rmsprop", dict(lr=0.01)),
    ("rmsprop_momentum", "rmsprop", dict(lr=0.01, momentum=0.9)),
    ("rmsprop_centered", "rmsprop", dict(lr=0.01, alpha=0.9, centered=True)),
    ("rmsprop_weight_decay", "rmsprop", dict(lr=0.01, alpha=0.95, weight_decay=0.1, eps=1e-6)),
    ("rmsprop_all", "rmsprop", dict(lr=0.02, momentum=0.5, centered=True, weight_decay=0.05)),
    ("adam", "adam", dict(lr=0.01)),
    ("adam_weight_decay", "adam", dict(lr=0.01, weight_decay=0.1, beta1=0.8, beta2=0.99, eps=1e-6)),
    ("adamw", "adamw", dict(lr=0.01)),
    ("adamw_custom", "adamw", dict(lr=0.05, weight_decay=0.2, beta1=0.85, beta2=0.995)),
]


def f32(v):
    """A float32-representable Python float (bools pass through)."""
    return v if isinstance(v, bool) else float(np.float32(v))


def make_optimizer(kind, params, cfg):
    c = {k: f32(v) for k, v in cfg.items()}
    if kind == "sgd":
        keys = ("lr", "momentum", "dampening", "nesterov", "weight_decay")
        return torch.optim.SGD(params, foreach=False, **{k: c[k] for k in keys if k in c})
    if kind == "adagrad":
        keys = ("lr", "lr_decay", "weight_decay", "initial_accumulator_value", "eps")
        return torch.optim.Adagrad(params, foreach=False, **{k: c[k] for k in keys if k in c})
    if kind == "rmsprop":
        keys = ("lr", "eps", "weight_decay", "momentum", "centered")
        kw = {k: c[k] for k in keys if k in c}
        kw["alpha"] = c.get("alpha", f32(0.99))
        return torch.optim.RMSprop(params, foreach=False, **kw)
    cls = torch.optim.Adam if kind == "adam" else torch.optim.AdamW
    kw = {k: c[k] for k in ("lr", "eps", "weight_decay") if k in c}
    kw["betas"] = (c.get("beta1", f32(0.9)), c.get("beta2", f32(0.999)))
    return cls(params, foreach=False, **kw)


def write_safetensors(path, tensors):
    """The safetensors layout: u64 LE header length, JSON header, raw little-endian F32 bytes."""
    header, blobs, offset = {}, [], 0
    for name, arr in tensors.items():
        data = np.ascontiguousarray(arr, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(arr.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - (8 + len(h)) % 8) % 8)  # 8-byte aligned data, as torch's writer does
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))


def run_case(kind, cfg, init, grads):
    params = [torch.tensor(a).requires_grad_() for a in init]
    opt = make_optimizer(kind, params, cfg)
    out = {}
    for k, a in enumerate(init):
        out[f"p{k}.init"] = a
    for s in range(1, STEPS + 1):
        for k, p in enumerate(params):
            p.grad = torch.tensor(grads[s - 1][k])
            out[f"p{k}.grad.{s}"] = grads[s - 1][k]
        opt.step()
        for k, p in enumerate(params):
            out[f"p{k}.step.{s}"] = p.detach().numpy().copy()
            for name, v in opt.state[p].items():
                if name != "step" and torch.is_tensor(v):
                    out[f"p{k}.{name}.{s}"] = v.detach().numpy().copy()
    return out


def main():
    rng = np.random.RandomState(1913)
    init = [rng.uniform(-1, 1, s).astype(np.float32) for s in SHAPES]
    # Gradients of mixed sizes and signs; a few exact zeros exercise eps and sign(0).
    grads = []
    for s in range(STEPS):
        g = [(rng.randn(*sh) * (0.5 + s * 0.3)).astype(np.float32) for sh in SHAPES]
        g[0].flat[s] = 0.0
        grads.append(g)
    os.makedirs(OUT, exist_ok=True)
    manifest = []
    for name, kind, cfg in CASES:
        tensors = run_case(kind, cfg, init, grads)
        write_safetensors(os.path.join(OUT, name + ".safetensors"), tensors)
        config = {"name": kind}
        config.update({k: f32(v) for k, v in cfg.items()})
        manifest.append({"name": name, "file": name + ".safetensors", "steps": STEPS, "config": config})
    with open(os.path.join(OUT, "cases.json"), "w") as f:
        json.dump({"torch_version": torch.__version__, "cases": manifest}, f, indent=1)
        f.write("\n")
    print(f"wrote {len(manifest)} cases to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
