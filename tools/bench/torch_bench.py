#!/usr/bin/python3
"""PyTorch side of the speed comparison: the reference networks of `layerlab bench` (same layers,
batch sizes, SGD with momentum, random data), timed the same way (best of rounds after a warm-up).

Usage: /usr/bin/python3 tools/bench/torch_bench.py --threads N [--batches 64] [--seconds 1.5]
Prints one JSON object: {"threads": N, "batches": {"64": {"tiny": {"train_images_per_s": ..,
"infer_images_per_s": ..}, ...}}, "conv_gflops": ..}.
With --train-rss LIMIT it instead trains `standard` for one epoch on the first LIMIT Fashion-MNIST
images (loaded as float32 like `layerlab train`) and prints {"max_rss_kb": ..}, the job whose peak
memory compare.py sets beside `layerlab train standard --batch-size 64 --limit LIMIT`.
"""
import argparse
import json
import time

import torch
import torch.nn as nn


def reference_net(name):
    """The networks of src/engine/reference_models.cpp."""
    c1, c2, hidden = (8, 16, 0) if name.startswith("tiny") else (32, 64, 128)
    bn = not name.endswith("nobn")
    layers, cin = [], 1
    for c in (c1, c2):
        layers.append(nn.Conv2d(cin, c, 3, padding=1))
        if bn:
            layers.append(nn.BatchNorm2d(c))
        layers += [nn.ReLU(), nn.MaxPool2d(2)]
        cin = c
    layers.append(nn.Flatten())
    feat = c2 * 7 * 7
    if hidden:
        layers += [nn.Linear(feat, hidden), nn.ReLU()]
        feat = hidden
    layers.append(nn.Linear(feat, 10))
    return nn.Sequential(*layers)


def best_rate(fn, warmup, per_round, seconds):
    """Best calls per second over rounds of per_round calls, for about `seconds` after warm-up (at
    least three rounds), as `layerlab bench` measures."""
    for _ in range(warmup):
        fn()
    best, start, rounds = 0.0, time.perf_counter(), 0
    while True:
        rounds += 1
        t0 = time.perf_counter()
        for _ in range(per_round):
            fn()
        dt = time.perf_counter() - t0
        if dt > 0:
            best = max(best, per_round / dt)
        if rounds >= 3 and time.perf_counter() - start >= seconds:
            return best


def bench_net(name, batch, seconds):
    torch.manual_seed(1)
    model = reference_net(name)
    x = torch.rand(batch, 1, 28, 28)
    y = torch.randint(0, 10, (batch,))
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()

    def train():
        opt.zero_grad()
        loss_fn(model(x), y).backward()
        opt.step()

    model.train()
    try:
        train_rate = batch * best_rate(train, 2, 1, seconds)
    except ValueError:  # BatchNorm refuses one value per channel
        train_rate = None
    model.eval()
    with torch.inference_mode():
        infer_rate = batch * best_rate(lambda: model(x), 2, 1 if batch >= 16 else 8, seconds)
    return {"train_images_per_s": train_rate, "infer_images_per_s": infer_rate}


def conv_gflops(seconds):
    conv = nn.Conv2d(32, 64, 3, padding=1)
    x = torch.rand(64, 32, 28, 28) * 2 - 1
    flops = 2.0 * 64 * 28 * 28 * 64 * 32 * 9
    with torch.inference_mode():
        return flops * best_rate(lambda: conv(x), 1, 1, seconds) / 1e9


def load_fashion_mnist(split, limit=None):
    """The Debian dataset-fashion-mnist files, as float32 in [0, 1] (N, 1, 28, 28) and int64 labels."""
    import gzip
    import numpy as np
    d = "/usr/share/datasets/fashion-mnist"
    prefix = "train" if split == "train" else "t10k"
    with gzip.open(f"{d}/{prefix}-images-idx3-ubyte.gz") as f:
        images = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 1, 28, 28)
    with gzip.open(f"{d}/{prefix}-labels-idx1-ubyte.gz") as f:
        labels = np.frombuffer(f.read(), np.uint8, offset=8)
    images = torch.from_numpy(images.astype(np.float32) / 255.0)
    labels = torch.from_numpy(labels.astype(np.int64))
    if limit:
        images, labels = images[:limit], labels[:limit]
    return images, labels


def train_rss(limit, batch):
    """One epoch of `standard` on `limit` training images, then the test set in eval mode."""
    import resource
    torch.manual_seed(0)
    x, y = load_fashion_mnist("train", limit)
    xt, yt = load_fashion_mnist("test")
    model = reference_net("standard")
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    model.train()
    perm = torch.randperm(len(x))
    for i in range(0, len(x), batch):
        idx = perm[i:i + batch]
        opt.zero_grad()
        loss_fn(model(x[idx]), y[idx]).backward()
        opt.step()
    model.eval()
    with torch.inference_mode():
        for i in range(0, len(xt), 1000):
            model(xt[i:i + 1000])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--batches", default="64")
    ap.add_argument("--seconds", type=float, default=1.5)
    ap.add_argument("--nets", default="tiny,standard,tiny-nobn,standard-nobn")
    ap.add_argument("--no-conv", action="store_true")
    ap.add_argument("--train-rss", type=int, default=0, metavar="LIMIT")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    if args.train_rss:
        print(json.dumps({"max_rss_kb": train_rss(args.train_rss, 64)}))
        return
    out = {"threads": torch.get_num_threads(), "torch": torch.__version__, "batches": {}}
    for b in [int(s) for s in args.batches.split(",")]:
        out["batches"][str(b)] = {n: bench_net(n, b, args.seconds) for n in args.nets.split(",")}
    if not args.no_conv:
        out["conv_gflops"] = conv_gflops(args.seconds)
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
