#!/usr/bin/python3
"""Golden trajectories for the loss surfaces: torch.optim 1.13 descending each 2-D surface.

For every case, one float32 nn.Parameter of shape (2,) holds the optimizer's coordinates (u, v) (the
plotted (x, y), except for the scaled quadratic: u = x, v = sqrt(K)*y). Before each step its .grad is
set from the analytic gradient, computed in float64 at the float32 point and cast to float32 (the
engine's rule, src/engine/surface_run.h), plus l1*sign(p) and l2*p when the case has them. Writes
tests/golden/surfaces/<case>.csv (step,x,y,loss; step 0 is the start; %.17g) and cases.json, read by
tests/test_surfaces.cpp. Hyperparameters are rounded to float32 first, as in make_golden_optim.py.
The gradients below are the engine's expressions (src/engine/surfaces.cpp), in the same order.
Run with Debian's /usr/bin/python3 (torch 1.13.1):
  /usr/bin/python3 tools/make_golden_surfaces.py
"""
import json
import math
import os

import numpy as np
import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "golden", "surfaces")
STEPS = 30


class Quadratic:
    """0.5*(x^2 + K*y^2); scaled: the optimizer works in (u, v) = (x, sqrt(K)*y)."""

    def __init__(self, k=20.0, scaled=False):
        self.k, self.s, self.scaled = k, math.sqrt(k), scaled

    def value(self, x, y):
        return 0.5 * (x * x + self.k * y * y)

    def to_params(self, x, y):
        return (x, self.s * y) if self.scaled else (x, y)

    def from_params(self, u, v):
        return (u, v / self.s) if self.scaled else (u, v)

    def param_gradient(self, u, v):
        return (u, v) if self.scaled else (u, self.k * v)


class Plain:
    """A surface whose parameters are the plotted coordinates."""

    def to_params(self, x, y):
        return x, y

    def from_params(self, u, v):
        return u, v

    def param_gradient(self, u, v):
        return self.gradient(u, v)


class Rosenbrock(Plain):
    def value(self, x, y):
        a, b = 1.0 - x, y - x * x
        return a * a + 100.0 * b * b

    def gradient(self, x, y):
        a, b = 1.0 - x, y - x * x
        return -2.0 * a - 400.0 * x * b, 200.0 * b


class Beale(Plain):
    @staticmethod
    def terms(x, y):
        y2 = y * y
        y3 = y2 * y
        return 1.5 - x + x * y, 2.25 - x + x * y2, 2.625 - x + x * y3

    def value(self, x, y):
        t1, t2, t3 = self.terms(x, y)
        return t1 * t1 + t2 * t2 + t3 * t3

    def gradient(self, x, y):
        t1, t2, t3 = self.terms(x, y)
        y2 = y * y
        y3 = y2 * y
        gx = 2.0 * t1 * (y - 1.0) + 2.0 * t2 * (y2 - 1.0) + 2.0 * t3 * (y3 - 1.0)
        gy = 2.0 * t1 * x + 2.0 * t2 * (2.0 * x * y) + 2.0 * t3 * (3.0 * x * y2)
        return gx, gy


class Saddle(Plain):
    def value(self, x, y):
        return x * x - y * y

    def gradient(self, x, y):
        return 2.0 * x, -2.0 * y


class Himmelblau(Plain):
    def value(self, x, y):
        a, b = x * x + y - 11.0, x + y * y - 7.0
        return a * a + b * b

    def gradient(self, x, y):
        a, b = x * x + y - 11.0, x + y * y - 7.0
        return 4.0 * a * x + 2.0 * b, 2.0 * a + 4.0 * b * y


def make_surface(name, condition=20.0, scaled=False):
    if name == "quadratic":
        return Quadratic(condition, scaled)
    return {"rosenbrock": Rosenbrock, "beale": Beale, "saddle": Saddle, "himmelblau": Himmelblau}[name]()


