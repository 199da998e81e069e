"""End-to-end tests of the `layerlab` command-line contract against PyTorch (Debian's python3-torch).

Run with /usr/bin/python3 tests/cli/test_cli.py [path/to/layerlab]. Each model is built in torch from the
script `layerlab export-pytorch` prints, so these tests also prove the export; weights travel both ways
through safetensors files (written by torch here, read by the engine, and the other way round)."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

import numpy as np
import torch

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import safetensors_io as st  # noqa: E402

LAYERLAB = os.environ.get("LAYERLAB", os.path.join(ROOT, "build", "native", "layerlab"))
TMP = tempfile.mkdtemp(prefix="layerlab-cli-")

# The first conv has no bias: before BatchNorm its gradient is pure rounding noise, which Adam and
# RMSprop would amplify into full-size steps of arbitrary sign (in torch as in the engine).
TINY = {"input_shape": [1, 12, 12], "layers": [
    {"type": "Conv2d", "out_channels": 4, "kernel_size": 3, "padding": 1, "bias": False},
    {"type": "BatchNorm2d"}, {"type": "ReLU"}, {"type": "MaxPool2d", "kernel_size": 2},
    {"type": "Conv2d", "out_channels": 6, "kernel_size": 3, "padding": 1, "stride": 2},
    {"type": "GroupNorm", "num_groups": 2}, {"type": "GELU"},
    {"type": "Flatten"}, {"type": "Linear", "out_features": 5}]}

MIXED = {"input_shape": [3, 9, 9], "layers": [
    {"type": "Conv2d", "out_channels": 6, "kernel_size": [3, 2], "dilation": 2, "groups": 3, "padding": [2, 1]},
    {"type": "InstanceNorm2d", "affine": True, "track_running_stats": True},
    {"type": "LeakyReLU", "negative_slope": 0.1},
    {"type": "AvgPool2d", "kernel_size": 3, "stride": 2, "padding": 1, "ceil_mode": True, "count_include_pad": False},
    {"type": "LocalResponseNorm", "size": 3},
    {"type": "ConvTranspose2d", "out_channels": 4, "kernel_size": 3, "stride": 2, "output_padding": 1},
    {"type": "LPPool2d", "norm_type": 2, "kernel_size": 2},
    {"type": "AdaptiveAvgPool2d", "output_size": 2},
    {"type": "Flatten"}, {"type": "BatchNorm1d"}, {"type": "Tanh"},
    {"type": "Linear", "out_features": 7}, {"type": "LayerNorm"}, {"type": "Sigmoid"},
    {"type": "Linear", "out_features": 3}, {"type": "Softmax"}]}


def path(name):
    return os.path.join(TMP, name)


def write_json(name, obj):
    p = path(name)
    with open(p, "w") as f:
        json.dump(obj, f)
    return p


def layerlab(*args, expect=0):
    r = subprocess.run([LAYERLAB, *map(str, args)], capture_output=True, text=True, timeout=300)
    if r.returncode != expect:
        raise AssertionError(f"layerlab {' '.join(map(str, args))} exited {r.returncode} (expected {expect}):\n{r.stderr}")
    return r


def torch_model(model_path):
    """The nn.Sequential that `layerlab export-pytorch` builds for the model."""
    code = layerlab("export-pytorch", model_path).stdout
    ns = {"__name__": "exported"}
    exec(compile(code, "exported.py", "exec"), ns)
    return ns["build_model"]()


def randomise(model, seed):
    """Moves every parameter and buffer away from its default so that loading is really tested."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, t in model.state_dict().items():
            if t.dtype == torch.int64:
                t.fill_(3)
            elif name.endswith("running_var"):
                t.copy_(0.5 + torch.rand(t.shape, generator=g))
            else:
                t.copy_(torch.randn(t.shape, generator=g) * 0.5)


def close(a, b, rtol=1e-4, atol=1e-5):
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return a.shape == b.shape and np.allclose(a, b, rtol=rtol, atol=atol)


