"""`layerlab export-pytorch --train`: the exported script, run by python3 and by torchrun with 2 ranks
(DistributedDataParallel, gloo), reproduces `layerlab train --history` for the same flags.

Tolerance: losses to 1e-4 relative. Both sides compute in float32 with the same initial weights, batches,
dropout masks and rates; only the summation order inside torch's and the engine's kernels differs, a few
ulps per operation that grow over the steps (measured: at most 4e-6 over 32 steps). Accuracies and the
confusion matrix may differ by one image (a logit tie broken by that rounding)."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import safetensors_io as st  # noqa: E402

LAYERLAB = os.environ.get("LAYERLAB", os.path.join(ROOT, "build", "native", "layerlab"))
TMP = tempfile.mkdtemp(prefix="layerlab-export-")
FASHION = "/usr/share/datasets/fashion-mnist"
RTOL = 1e-4

# No batch statistics, so 1 and 2 ranks train the same function (see the README on BatchNorm under DDP).
DROPOUT_NET = {"input_shape": [1, 28, 28], "layers": [
    {"type": "Conv2d", "out_channels": 4, "kernel_size": 3, "padding": 1}, {"type": "ReLU"},
    {"type": "MaxPool2d", "kernel_size": 2}, {"type": "Flatten"}, {"type": "Dropout", "p": 0.25},
    {"type": "Linear", "out_features": 10}]}
BN_NET = {"input_shape": [1, 28, 28], "layers": [
    {"type": "Conv2d", "out_channels": 4, "kernel_size": 3, "padding": 1, "bias": False},
    {"type": "BatchNorm2d"}, {"type": "ReLU"}, {"type": "MaxPool2d", "kernel_size": 2},
    {"type": "Dropout2d", "p": 0.1}, {"type": "Flatten"}, {"type": "Linear", "out_features": 10}]}

# SGD at lr 0.5 blows up in epoch 2 (test_cli.py's divergence test).
DEEP_LINEAR = {"input_shape": [1, 28, 28], "layers": [
    {"type": "Flatten"}, {"type": "Linear", "out_features": 16}, {"type": "Linear", "out_features": 16},
    {"type": "Linear", "out_features": 16}, {"type": "Linear", "out_features": 10}]}

SGD_RUN = ["--data", "fashion-mnist", "--train-size", "500", "--val-size", "100", "--epochs", "2", "--batch-size", "32",
           "--optimizer", "sgd", "--lr", "0.05", "--momentum", "0.9", "--schedule", "cosine", "--warmup-steps", "5",
           "--l1", "0.0005", "--weight-decay", "0.001", "--seed", "3", "--test-limit", "300"]
# 257 images in batches of 32: the last batch of one is skipped under BatchNorm, as the engine does.
# It stops after epoch 4 (patience 1) and restores epoch 3's weights.
ADAM_RUN = ["--data", "fashion-mnist", "--train-size", "257", "--val-size", "100", "--epochs", "6", "--batch-size", "32",
            "--optimizer", "adam", "--lr", "0.03", "--schedule", "step", "--warmup-steps", "3", "--l1", "0.0002",
            "--weight-decay", "0.01", "--seed", "7", "--patience", "1", "--restore-best", "--test-limit", "200"]


def tmp(name):
    return os.path.join(TMP, name)


def run(cmd, timeout=300):
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if r.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} exited {r.returncode}:\n{r.stdout}\n{r.stderr}")
    return r


def export_and_train(name, model, flags):
    """Writes the model, runs `layerlab train` with flags and exports the same run; returns the paths."""
    mp = tmp(name + ".json")
    with open(mp, "w") as f:
        json.dump(model, f)
    run([LAYERLAB, "train", mp, *flags, "--history", tmp(name + ".engine.json"), "--out", tmp(name + ".engine.safetensors")])
    script = tmp(name + ".py")
    run([LAYERLAB, "export-pytorch", mp, "--train", "--script", script, *flags])
    return script


class TrainScriptExport(unittest.TestCase):
    def setUp(self):
        if not os.path.exists(FASHION):
            self.skipTest("dataset-fashion-mnist is not installed")

    def assert_same_history(self, engine_path, torch_path):
        with open(engine_path) as f:
            a = json.load(f)
        with open(torch_path) as f:
            b = json.load(f)
        self.assertEqual(len(a["history"]), len(b["history"]))
        for ea, eb in zip(a["history"], b["history"]):
            self.assertEqual(ea["epoch"], eb["epoch"])
            for key in ("train_loss", "val_loss"):
                self.assertLessEqual(abs(ea[key] - eb[key]), RTOL * abs(ea[key]), f"epoch {ea['epoch']} {key}")
            self.assertAlmostEqual(ea["train_acc"], eb["train_acc"], delta=1.0 / 256)
            self.assertAlmostEqual(ea["val_acc"], eb["val_acc"], delta=1.01 / 100)
        self.assertLessEqual(abs(a["test"]["loss"] - b["test"]["loss"]), RTOL * a["test"]["loss"])
        diff = np.abs(np.array(a["test"]["confusion"]) - np.array(b["test"]["confusion"])).sum()
        self.assertLessEqual(diff, 2, "the confusion matrices differ by more than one image")

    def test_python_script_matches_layerlab_train(self):
        script = export_and_train("sgd", DROPOUT_NET, SGD_RUN)
        self.assertTrue(os.path.exists(tmp("sgd.init.safetensors")))
        run(["/usr/bin/python3", script, "--threads", "1", "--history", tmp("sgd.torch.json")])
        self.assert_same_history(tmp("sgd.engine.json"), tmp("sgd.torch.json"))

    def test_torchrun_two_ranks_match_layerlab_train(self):
        script = export_and_train("ddp", DROPOUT_NET, SGD_RUN)
        # Debian's torch 1.13 on Python 3.11 cannot parse torchrun's default "--redirects 0 --tee 0"
        # (IntFlag no longer iterates its 0 member), hence the explicit values.
        r = run(["/usr/bin/python3", "-m", "torch.distributed.run", "--standalone", "--nproc_per_node=2",
                 "--redirects", "1", "--tee", "1", script, "--history", tmp("ddp.torch.json")])
        self.assertIn("2 process(es)", r.stdout)
        self.assert_same_history(tmp("ddp.engine.json"), tmp("ddp.torch.json"))

    def test_batchnorm_adam_step_schedule_early_stopping_restore_best(self):
        script = export_and_train("adam", BN_NET, ADAM_RUN)
        run(["/usr/bin/python3", script, "--threads", "1", "--history", tmp("adam.torch.json"),
             "--out", tmp("adam.torch.safetensors")])
        self.assert_same_history(tmp("adam.engine.json"), tmp("adam.torch.json"))
        with open(tmp("adam.torch.json")) as f:
            self.assertEqual(len(json.load(f)["history"]), 4, "early stopping after epoch 4")
        engine, ours = st.load(tmp("adam.engine.safetensors")), st.load(tmp("adam.torch.safetensors"))
        self.assertEqual(sorted(engine), sorted(ours))
        for k in engine:
            np.testing.assert_allclose(ours[k], engine[k], rtol=1e-3, atol=1e-5, err_msg=k)

    def test_divergence_exits_3_at_the_engines_step(self):
        mp = tmp("div.json")
        with open(mp, "w") as f:
            json.dump(DEEP_LINEAR, f)
        flags = ["--data", "fashion-mnist", "--epochs", "4", "--train-size", "512", "--test-limit", "100",
                 "--optimizer", "sgd", "--lr", "0.5", "--schedule", "constant"]
        engine = subprocess.run([LAYERLAB, "train", mp, *flags], capture_output=True, text=True)
        self.assertEqual(engine.returncode, 3)
        run([LAYERLAB, "export-pytorch", mp, "--train", "--script", tmp("div.py"), *flags])
        r = subprocess.run(["/usr/bin/python3", tmp("div.py"), "--threads", "1", "--history", tmp("div.torch.json")],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 3, r.stderr)
        step = engine.stderr.split("diverged at step ")[1].split()[0]
        self.assertIn(f"diverged at step {step} (epoch 2)", r.stderr)
        with open(tmp("div.torch.json")) as f:
            h = json.load(f)
        self.assertEqual([e["epoch"] for e in h["history"]], [1])
        self.assertIsNone(h["test"])

    def test_train_flags_are_checked(self):
        mp = tmp("bad.json")
        with open(mp, "w") as f:
            json.dump(DROPOUT_NET, f)
        r = subprocess.run([LAYERLAB, "export-pytorch", mp, "--train", "--script", tmp("bad.py"), "--patience", "2"],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 2)
        self.assertIn("val_size", r.stderr)
        self.assertFalse(os.path.exists(tmp("bad.py")))