# (case, surface, surface options, start (x, y), optimizer config, l1, l2)
CASES = [
    ("quadratic_sgd", "quadratic", {}, (-9.0, 3.0), dict(name="sgd", lr=0.09), 0.0, 0.0),
    ("quadratic_scaled_sgd", "quadratic", dict(scaled=True), (-9.0, 3.0), dict(name="sgd", lr=0.3), 0.0, 0.0),
    ("quadratic_k50_momentum", "quadratic", dict(condition=50.0), (-9.0, 1.0),
     dict(name="sgd", lr=0.015, momentum=0.9), 0.0, 0.0),
    ("quadratic_scaled_adam", "quadratic", dict(condition=10.0, scaled=True), (8.0, -2.5),
     dict(name="adam", lr=0.5), 0.0, 0.0),
    ("quadratic_adagrad_l1", "quadratic", {}, (-9.0, 3.0),
     dict(name="adagrad", lr=1.5, lr_decay=0.01), 0.5, 0.0),
    ("quadratic_scaled_sgd_l2", "quadratic", dict(scaled=True), (-9.0, 3.0),
     dict(name="sgd", lr=0.2, momentum=0.5, dampening=0.2), 0.0, 0.3),
    ("rosenbrock_nesterov", "rosenbrock", {}, (-1.2, 1.0),
     dict(name="sgd", lr=0.0005, momentum=0.9, nesterov=True), 0.0, 0.0),
    ("rosenbrock_adam", "rosenbrock", {}, (-1.2, 1.0), dict(name="adam", lr=0.05), 0.0, 0.0),
    ("rosenbrock_rmsprop_centered", "rosenbrock", {}, (-1.2, 1.0),
     dict(name="rmsprop", lr=0.005, centered=True), 0.0, 0.0),
    ("beale_adagrad", "beale", {}, (1.0, 1.5), dict(name="adagrad", lr=0.3), 0.0, 0.0),
    ("beale_rmsprop_momentum", "beale", {}, (1.0, 1.5), dict(name="rmsprop", lr=0.002, momentum=0.5), 0.0, 0.0),
    ("beale_adamw", "beale", {}, (1.0, 1.5), dict(name="adamw", lr=0.05, weight_decay=0.1), 0.0, 0.0),
    ("saddle_sgd", "saddle", {}, (-1.8, 0.01), dict(name="sgd", lr=0.05), 0.0, 0.0),
    ("saddle_momentum", "saddle", {}, (-1.8, 0.01), dict(name="sgd", lr=0.05, momentum=0.9), 0.0, 0.0),
    ("saddle_rmsprop", "saddle", {}, (-1.8, 0.01), dict(name="rmsprop", lr=0.01, alpha=0.9), 0.0, 0.0),
    ("himmelblau_sgd_weight_decay", "himmelblau", {}, (0.0, 0.0),
     dict(name="sgd", lr=0.01, weight_decay=0.05), 0.0, 0.0),
    ("himmelblau_adamw", "himmelblau", {}, (-1.0, -1.0),
     dict(name="adamw", lr=0.2, weight_decay=0.1, beta1=0.8, beta2=0.99), 0.0, 0.0),
    ("himmelblau_rmsprop_centered_momentum", "himmelblau", {}, (0.5, -0.5),
     dict(name="rmsprop", lr=0.01, centered=True, momentum=0.3, weight_decay=0.01), 0.0, 0.0),
]


def f32(v):
    """A float32-representable Python float (bools and strings pass through)."""
    return v if isinstance(v, (bool, str)) else float(np.float32(v))


def make_optimizer(params, cfg):
    c = {k: f32(v) for k, v in cfg.items() if k != "name"}
    kind = cfg["name"]
    if kind == "sgd":
        return torch.optim.SGD(params, foreach=False, **c)
    if kind == "adagrad":
        return torch.optim.Adagrad(params, foreach=False, **c)
    if kind == "rmsprop":
        c.setdefault("alpha", f32(0.99))
        return torch.optim.RMSprop(params, foreach=False, **c)
    betas = (c.pop("beta1", f32(0.9)), c.pop("beta2", f32(0.999)))
    cls = torch.optim.Adam if kind == "adam" else torch.optim.AdamW
    return cls(params, foreach=False, betas=betas, **c)


def trajectory(surface, start, cfg, l1, l2, steps):
    """Rows (step, x, y, loss) of torch.optim on the surface, from the plotted start point."""
    u0, v0 = surface.to_params(*(float(np.float32(s)) for s in start))
    p = torch.nn.Parameter(torch.tensor([u0, v0], dtype=torch.float32))
    opt = make_optimizer([p], cfg)

    def row(k):
        u, v = (float(t) for t in p.detach())
        x, y = surface.from_params(u, v)
        return k, x, y, surface.value(x, y)

    rows = [row(0)]
    for k in range(1, steps + 1):
        u, v = (float(t) for t in p.detach())
        p.grad = torch.tensor(surface.param_gradient(u, v), dtype=torch.float32)
        with torch.no_grad():
            if l1:
                p.grad.add_(f32(l1) * torch.sign(p))
            if l2:
                p.grad.add_(p * f32(l2))
        opt.step()
        rows.append(row(k))
    return rows


def main():
    os.makedirs(OUT, exist_ok=True)
    manifest = []
    for name, surf, sopt, start, cfg, l1, l2 in CASES:
        surface = make_surface(surf, **sopt)
        rows = trajectory(surface, start, cfg, l1, l2, STEPS)
        with open(os.path.join(OUT, name + ".csv"), "w") as f:
            f.write("step,x,y,loss\n")
            for k, x, y, loss in rows:
                f.write(f"{k},{x:.17g},{y:.17g},{loss:.17g}\n")
        manifest.append({"name": name, "file": name + ".csv", "surface": surf,
                         "condition": sopt.get("condition", 20.0), "scaled": sopt.get("scaled", False),
                         "start": [f32(s) for s in start], "steps": STEPS, "l1": f32(l1), "l2": f32(l2),
                         "config": {k: f32(v) for k, v in cfg.items()}})
    with open(os.path.join(OUT, "cases.json"), "w") as f:
        json.dump({"torch_version": torch.__version__, "cases": manifest}, f, indent=1)
        f.write("\n")
    print(f"wrote {len(manifest)} cases to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