class RunContract(unittest.TestCase):
    def check_run(self, desc, mode, seed):
        mp = write_json(f"model_{seed}.json", desc)
        model = torch_model(mp)
        randomise(model, seed)
        wp = path(f"w_{seed}.safetensors")
        st.save(wp, model.state_dict())
        g = torch.Generator().manual_seed(seed + 1)
        x = torch.rand((4, *desc["input_shape"]), generator=g, requires_grad=True)
        model.train(mode == "train")
        acts, h = [], x
        for layer in model:
            h = layer(h)
            h.retain_grad()
            acts.append(h)
        dy = torch.randn(h.shape, generator=g)
        h.backward(dy)
        xp = path(f"x_{seed}.safetensors")
        st.save(xp, {"input": x.detach(), "grad_output": dy})
        op = path(f"out_{seed}.safetensors")
        layerlab("run", mp, "--weights", wp, "--input", xp, "--out", op, "--mode", mode)
        out = st.load(op)
        self.assertTrue(close(out["output"], h.detach()), "output")
        for i, a in enumerate(acts):
            self.assertTrue(close(out[f"{i}.output"], a.detach()), f"{i}.output")
        self.assertTrue(close(out["input.grad"], x.grad, atol=1e-4), "input.grad")
        for name, p in model.named_parameters():
            self.assertTrue(close(out[name + ".grad"], p.grad, atol=1e-4), name + ".grad")
        for name, b in model.named_buffers():
            self.assertTrue(close(out[name], b.detach()), name)

    def test_tiny_train_mode_matches_torch(self):
        self.check_run(TINY, "train", 1)

    def test_tiny_eval_mode_matches_torch(self):
        self.check_run(TINY, "eval", 2)

    def test_mixed_layers_train_mode_match_torch(self):
        self.check_run(MIXED, "train", 3)

    def test_mixed_layers_eval_mode_match_torch(self):
        self.check_run(MIXED, "eval", 4)

    def test_num_batches_tracked_is_a_0d_i64(self):
        mp = write_json("nbt.json", TINY)
        wp = path("nbt_w.safetensors")
        torch_state = torch_model(mp).state_dict()
        st.save(wp, torch_state)
        xp = path("nbt_x.safetensors")
        st.save(xp, {"input": torch.rand(2, 1, 12, 12)})
        op = path("nbt_out.safetensors")
        layerlab("run", mp, "--weights", wp, "--input", xp, "--out", op, "--mode", "train")
        out = st.load(op)
        self.assertEqual(out["1.num_batches_tracked"].dtype, np.int64)
        self.assertEqual(out["1.num_batches_tracked"].shape, ())
        self.assertEqual(int(out["1.num_batches_tracked"]), 1)


class FitContract(unittest.TestCase):
    def fit_case(self, flags, make_opt, loss="cross_entropy", batch=None, steps=6, l1=0.0, seed=10, mode="train"):
        mp = write_json(f"fit_{seed}.json", TINY)
        model = torch_model(mp)
        randomise(model, seed)
        with torch.no_grad():  # keep the running variance sane for eval-mode steps
            for name, b in model.named_buffers():
                if name.endswith("num_batches_tracked"):
                    b.fill_(0)
        wp = path(f"fit_w_{seed}.safetensors")
        st.save(wp, model.state_dict())
        g = torch.Generator().manual_seed(seed + 1)
        n = 10
        x = torch.rand((n, 1, 12, 12), generator=g)
        if loss == "cross_entropy":
            y = torch.randint(0, 5, (n,), generator=g)
            crit = torch.nn.CrossEntropyLoss()
        else:
            y = torch.randn((n, 5), generator=g)
            crit = torch.nn.MSELoss()
        dp = path(f"fit_d_{seed}.safetensors")
        st.save(dp, {"input": x, "target": y})
        opt = make_opt(model.parameters())
        model.train(mode == "train")
        losses, pos = [], 0
        for _ in range(steps):
            if batch is None:
                idx = list(range(n))
            else:
                if pos >= n:
                    pos = 0
                idx = list(range(pos, min(n, pos + batch)))
                pos += len(idx)
            opt.zero_grad()
            out = model(x[idx])
            lv = crit(out, y[idx])
            lv.backward()
            if l1:
                with torch.no_grad():
                    for p in model.parameters():
                        p.grad.add_(l1 * torch.sign(p))
            opt.step()
            losses.append(lv.item())
        w2 = path(f"fit_w2_{seed}.safetensors")
        args = ["fit", mp, "--weights", wp, "--data", dp, "--loss", loss, "--steps", steps, "--out", w2, "--mode", mode, *flags]
        if batch is not None:
            args += ["--batch-size", batch, "--no-shuffle"]
        if l1:
            args += ["--l1", l1]
        layerlab(*args)
        got = st.load(w2)
        self.assertTrue(close(got["loss"], losses, rtol=1e-4, atol=1e-5), f"loss {got['loss']} vs {losses}")
        for name, t in model.state_dict().items():
            self.assertTrue(close(got[name], t.detach(), rtol=2e-4, atol=2e-5), name)
        return got

    def test_sgd_momentum_nesterov(self):
        self.fit_case(["--optimizer", "sgd", "--lr", "0.05", "--momentum", "0.9", "--nesterov", "--weight-decay", "0.01"],
                      lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.01), seed=11)

    def test_sgd_dampening_minibatches_wrap(self):
        self.fit_case(["--optimizer", "sgd", "--lr", "0.1", "--momentum", "0.5", "--dampening", "0.3"],
                      lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.5, dampening=0.3), batch=4, steps=7, seed=12)

    def test_adam_with_l1(self):
        self.fit_case(["--optimizer", "adam", "--lr", "0.01", "--betas", "0.8,0.99", "--eps", "1e-6", "--weight-decay", "0.001"],
                      lambda p: torch.optim.Adam(p, lr=0.01, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.001), l1=0.001, seed=13)

    def test_adamw_default_weight_decay(self):
        self.fit_case(["--optimizer", "adamw", "--lr", "0.01"], lambda p: torch.optim.AdamW(p, lr=0.01), seed=14)

    def test_rmsprop_centered_momentum_mse(self):
        self.fit_case(["--optimizer", "rmsprop", "--lr", "0.01", "--alpha", "0.9", "--momentum", "0.5", "--centered"],
                      lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.9, momentum=0.5, centered=True), loss="mse", seed=15)

    def test_adagrad_eval_mode(self):
        self.fit_case(["--optimizer", "adagrad", "--lr", "0.1"], lambda p: torch.optim.Adagrad(p, lr=0.1), mode="eval", seed=16)


