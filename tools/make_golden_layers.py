#!/usr/bin/python3
"""PyTorch golden vectors for every layer type of the model JSON (tests/test_golden_layers.cpp reads them).

Run with Debian's Python, which has torch 1.13 (the `python3` first on PATH may not):
    /usr/bin/python3 tools/make_golden_layers.py            # rewrites tests/golden/layers/

Each case is a model description {"input_shape": [...], "layers": [...]} built here as the equivalent
nn.Sequential (in_channels / in_features / num_features / normalized_shape inferred from the shape flowing
in, as the engine does). Parameters are seeded and normalization parameters and buffers are moved away
from 1/0 so that they are tested. Train-mode cases with running statistics (and a few stacks whose batch
size changes from pass to pass, to test buffer reuse) run `passes` forward passes on different inputs
("input.pass{j}" for the first ones, "input" for the last) and record the buffers after all of them;
outputs and gradients are those of the last pass, backward with "grad_output".

One safetensors file per case (written here: 8-byte LE header length, JSON header, raw LE bytes) holds
the state_dict before the passes ("{i}.weight", ...), the inputs, and the expectations
"expect.output", "expect.{i}.output", "expect.input.grad", "expect.{i}.{param}.grad", "expect.{i}.{buffer}".
cases.json lists [{"name", "file", "model", "mode", "passes"}].

A case is kept only when it is robust: no ReLU input or max-pool runner-up within 1e-3 of a kink, and the
float32 results agree with a float64 run of the same model to a fifth of the C++ test's tolerance
(atol 1e-5, rtol 1e-4); otherwise the next seed is tried.
"""
import copy
import json
import os
import struct
import sys
import zlib

import torch
import torch.nn as nn
import torch.nn.functional as F

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "golden", "layers")
NORM_TYPES = (nn.BatchNorm1d, nn.BatchNorm2d, nn.InstanceNorm2d, nn.LayerNorm, nn.GroupNorm)
ATOL, RTOL = 1e-5, 1e-4


# ---- Cases ----

def case(name, shape, layers, modes=("train", "eval"), passes=1, x="normal", n=3):
    """passes applies to train mode only; eval always runs one pass. n: the batch size, or one per pass
    (a changing batch size tests that layers resize the buffers they reuse)."""
    return dict(name=name, shape=shape, layers=layers, modes=modes, passes=passes, x=x, n=n)


def L(type_, **args):
    return dict(type=type_, **args)


def conv_cases():
    return [
        case("conv2d_basic", [3, 5, 5], [L("Conv2d", out_channels=4, kernel_size=3)]),
        case("conv2d_stride_pad", [2, 7, 7], [L("Conv2d", out_channels=3, kernel_size=3, stride=2, padding=1)]),
        case("conv2d_dilation", [2, 7, 7], [L("Conv2d", out_channels=2, kernel_size=3, dilation=2, padding=1)]),
        case("conv2d_groups", [4, 5, 5], [L("Conv2d", out_channels=4, kernel_size=3, padding=1, groups=2)]),
        case("conv2d_depthwise", [3, 5, 5], [L("Conv2d", out_channels=3, kernel_size=3, groups=3)]),
        case("conv2d_depthwise_mult2", [2, 5, 5], [L("Conv2d", out_channels=4, kernel_size=3, groups=2, padding=1)]),
        case("conv2d_no_bias", [3, 4, 4], [L("Conv2d", out_channels=2, kernel_size=2, bias=False)]),
        case("conv2d_nonsquare", [2, 6, 7], [L("Conv2d", out_channels=3, kernel_size=[2, 3], stride=[2, 1],
                                                 padding=[1, 0], dilation=[1, 2])]),
        case("conv2d_kernel_is_input", [2, 4, 4], [L("Conv2d", out_channels=3, kernel_size=4)]),
        case("conv2d_1x1_stride3", [3, 7, 7], [L("Conv2d", out_channels=2, kernel_size=1, stride=3)]),
        case("conv2d_pad_larger", [1, 3, 3], [L("Conv2d", out_channels=2, kernel_size=3, padding=2, stride=2)]),
        case("convt_basic", [3, 4, 4], [L("ConvTranspose2d", out_channels=2, kernel_size=3)]),
        case("convt_stride", [2, 3, 3], [L("ConvTranspose2d", out_channels=3, kernel_size=3, stride=2)]),
        case("convt_stride_pad_outpad", [2, 4, 4], [L("ConvTranspose2d", out_channels=2, kernel_size=3, stride=2,
                                                        padding=1, output_padding=1)]),
        case("convt_groups", [4, 3, 3], [L("ConvTranspose2d", out_channels=4, kernel_size=3, stride=2, groups=2)]),
        case("convt_depthwise", [3, 3, 3], [L("ConvTranspose2d", out_channels=3, kernel_size=2, groups=3)]),
        case("convt_dilation", [2, 3, 3], [L("ConvTranspose2d", out_channels=2, kernel_size=3, dilation=2,
                                               padding=1)]),
        case("convt_dilation_outpad", [2, 3, 3], [L("ConvTranspose2d", out_channels=2, kernel_size=2, stride=2,
                                                      dilation=2, output_padding=1)]),
        case("convt_nonsquare_no_bias", [2, 3, 4], [L("ConvTranspose2d", out_channels=3, kernel_size=[2, 3],
                                                        stride=[1, 2], padding=[0, 1], bias=False)]),
    ]