class ExportAndInfo(unittest.TestCase):
    def test_exported_script_loads_engine_weights_strictly(self):
        mp = write_json("export.json", MIXED)
        xp = path("export_x.safetensors")
        st.save(xp, {"input": torch.rand(1, 3, 9, 9)})
        # weights written by the engine itself (fit with zero steps saves the initial state)
        dp = path("export_d.safetensors")
        st.save(dp, {"input": torch.rand(2, 3, 9, 9), "target": torch.tensor([0, 1])})
        wp = path("export_w.safetensors")
        layerlab("fit", mp, "--data", dp, "--loss", "cross_entropy", "--optimizer", "sgd", "--lr", "0.1", "--steps", "1", "--out", wp)
        script = path("export.py")
        with open(script, "w") as f:
            f.write(layerlab("export-pytorch", mp, "--weights", wp).stdout)
        r = subprocess.run([sys.executable, script, wp], capture_output=True, text=True, timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("output shape (1, 3)", r.stdout)

    def test_worked_example_info(self):
        mp = write_json("worked.json", {"input_shape": [3, 32, 32], "layers": [
            {"type": "Conv2d", "out_channels": 10, "kernel_size": 5, "stride": 1, "padding": 2}]})
        info = json.loads(layerlab("info", mp, "--json").stdout)
        self.assertEqual(info["layers"][0]["output_shape"], [10, 32, 32])
        self.assertEqual(info["params"], 760)
        self.assertEqual(info["macs"], 768000)
        table = layerlab("info", mp).stdout
        self.assertIn("768,000", table)


class BadInput(unittest.TestCase):
    def expect_error(self, args, needle):
        r = layerlab(*args, expect=2)
        lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
        self.assertEqual(len(lines), 1, r.stderr)
        self.assertIn(needle, lines[0])

    def setUp(self):
        self.model = write_json("ok.json", TINY)
        self.x = path("ok_x.safetensors")
        st.save(self.x, {"input": torch.rand(2, 1, 12, 12)})

    def raw(self, name, data):
        p = path(name)
        with open(p, "wb") as f:
            f.write(data)
        return p

    def test_malformed_json(self):
        p = self.raw("bad.json", b'{"input_shape": [1, 4, 4], "layers": [')
        self.expect_error(["info", p], "bad.json")

    def test_unknown_layer_type(self):
        p = write_json("unk.json", {"input_shape": [1, 4, 4], "layers": [{"type": "Conv3d"}]})
        self.expect_error(["info", p], "layer 0")

    def test_unknown_argument(self):
        p = write_json("arg.json", {"input_shape": [1, 4, 4], "layers": [{"type": "Conv2d", "out_channels": 2, "kernel_size": 3, "strid": 2}]})
        self.expect_error(["info", p], "strid")

    def test_impossible_kernel(self):
        p = write_json("imp.json", {"input_shape": [1, 4, 4], "layers": [{"type": "Conv2d", "out_channels": 2, "kernel_size": 7}]})
        self.expect_error(["info", p], "layer 0 (Conv2d)")

    def test_groups_not_dividing(self):
        p = write_json("grp.json", {"input_shape": [3, 4, 4], "layers": [{"type": "Conv2d", "out_channels": 4, "kernel_size": 1, "groups": 2}]})
        self.expect_error(["info", p], "groups")

    def test_missing_weights_file(self):
        self.expect_error(["run", self.model, "--weights", path("nope.safetensors"), "--input", self.x, "--out", path("o")], "nope.safetensors")

    def test_truncated_safetensors(self):
        full = path("full.safetensors")
        st.save(full, torch_model(self.model).state_dict())
        data = open(full, "rb").read()
        p = self.raw("trunc.safetensors", data[: len(data) - 40])
        self.expect_error(["run", self.model, "--weights", p, "--input", self.x, "--out", path("o")], "trunc")

    def test_oversized_header(self):
        p = self.raw("huge.safetensors", (1 << 40).to_bytes(8, "little") + b"{}")
        self.expect_error(["run", self.model, "--weights", p, "--input", self.x, "--out", path("o")], "huge")

    def test_wrong_dtype(self):
        state = {k: v for k, v in torch_model(self.model).state_dict().items()}
        state["0.weight"] = state["0.weight"].double().numpy().astype(np.int32)
        p = path("dtype.safetensors")
        st.save(p, state)
        self.expect_error(["run", self.model, "--weights", p, "--input", self.x, "--out", path("o")], "0.weight")

    def test_missing_key(self):
        state = dict(torch_model(self.model).state_dict())
        del state["1.running_var"]
        p = path("missing.safetensors")
        st.save(p, state)
        self.expect_error(["run", self.model, "--weights", p, "--input", self.x, "--out", path("o")], "1.running_var")

    def test_wrong_input_shape(self):
        xp = path("badx.safetensors")
        st.save(xp, {"input": torch.rand(2, 3, 12, 12)})
        self.expect_error(["run", self.model, "--input", xp, "--out", path("o")], "input")

    def test_unknown_option(self):
        self.expect_error(["run", self.model, "--input", self.x, "--out", path("o"), "--bogus", "1"], "--bogus")

    def test_missing_dataset_dir(self):
        self.expect_error(["train", "tiny", "--data", path("no-such-dir"), "--epochs", "1"], "no-such-dir")

    def test_bad_optimizer(self):
        dp = path("d.safetensors")
        st.save(dp, {"input": torch.rand(2, 1, 12, 12), "target": torch.tensor([0, 1])})
        self.expect_error(["fit", self.model, "--data", dp, "--loss", "cross_entropy", "--optimizer", "lbfgs",
                           "--lr", "0.1", "--steps", "1", "--out", path("o")], "lbfgs")

    def test_target_out_of_range(self):
        dp = path("d2.safetensors")
        st.save(dp, {"input": torch.rand(2, 1, 12, 12), "target": torch.tensor([0, 9])})
        self.expect_error(["fit", self.model, "--data", dp, "--loss", "cross_entropy", "--optimizer", "sgd",
                           "--lr", "0.1", "--steps", "1", "--out", path("o")], "target")


class Training(unittest.TestCase):
    def test_train_tiny_on_fashion_mnist_subset_learns(self):
        if not os.path.exists("/usr/share/datasets/fashion-mnist"):
            self.skipTest("dataset-fashion-mnist is not installed")
        r = layerlab("train", "tiny", "--data", "fashion-mnist", "--epochs", "2", "--batch-size", "32", "--limit", "3000",
                     "--test-limit", "1000", "--lr", "0.003", "--out", path("tiny.safetensors"))
        acc = float(r.stdout.split("final test accuracy:")[1].split()[0])
        self.assertGreater(acc, 0.65, r.stdout)
        self.assertIn("img/s", r.stderr)

    def test_same_seed_same_result(self):
        if not os.path.exists("/usr/share/datasets/fashion-mnist"):
            self.skipTest("dataset-fashion-mnist is not installed")
        outs = [layerlab("train", "tiny", "--data", "fashion-mnist", "--epochs", "1", "--limit", "500", "--test-limit", "200",
                         "--seed", "5").stdout.split("|")[0] for _ in range(2)]
        self.assertEqual(outs[0], outs[1])

    def test_train_on_mnist_digits(self):
        r = layerlab("train", "tiny", "--data", "mnist", "--epochs", "1", "--batch-size", "32", "--limit", "2000", "--lr", "0.003")
        acc = float(r.stdout.split("final test accuracy:")[1].split()[0])
        self.assertGreater(acc, 0.7, r.stdout)


FASHION = "/usr/share/datasets/fashion-mnist"

# No normalization between four Linear layers: SGD at lr 0.5 blows up in the second epoch (step 15 with
# --train-size 512 and seed 0), so a divergence test has a finished epoch to keep.
DEEP_LINEAR = {"input_shape": [1, 28, 28], "layers": [
    {"type": "Flatten"}, {"type": "Linear", "out_features": 16}, {"type": "Linear", "out_features": 16},
    {"type": "Linear", "out_features": 16}, {"type": "Linear", "out_features": 10}]}


def fashion_test_set(count):
    import gzip
    with gzip.open(os.path.join(FASHION, "t10k-images-idx3-ubyte.gz")) as f:
        images = np.frombuffer(f.read()[16:16 + count * 784], dtype=np.uint8).reshape(count, 1, 28, 28)
    with gzip.open(os.path.join(FASHION, "t10k-labels-idx1-ubyte.gz")) as f:
        labels = np.frombuffer(f.read()[8:8 + count], dtype=np.uint8)
    return torch.from_numpy(images.astype(np.float32) / np.float32(255.0)), torch.from_numpy(labels.astype(np.int64))


def epoch_figures(stdout):
    """The per-epoch lines without their timing (the last "| 1.2 s, N img/s" part)."""
    return [ln.rsplit("|", 1)[0] for ln in stdout.splitlines() if ln.startswith("epoch ")]


def header_line(stderr):
    return next(ln for ln in stderr.splitlines() if ln.startswith("training "))


class TrainRunContract(unittest.TestCase):
    """`layerlab train` on ll::TrainingRun: --history, the split sizes, early stopping, divergence (exit 3)."""

    def setUp(self):
        if not os.path.exists(FASHION):
            self.skipTest("dataset-fashion-mnist is not installed")

    def test_history_matches_torch_on_the_written_weights(self):
        hp, wp = path("hist.json"), path("hist_w.safetensors")
        layerlab("train", "tiny", "--data", "fashion-mnist", "--epochs", "2", "--train-size", "512", "--val-size", "128",
                 "--test-limit", "400", "--lr", "0.003", "--history", hp, "--out", wp)
        with open(hp) as f:
            h = json.load(f)
        self.assertEqual(sorted(h), ["history", "test"])
        self.assertEqual([e["epoch"] for e in h["history"]], [1, 2])
        for e in h["history"]:
            self.assertEqual(sorted(e), ["epoch", "train_acc", "train_loss", "val_acc", "val_loss"])
            self.assertTrue(0.0 <= e["val_acc"] <= 1.0 and e["val_loss"] > 0.0, e)
        self.assertEqual(sorted(h["test"]), ["acc", "confusion", "loss"])
        conf = np.array(h["test"]["confusion"])
        self.assertEqual(conf.shape, (10, 10))
        self.assertEqual(conf.sum(), 400)
        # The written weights, evaluated by torch on the same 400 test images, give the history's figures.
        model = torch_model("tiny")
        state = {k: torch.as_tensor(v) for k, v in st.load(wp).items()}
        model.load_state_dict(state, strict=True)
        model.eval()
        x, y = fashion_test_set(400)
        with torch.no_grad():
            out = model(x)
        pred = out.argmax(1)
        self.assertAlmostEqual(float(torch.nn.functional.cross_entropy(out, y)), h["test"]["loss"], delta=1e-4)
        self.assertAlmostEqual(float((pred == y).double().mean()), h["test"]["acc"], delta=1e-4)
        want = np.zeros((10, 10), dtype=np.int64)
        for t, p in zip(y.tolist(), pred.tolist()):
            want[t, p] += 1
        self.assertTrue((conf == want).all(), f"{conf}\n{want}")

    def test_split_sizes_and_no_validation(self):
        hp = path("hist_noval.json")
        r = layerlab("train", "tiny", "--data", "fashion-mnist", "--epochs", "1", "--train-size", "300", "--test-limit", "100",
                     "--history", hp)
        self.assertIn(": 300 train / 100 test images", header_line(r.stderr))
        with open(hp) as f:
            e = json.load(f)["history"][0]
        self.assertIsNone(e["val_loss"])
        self.assertIsNone(e["val_acc"])
        r = layerlab("train", "tiny", "--data", "fashion-mnist", "--epochs", "1", "--train-size", "300", "--val-size", "200",
                     "--test-limit", "100")
        self.assertIn(": 300 train / 200 val / 100 test images", header_line(r.stderr))
        self.assertIn("| val loss ", r.stdout)
        # --limit is --train-size's old name: the same run, the same figures.
        a = layerlab("train", "tiny", "--data", "mnist", "--epochs", "1", "--limit", "200", "--val-size", "50", "--test-limit", "100")
        b = layerlab("train", "tiny", "--data", "mnist", "--epochs", "1", "--train-size", "200", "--val-size", "50", "--test-limit", "100")
        self.assertEqual(epoch_figures(a.stdout), epoch_figures(b.stdout))

    def test_patience_stops_early_and_restores_the_best_epoch(self):
        hp = path("hist_patience.json")
        r = layerlab("train", "tiny", "--data", "fashion-mnist", "--epochs", "40", "--train-size", "96", "--val-size", "96",
                     "--test-limit", "100", "--batch-size", "16", "--lr", "0.02", "--schedule", "constant",
                     "--patience", "2", "--restore-best", "--history", hp)
        self.assertIn("stopped early after epoch", r.stdout)
        with open(hp) as f:
            h = json.load(f)
        val = [e["val_loss"] for e in h["history"]]
        best = int(np.argmin(val)) + 1
        self.assertLess(len(val), 40)
        self.assertEqual(len(val), best + 2)
        self.assertIn(f"restored the weights of epoch {best}", r.stdout)
        final = float(r.stdout.split("final test accuracy:")[1].split()[0])
        self.assertAlmostEqual(final, h["test"]["acc"], delta=1e-4)

    def test_divergence_exits_3_and_keeps_the_history(self):
        hp, wp = path("hist_div.json"), path("div_w.safetensors")
        mp = write_json("deep_linear.json", DEEP_LINEAR)
        r = layerlab("train", mp, "--data", "fashion-mnist", "--epochs", "4", "--train-size", "512", "--test-limit", "100",
                     "--optimizer", "sgd", "--lr", "0.5", "--schedule", "constant", "--history", hp, "--out", wp, expect=3)
        last = r.stderr.strip().splitlines()[-1]
        self.assertRegex(last, r"^layerlab: diverged at step \d+ \(epoch 2\): layer \d \(Linear\) output is not finite")
        with open(hp) as f:
            h = json.load(f)
        self.assertEqual([e["epoch"] for e in h["history"]], [1])
        self.assertIsNone(h["test"])
        self.assertIn("1.weight", st.load(wp))
        self.assertEqual(r.stdout.count("epoch 1/4:"), 1)

    def test_empty_dataset_and_impossible_split_exit_2(self):
        d = os.path.join(TMP, "empty_idx")
        os.makedirs(d, exist_ok=True)
        for split in ("train", "t10k"):
            with open(os.path.join(d, f"{split}-images-idx3-ubyte"), "wb") as f:
                f.write(bytes([0, 0, 8, 3]) + (0).to_bytes(4, "big") + (28).to_bytes(4, "big") + (28).to_bytes(4, "big"))
            with open(os.path.join(d, f"{split}-labels-idx1-ubyte"), "wb") as f:
                f.write(bytes([0, 0, 8, 1]) + (0).to_bytes(4, "big"))
        for args, needle in [
                (["--data", d], "training set has no images"),
                (["--data", "mnist", "--train-size", "100", "--val-size", "8000"], "leaves none"),
                (["--data", "mnist", "--init", "continue"], "--weights"),
                (["--data", "mnist", "--patience", "2"], "val"),
                (["--data", "mnist", "--limit", "10", "--train-size", "10"], "--limit")]:
            r = layerlab("train", "tiny", "--epochs", "1", *args, expect=2)
            lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
            self.assertEqual(len(lines), 1, r.stderr)
            self.assertIn(needle, lines[0])

    def test_init_continue_trains_on_from_the_given_weights(self):
        w1, w2 = path("cont1.safetensors"), path("cont2.safetensors")
        common = ["--data", "mnist", "--epochs", "1", "--train-size", "200", "--test-limit", "100", "--schedule", "constant"]
        layerlab("train", "tiny", *common, "--out", w1)
        r = layerlab("train", "tiny", *common, "--weights", w1, "--init", "continue", "--out", w2)
        first = layerlab("train", "tiny", *common, "--weights", w1)  # --weights alone continues as well
        self.assertEqual(epoch_figures(r.stdout), epoch_figures(first.stdout))
        self.assertFalse(np.array_equal(st.load(w1)["0.weight"], st.load(w2)["0.weight"]))


class OptimizeContract(unittest.TestCase):
    """`layerlab optimize` against torch.optim on one float32 nn.Parameter of shape (2,) whose .grad is the
    analytic gradient, computed in float64 at the float32 point and cast to float32."""

    @staticmethod
    def torch_rows(grad, value, start, make_opt, steps, to_params=lambda x, y: (x, y), from_params=lambda u, v: (u, v),
                   l1=0.0, batches=None):
        u0, v0 = to_params(*(float(np.float32(s)) for s in start))
        p = torch.nn.Parameter(torch.tensor([u0, v0], dtype=torch.float32))
        opt = make_opt([p])

        def row():
            x, y = from_params(*(float(t) for t in p.detach()))
            return [x, y, value(x, y)]

        rows = [row()]
        for k in range(steps):
            u, v = (float(t) for t in p.detach())
            p.grad = torch.tensor(grad(u, v) if batches is None else grad(u, v, batches[k]), dtype=torch.float32)
            if l1:
                with torch.no_grad():
                    p.grad.add_(float(np.float32(l1)) * torch.sign(p))
            opt.step()
            rows.append(row())
        return np.array(rows)

    def run_optimize(self, args, steps):
        out = layerlab("optimize", *args, "--steps", steps).stdout
        lines = out.splitlines()
        self.assertEqual(lines[0], "step,x,y,loss")
        self.assertEqual(len(lines), steps + 2, out)  # header + N+1 rows
        rows = np.array([[float(c) for c in ln.split(",")] for ln in lines[1:]])
        self.assertEqual(list(rows[:, 0]), list(range(steps + 1)))
        return rows[:, 1:]

    def assert_rows_close(self, got, want):
        # 1e-5 relative; near a zero crossing, relative to 1% of the start's size (see test_surfaces.cpp).
        floor = np.array([0.01 * max(np.abs(want[0, :2]).max(), 0.1)] * 2 + [1e-3 * abs(want[0, 2])])
        err = np.abs(got - want) / np.maximum(np.abs(want), floor)
        self.assertLessEqual(err.max(), 1e-5, f"worst at step {np.unravel_index(err.argmax(), err.shape)}\n{got}\n{want}")

    def test_rosenbrock_adam_with_l1(self):
        def grad(x, y):
            a, b = 1.0 - x, y - x * x
            return [-2.0 * a - 400.0 * x * b, 200.0 * b]

        def value(x, y):
            a, b = 1.0 - x, y - x * x
            return a * a + 100.0 * b * b

        f32 = lambda v: float(np.float32(v))
        want = self.torch_rows(grad, value, (-1.2, 1.0), lambda p: torch.optim.Adam(
            p, lr=f32(0.05), betas=(f32(0.8), f32(0.99)), eps=f32(1e-6), foreach=False), 25, l1=0.1)
        got = self.run_optimize(["--surface", "rosenbrock", "--start", "-1.2,1", "--optimizer", "adam", "--lr", "0.05",
                                 "--betas", "0.8,0.99", "--eps", "1e-6", "--l1", "0.1"], 25)
        self.assert_rows_close(got, want)

    def test_scaled_quadratic_nesterov(self):
        k = 10.0
        s = np.sqrt(k)
        f32 = lambda v: float(np.float32(v))
        want = self.torch_rows(lambda u, v: [u, v], lambda x, y: 0.5 * (x * x + k * y * y), (-8.0, 2.0),
                               lambda p: torch.optim.SGD(p, lr=f32(0.1), momentum=f32(0.8), nesterov=True,
                                                         weight_decay=f32(0.01), foreach=False), 30,
                               to_params=lambda x, y: (x, s * y), from_params=lambda u, v: (u, v / s))
        got = self.run_optimize(["--surface", "quadratic", "--condition", "10", "--scaled", "--start", "-8,2",
                                 "--optimizer", "sgd", "--lr", "0.1", "--momentum", "0.8", "--nesterov",
                                 "--weight-decay", "0.01"], 30)
        self.assert_rows_close(got, want)
        self.assertLess(abs(got[-1, 0]), 0.01 * 8)  # round bowl: straight to the minimum

    def test_least_squares_minibatches_in_order(self):
        images = "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz"
        if not os.path.exists(images):
            self.skipTest("dataset-fashion-mnist is not installed")
        import gzip
        with gzip.open(images) as f:
            raw = np.frombuffer(f.read()[16:16 + 200 * 784], dtype=np.uint8).reshape(200, 28, 28)
        img = (raw.astype(np.float32) / np.float32(255.0)).astype(np.float64)
        sx, sy = img[:, :14].mean(axis=(1, 2)), img[:, 14:].mean(axis=(1, 2))

        def grad(w, b, idx):
            r = w * sx[idx] + b - sy[idx]
            return [2.0 * (r * sx[idx]).sum() / len(idx), 2.0 * r.sum() / len(idx)]

        def value(w, b):
            return float(((w * sx + b - sy) ** 2).mean())

        steps, batch, batches, pos = 9, 64, [], 0  # 64, 64, 64, 8 (short), then wrap to the start
        for _ in range(steps):
            pos = 0 if pos >= 200 else pos
            batches.append(np.arange(pos, min(200, pos + batch)))
            pos += len(batches[-1])
        want = self.torch_rows(grad, value, (0.0, 0.0),
                               lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=float(np.float32(0.99)), foreach=False),
                               steps, batches=batches)
        got = self.run_optimize(["--surface", "least_squares", "--start", "0,0", "--optimizer", "rmsprop", "--lr", "0.01",
                                 "--batch-size", batch], steps)
        self.assert_rows_close(got, want)

    def test_errors_exit_2_with_one_line(self):
        for args, needle in [
                (["--surface", "bowl", "--lr", "0.1", "--steps", "3"], "unknown surface"),
                (["--surface", "beale", "--start", "1;2", "--lr", "0.1", "--steps", "3"], "--start"),
                (["--surface", "saddle", "--scaled", "--lr", "0.1", "--steps", "3"], "quadratic only"),
                (["--surface", "quadratic", "--condition", "0", "--lr", "0.1", "--steps", "3"], "condition"),
                (["--surface", "himmelblau", "--optimizer", "adam", "--lr", "-1", "--steps", "3"], "lr")]:
            r = layerlab("optimize", *args, expect=2)
            lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
            self.assertEqual(len(lines), 1, r.stderr)
            self.assertIn(needle, lines[0])
            self.assertEqual(r.stdout, "")