def pool_cases():
    d = "distinct"
    return [
        case("maxpool2d_k2", [3, 4, 4], [L("MaxPool2d", kernel_size=2)], x=d),
        case("maxpool2d_k3_s2_p1", [2, 7, 7], [L("MaxPool2d", kernel_size=3, stride=2, padding=1)], x=d),
        case("maxpool2d_dilation", [2, 6, 6], [L("MaxPool2d", kernel_size=2, stride=1, dilation=2)], x=d),
        case("maxpool2d_ceil", [2, 6, 6], [L("MaxPool2d", kernel_size=3, stride=2, ceil_mode=True)], x=d),
        case("maxpool2d_ceil_pad", [2, 6, 6], [L("MaxPool2d", kernel_size=3, stride=2, padding=1,
                                                 ceil_mode=True)], x=d),
        case("maxpool2d_pad_negative", [2, 4, 4], [L("MaxPool2d", kernel_size=3, stride=2, padding=1)],
             x="negative"),
        case("maxpool2d_overlap", [2, 5, 5], [L("MaxPool2d", kernel_size=3, stride=1)], x=d),
        case("maxpool2d_nonsquare", [2, 5, 7], [L("MaxPool2d", kernel_size=[2, 3], stride=[1, 2],
                                                  padding=[1, 1])], x=d),
        case("avgpool2d_k2", [3, 4, 4], [L("AvgPool2d", kernel_size=2)]),
        case("avgpool2d_pad_include", [2, 7, 7], [L("AvgPool2d", kernel_size=3, stride=2, padding=1)]),
        case("avgpool2d_pad_exclude", [2, 7, 7], [L("AvgPool2d", kernel_size=3, stride=2, padding=1,
                                                    count_include_pad=False)]),
        case("avgpool2d_ceil", [2, 6, 6], [L("AvgPool2d", kernel_size=3, stride=2, ceil_mode=True)]),
        case("avgpool2d_ceil_pad_include", [2, 6, 6], [L("AvgPool2d", kernel_size=3, stride=2, padding=1,
                                                         ceil_mode=True)]),
        case("avgpool2d_ceil_pad_exclude", [2, 6, 6], [L("AvgPool2d", kernel_size=3, stride=2, padding=1,
                                                         ceil_mode=True, count_include_pad=False)]),
        case("avgpool2d_nonsquare", [2, 5, 7], [L("AvgPool2d", kernel_size=[2, 3], stride=[1, 2])]),
        case("lppool2d_p2", [3, 4, 4], [L("LPPool2d", norm_type=2, kernel_size=2)]),
        case("lppool2d_p3", [2, 5, 6], [L("LPPool2d", norm_type=3, kernel_size=[2, 3], stride=1)], x="positive"),
        case("lppool2d_p2_ceil", [2, 5, 5], [L("LPPool2d", norm_type=2, kernel_size=2, ceil_mode=True)]),
        case("adaptiveavgpool2d_1", [3, 4, 4], [L("AdaptiveAvgPool2d", output_size=1)]),
        case("adaptiveavgpool2d_5to3", [2, 5, 5], [L("AdaptiveAvgPool2d", output_size=3)]),
        case("adaptiveavgpool2d_nonsquare", [2, 5, 7], [L("AdaptiveAvgPool2d", output_size=[2, 3])]),
        case("adaptiveavgpool2d_upsample", [2, 3, 3], [L("AdaptiveAvgPool2d", output_size=4)]),
        case("adaptiveavgpool2d_divisible", [2, 6, 6], [L("AdaptiveAvgPool2d", output_size=[3, 2])]),
    ]


def norm_cases():
    return [
        case("batchnorm2d", [3, 4, 4], [L("BatchNorm2d")], passes=3),
        case("batchnorm2d_affine_false", [3, 4, 4], [L("BatchNorm2d", affine=False)], passes=3),
        case("batchnorm2d_no_running_stats", [3, 4, 4], [L("BatchNorm2d", track_running_stats=False)]),
        case("batchnorm2d_momentum_null", [3, 4, 4], [L("BatchNorm2d", momentum=None)], modes=("train",), passes=3),
        case("batchnorm2d_momentum_eps", [2, 3, 3], [L("BatchNorm2d", momentum=0.3, eps=1e-3)], passes=2),
        case("batchnorm1d_features", [5], [L("BatchNorm1d")], passes=3, n=[4, 2, 5]),
        case("batchnorm1d_channels_length", [3, 5], [L("BatchNorm1d")], passes=3),
        case("batchnorm1d_momentum_null", [5], [L("BatchNorm1d", momentum=None)], modes=("train",), passes=3, n=4),
        case("batchnorm1d_affine_false_no_stats", [4], [L("BatchNorm1d", affine=False, track_running_stats=False)],
             n=4),
        case("layernorm_chw", [3, 4, 4], [L("LayerNorm")]),
        case("layernorm_chw_no_affine", [3, 4, 4], [L("LayerNorm", elementwise_affine=False)]),
        case("layernorm_features", [6], [L("LayerNorm")]),
        case("layernorm_features_no_affine_eps", [6], [L("LayerNorm", elementwise_affine=False, eps=1e-3)]),
        case("layernorm_channels_length", [3, 5], [L("LayerNorm")]),
        case("instancenorm2d", [3, 4, 4], [L("InstanceNorm2d")]),
        case("instancenorm2d_affine", [3, 4, 4], [L("InstanceNorm2d", affine=True)]),
        case("instancenorm2d_affine_running", [3, 4, 4], [L("InstanceNorm2d", affine=True,
                                                             track_running_stats=True)], passes=3),
        case("instancenorm2d_running_momentum_eps", [2, 3, 3], [L("InstanceNorm2d", track_running_stats=True,
                                                                  momentum=0.4, eps=1e-3)], passes=2),
        case("groupnorm_g1", [4, 3, 3], [L("GroupNorm", num_groups=1)]),
        case("groupnorm_g2", [4, 3, 3], [L("GroupNorm", num_groups=2)]),
        case("groupnorm_g_eq_c", [4, 3, 3], [L("GroupNorm", num_groups=4)]),
        case("groupnorm_g2_no_affine_eps", [4, 3, 3], [L("GroupNorm", num_groups=2, affine=False, eps=1e-3)]),
        case("lrn_size2", [4, 3, 3], [L("LocalResponseNorm", size=2, alpha=0.5, beta=0.6, k=1.5)]),
        case("lrn_size3_default", [4, 3, 3], [L("LocalResponseNorm", size=3)]),
        case("lrn_size3", [4, 3, 3], [L("LocalResponseNorm", size=3, alpha=0.3, beta=0.9, k=0.8)]),
        case("lrn_size5_wider_than_c", [4, 3, 3], [L("LocalResponseNorm", size=5, alpha=0.1, beta=0.75, k=2.0)]),
    ]