# The Normalization lab's project-only layers: a window of 3 past iterations (none yet in a single `run`,
# where the layer is BatchNorm2d, as its exported twin in train mode) and both LocalContrastNorm floors.
NORM_LAB = {"input_shape": [2, 9, 8], "layers": [
    {"type": "Conv2d", "out_channels": 3, "kernel_size": 3, "padding": 1},
    {"type": "CrossIterationBatchNorm2d", "window": 3},
    {"type": "LocalContrastNorm", "size": 5, "sigma": 1.5},
    {"type": "Conv2d", "out_channels": 2, "kernel_size": 1},
    {"type": "LocalContrastNorm", "size": 3, "floor": 0.4},
    {"type": "Flatten"}, {"type": "Linear", "out_features": 4}]}


class NormLabExport(unittest.TestCase):
    """`layerlab export-pytorch` defines torch modules for the project-only types: they load the engine's
    weights strictly and compute the engine's outputs (and, through autograd, its gradients)."""

    def test_script_defines_the_types_and_loads_engine_weights_strictly(self):
        mp = write_json("normlab_export.json", NORM_LAB)
        dp = path("normlab_d.safetensors")
        st.save(dp, {"input": torch.rand(4, 2, 9, 8), "target": torch.tensor([0, 1, 2, 3])})
        wp = path("normlab_w.safetensors")
        layerlab("fit", mp, "--data", dp, "--loss", "cross_entropy", "--optimizer", "sgd", "--lr", "0.1", "--steps", "3", "--out", wp)
        code = layerlab("export-pytorch", mp, "--weights", wp).stdout
        self.assertIn("class LocalContrastNorm(nn.Module):", code)
        self.assertIn("class CrossIterationBatchNorm2d(nn.BatchNorm2d):", code)
        self.assertIn("CrossIterationBatchNorm2d(num_features=3, window=3,", code)
        self.assertIn("LocalContrastNorm(num_channels=2, size=3, sigma=2, floor=0.4)", code)
        script = path("normlab_export.py")
        with open(script, "w") as f:
            f.write(code)
        r = subprocess.run([sys.executable, script, wp], capture_output=True, text=True, timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("output shape (1, 4)", r.stdout)
        # The engine's running statistics after 3 cross-iteration steps load into the twin.
        model = torch_model(mp)
        state = {k: v for k, v in st.load(wp).items() if k[:1].isdigit()}
        model.load_state_dict({k: torch.as_tensor(v) for k, v in state.items()}, strict=True)
        self.assertEqual(int(model[1].num_batches_tracked), 3)

    def test_eval_outputs_match_layerlab_run(self):
        RunContract.check_run(self, NORM_LAB, "eval", 41)

    def test_single_train_step_matches_layerlab_run(self):
        RunContract.check_run(self, NORM_LAB, "train", 42)


# The README's bad-input table (one test per row), in its own file to keep this one readable.
from bad_input import BadInputTable  # noqa: E402,F401
# `export-pytorch --train`: the exported training script under python3 and torchrun, against `layerlab train`.
from train_export import TrainScriptExport  # noqa: E402,F401


def run_suite(name, module):
    """Runs a module's tests and ends with the line scripts/test.sh counts: "NAME: N passed, N failed"."""
    suite = unittest.defaultTestLoader.loadTestsFromModule(module)
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    failed = len(result.failures) + len(result.errors)
    passed = result.testsRun - failed - len(result.skipped)
    print(f"{name}: {passed} passed, {failed} failed, {len(result.skipped)} skipped")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    run_suite("cli", sys.modules[__name__])