def simple_cases():
    one = ("train",)
    return [
        case("relu", [3, 4, 4], [L("ReLU")], modes=one, x="relu"),
        case("relu_features", [6], [L("ReLU")], modes=one, x="relu"),
        case("leakyrelu_default", [3, 4, 4], [L("LeakyReLU")], modes=one, x="relu"),
        case("leakyrelu_slope", [6], [L("LeakyReLU", negative_slope=0.2)], modes=one, x="relu"),
        case("sigmoid", [3, 4, 4], [L("Sigmoid")], modes=one, x="wide"),
        case("tanh", [3, 4, 4], [L("Tanh")], modes=one, x="wide"),
        case("gelu", [3, 4, 4], [L("GELU")], modes=one, x="wide"),
        case("softmax_chw", [3, 4, 4], [L("Softmax")], modes=one, x="wide"),
        case("softmax_features", [6], [L("Softmax")], modes=one, x="wide"),
        case("softmax_large_values", [4, 2, 2], [L("Softmax")], modes=one, x="huge"),
        case("sigmoid_tanh_large_values", [3, 2, 2], [L("Sigmoid"), L("Tanh")], modes=one, x="huge"),
        case("linear", [6], [L("Linear", out_features=4)], modes=one),
        case("linear_no_bias", [5], [L("Linear", out_features=3, bias=False)], modes=one),
        case("linear_to_one", [4], [L("Linear", out_features=1)], modes=one),
        case("flatten_chw", [3, 4, 4], [L("Flatten")], modes=one),
        case("flatten_channels_length", [3, 5], [L("Flatten")], modes=one),
        case("flatten_features", [6], [L("Flatten")], modes=one),
        case("dropout_eval", [3, 4, 4], [L("Dropout", p=0.5)], modes=("eval",)),
        case("dropout_eval_features", [6], [L("Dropout")], modes=("eval",)),
        case("dropout2d_eval", [3, 4, 4], [L("Dropout2d", p=0.3)], modes=("eval",)),
    ]


def stack_cases():
    return [
        case("stack_conv_bn_relu_maxpool_fc", [3, 7, 7], [
            L("Conv2d", out_channels=4, kernel_size=3, padding=1), L("BatchNorm2d"), L("ReLU"),
            L("MaxPool2d", kernel_size=2), L("Flatten"), L("Linear", out_features=5)], passes=3, n=[4, 2, 3]),
        case("stack_conv_gn_gelu_avgpool_fc_softmax", [2, 6, 6], [
            L("Conv2d", out_channels=4, kernel_size=3), L("GroupNorm", num_groups=2), L("GELU"),
            L("AvgPool2d", kernel_size=2), L("Flatten"), L("Linear", out_features=3), L("Softmax")]),
        case("stack_convt_in_sigmoid_adaptive", [2, 3, 3], [
            L("ConvTranspose2d", out_channels=3, kernel_size=3, stride=2),
            L("InstanceNorm2d", affine=True, track_running_stats=True), L("Sigmoid"),
            L("AdaptiveAvgPool2d", output_size=3)], passes=2),
        case("stack_conv_lrn_lppool_flatten", [3, 6, 6], [
            L("Conv2d", out_channels=4, kernel_size=3), L("LocalResponseNorm", size=3, alpha=0.2),
            L("LPPool2d", norm_type=2, kernel_size=2), L("Flatten")], modes=("train",), passes=3, n=[2, 4, 3]),
        case("stack_convt_pools_varying_batch", [2, 4, 4], [
            L("ConvTranspose2d", out_channels=3, kernel_size=2, stride=2), L("MaxPool2d", kernel_size=3, stride=2),
            L("AvgPool2d", kernel_size=2, padding=1), L("AdaptiveAvgPool2d", output_size=1), L("Flatten"),
            L("Linear", out_features=2)], modes=("train",), passes=3, n=[4, 2, 3]),
        case("stack_mlp_bn1d_leaky_ln", [6], [
            L("Linear", out_features=5), L("BatchNorm1d"), L("LeakyReLU", negative_slope=0.1),
            L("Linear", out_features=4), L("LayerNorm"), L("Tanh")], passes=3, n=4),
        case("stack_mlp_dropout_eval", [3, 3, 3], [
            L("Dropout2d", p=0.2), L("Flatten"), L("Linear", out_features=5), L("ReLU"), L("Dropout", p=0.4),
            L("Linear", out_features=3)], modes=("eval",)),
    ]


# ---- Building the torch model ----

def build_layer(desc, shape):
    """The torch module for one layer description, inferring the input-size argument from shape."""
    t = desc["type"]
    a = {k: (tuple(v) if isinstance(v, list) else v) for k, v in desc.items() if k != "type"}
    simple = dict(ReLU=nn.ReLU, LeakyReLU=nn.LeakyReLU, Sigmoid=nn.Sigmoid, Tanh=nn.Tanh, GELU=nn.GELU,
                  Flatten=nn.Flatten, Dropout=nn.Dropout, Dropout2d=nn.Dropout2d, MaxPool2d=nn.MaxPool2d,
                  AvgPool2d=nn.AvgPool2d, LPPool2d=nn.LPPool2d, AdaptiveAvgPool2d=nn.AdaptiveAvgPool2d,
                  LocalResponseNorm=nn.LocalResponseNorm)
    first = dict(Conv2d=nn.Conv2d, ConvTranspose2d=nn.ConvTranspose2d, BatchNorm2d=nn.BatchNorm2d,
                 BatchNorm1d=nn.BatchNorm1d, InstanceNorm2d=nn.InstanceNorm2d, Linear=nn.Linear)
    if t in simple:
        return simple[t](**a)
    if t in first:
        return first[t](shape[0], **a)
    if t == "Softmax":
        return nn.Softmax(dim=1)
    if t == "LayerNorm":
        return nn.LayerNorm(list(shape), **a)
    if t == "GroupNorm":
        return nn.GroupNorm(a.pop("num_groups"), shape[0], **a)
    raise ValueError("unknown layer type " + t)


def build_model(c, seed):
    torch.manual_seed(seed)
    shape, mods = list(c["shape"]), []
    for desc in c["layers"]:
        m = build_layer(desc, shape)
        m.eval()
        with torch.no_grad():
            shape = list(m(torch.zeros([2] + shape)).shape[1:])
        mods.append(m)
    model = nn.Sequential(*mods)
    g = torch.Generator().manual_seed(seed + 1)
    with torch.no_grad():
        for m in model:
            if not isinstance(m, NORM_TYPES):
                continue
            w = getattr(m, "weight", None)
            if w is not None:
                w.copy_(1 + 0.3 * torch.randn(w.shape, generator=g))
                m.bias.copy_(0.2 * torch.randn(m.bias.shape, generator=g))
            if getattr(m, "running_mean", None) is not None:
                m.running_mean.copy_(0.3 * torch.randn(m.running_mean.shape, generator=g))
                m.running_var.copy_(0.6 + 0.8 * torch.rand(m.running_var.shape, generator=g))
                m.num_batches_tracked.fill_(2)  # tests the +1 and, for momentum null, 1/(count+1)
    return model


def make_input(kind, shape, g):
    if kind in ("distinct", "negative"):  # well-separated values: no max-pool ties
        numel = 1
        for d in shape:
            numel *= d
        perm = torch.randperm(numel, generator=g).float()
        x = (perm * (4.0 / numel) - 2.0).reshape(shape)
        return x - 3.0 if kind == "negative" else x  # all negative: padding must act as -inf, not 0
    if kind == "positive":
        return 0.2 + torch.rand(shape, generator=g) * 1.5
    x = torch.randn(shape, generator=g)
    if kind == "relu":  # away from the kink at 0
        return x + 0.1 * torch.sign(x)
    if kind == "wide":
        return 2.5 * x
    if kind == "huge":  # exp overflows float32 unless softmax subtracts the maximum first
        return 40.0 * x
    return x


# ---- Running a case ----

def run(model, mode, inputs, gy, dtype):
    """Forward every input (only the last with autograd), backward gy; returns the expectation dict."""
    model = copy.deepcopy(model).to(dtype)
    model.train(mode == "train")
    for x in inputs[:-1]:
        with torch.no_grad():
            model(x.to(dtype))
    x = inputs[-1].detach().to(dtype).clone().requires_grad_(True)
    outs, h = [], x
    for m in model:
        h = m(h)
        outs.append(h)
    h.backward(gy.to(dtype))
    exp = {"expect.output": outs[-1]}
    for i, o in enumerate(outs):
        exp["expect.%d.output" % i] = o
    exp["expect.input.grad"] = x.grad
    for name, p in model.named_parameters():
        exp["expect.%s.grad" % name] = p.grad
    for name, b in model.named_buffers():
        exp["expect." + name] = b
    return {k: v.detach() for k, v in exp.items()}, [x] + outs


def kink_margin(model, acts):
    """Smallest distance of a ReLU input to 0, or of a max-pool window's runner-up to its max."""
    margin = float("inf")
    for i, m in enumerate(model):
        x = acts[i].detach()
        if isinstance(m, (nn.ReLU, nn.LeakyReLU)):
            margin = min(margin, x.abs().min().item())
        elif isinstance(m, nn.MaxPool2d):
            margin = min(margin, maxpool_gap(m, x, acts[i + 1].shape))
    return margin


def maxpool_gap(m, x, out_shape):
    k, s, p, d = (v if isinstance(v, tuple) else (v, v) for v in (m.kernel_size, m.stride, m.padding, m.dilation))
    # Pad right/bottom generously so that ceil_mode's last windows exist, then keep the first OH x OW.
    xp = F.pad(x, (p[1], p[1] + k[1] * d[1], p[0], p[0] + k[0] * d[0]), value=float("-inf"))
    n, c, oh, ow = out_shape
    best = float("inf")
    for i in range(oh):
        for j in range(ow):
            win = xp[:, :, i * s[0]:i * s[0] + (k[0] - 1) * d[0] + 1:d[0],
                     j * s[1]:j * s[1] + (k[1] - 1) * d[1] + 1:d[1]].reshape(n, c, -1)
            if win.shape[2] < 2:
                continue
            top = win.topk(2, dim=2).values
            gap = top[..., 0] - top[..., 1]
            # A window of ReLU zeros ties harmlessly: the gradient reaching any of them is zeroed anyway.
            gap[top[..., 0] == 0] = float("inf")
            best = min(best, gap.min().item())
    return best


def closeness(a, b):
    return ((a.double() - b.double()).abs() / (ATOL + RTOL * b.double().abs())).max().item() if a.numel() else 0.0


def generate(c, mode, base_seed):
    passes = c["passes"] if mode == "train" else 1
    for attempt in range(50):
        seed = base_seed + 1000 * attempt
        model = build_model(c, seed)
        g = torch.Generator().manual_seed(seed + 2)
        ns = c["n"] if isinstance(c["n"], list) else [c["n"]] * passes
        inputs = [make_input(c["x"], [ns[j - passes]] + c["shape"], g) for j in range(passes)]
        state = {k: v.clone() for k, v in model.state_dict().items()}
        out_shape = run_shape(model, mode, inputs)
        gy = torch.randn(out_shape, generator=g)
        exp, acts = run(model, mode, inputs, gy, torch.float32)
        exp64, _ = run(model, mode, inputs, gy, torch.float64)
        worst = max(closeness(exp[k], exp64[k]) for k in exp if exp[k].is_floating_point())
        if kink_margin(model, acts) >= 1e-3 and worst <= 0.2:
            tensors = dict(state)
            for j, x in enumerate(inputs[:-1]):
                tensors["input.pass%d" % j] = x
            tensors["input"] = inputs[-1]
            tensors["grad_output"] = gy
            tensors.update(exp)
            return tensors, passes
    raise RuntimeError("no robust seed for " + c["name"])


def run_shape(model, mode, inputs):
    m = copy.deepcopy(model)
    m.train(mode == "train")
    with torch.no_grad():
        return m(inputs[-1]).shape


# ---- safetensors ----

def write_safetensors(path, tensors):
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        t = t.detach().contiguous()
        if t.dtype == torch.int64:
            dtype, raw = "I64", struct.pack("<%dq" % t.numel(), *t.reshape(-1).tolist())
        else:
            dtype, raw = "F32", struct.pack("<%df" % t.numel(), *t.float().reshape(-1).tolist())
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)  # 8-byte aligned data, as torch's writer does
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))


def main():
    torch.set_num_threads(1)
    os.makedirs(OUT_DIR, exist_ok=True)
    for f in os.listdir(OUT_DIR):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT_DIR, f))
    manifest = []
    for c in conv_cases() + pool_cases() + norm_cases() + simple_cases() + stack_cases():
        for mode in c["modes"]:
            name = "%s.%s" % (c["name"], mode)
            tensors, passes = generate(c, mode, zlib.crc32(name.encode()) % 100000)
            fname = name + ".safetensors"
            write_safetensors(os.path.join(OUT_DIR, fname), tensors)
            model = {"input_shape": c["shape"], "layers": c["layers"]}
            manifest.append({"name": name, "file": fname, "model": model, "mode": mode, "passes": passes})
    with open(os.path.join(OUT_DIR, "cases.json"), "w") as f:
        f.write("[\n" + ",\n".join(json.dumps(m) for m in manifest) + "\n]\n")
    print("%d cases written to %s" % (len(manifest), os.path.normpath(OUT_DIR)), file=sys.stderr)


if __name__ == "__main__":
    main()
