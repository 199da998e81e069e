#!/usr/bin/python3
"""LayerLab's speed beside PyTorch 1.13 on the same machine, thread count for thread count.

Runs `layerlab bench --json` and tools/bench/torch_bench.py (same networks, batch sizes, SGD with
momentum, random data) for 1 and 2 threads, builds and runs tools/bench/fma_peak.cpp for one core's
float32 FMA peak, and prints the ratio tables the speed issue asks for:
  - batch 64 training / inference images/s, ours vs PyTorch, with the targets (train >= 2x on tiny,
    >= 1x on standard; inference >= 1x);
  - the Conv2d(32->64, 3x3) forward GFLOP/s against the FMA peak (target: half of it);
  - images/s for batch sizes 1, 8, 64, 256 (tiny and standard), and our time per Fashion-MNIST epoch;
  - peak RSS of `layerlab train standard --batch-size 64` against the same job in PyTorch;
  - the WebAssembly side (tools/bench/web_compare.mjs, in headless Chromium and Node, one thread): ours
    against ConvNetJS (training), TF.js's wasm backend (inference) and the SIMD128 peak (conv). It runs
    when build/web-bench is built (tools/bench/build_web_bench.sh) or with --web; --no-web skips it.
Usage: /usr/bin/python3 tools/bench/compare.py [--threads 1,2] [--seconds 1.0] [--no-scaling]
       [--no-rss] [--web | --no-web | --web-only] [--json OUT.json]
The machine may be shared: every figure is the best of many short rounds, but run it when idle.
"""
import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
LAYERLAB = os.path.join(ROOT, "build", "native", "layerlab")
TORCH = "/usr/bin/python3"
NETS = ["tiny", "standard", "tiny-nobn", "standard-nobn"]
TARGET_TRAIN = {"tiny": 2.0, "standard": 1.0, "tiny-nobn": 2.0, "standard-nobn": 1.0}


def run_json(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out[out.index("{"):])


def fma_peak():
    """GFLOP/s of one core's FMA loop, 16-wide (AVX-512) and 8-wide (AVX2) where the CPU has them."""
    out_dir = os.path.join(ROOT, "build", "bench")
    os.makedirs(out_dir, exist_ok=True)
    src = os.path.join(ROOT, "tools", "bench", "fma_peak.cpp")
    peaks = {}
    for width in (16, 8):
        exe = os.path.join(out_dir, f"fma_peak{width}")
        subprocess.run(["g++", "-O2", "-march=native", f"-DWIDTH={width}", src, "-o", exe], check=True)
        try:
            peaks[width] = float(subprocess.run([exe], check=True, capture_output=True, text=True).stdout)
        except subprocess.CalledProcessError:
            peaks[width] = None  # the CPU lacks the instruction set
    return peaks


def ours(threads, batch, seconds, nets, conv):
    cmd = [LAYERLAB, "bench", "--json", "--threads", str(threads), "--batch-size", str(batch),
           "--seconds", str(seconds), "--nets", ",".join(nets)]
    if not conv:
        cmd.append("--no-conv")
    return run_json(cmd)


def theirs(threads, batches, seconds, nets, conv):
    cmd = [TORCH, os.path.join(ROOT, "tools", "bench", "torch_bench.py"), "--threads", str(threads),
           "--batches", ",".join(str(b) for b in batches), "--seconds", str(seconds), "--nets", ",".join(nets)]
    if not conv:
        cmd.append("--no-conv")
    return run_json(cmd)


def ratio(a, b):
    return a / b if a and b else None


def fmt(v, width=9, digits=0):
    return f"{v:{width}.{digits}f}" if v is not None else " " * (width - 1) + "-"


def main_table(threads, seconds):
    o = ours(threads, 64, seconds, NETS, True)
    t = theirs(threads, [64], seconds, NETS, True)
    tb = t["batches"]["64"]
    print(f"\n== batch 64, {threads} thread(s): images/s, ours / PyTorch ==")
    print(f"{'net':14} {'train':>9} {'torch':>9} {'ratio':>6} {'target':>6}   {'infer':>9} {'torch':>9} {'ratio':>6}")
    rows = {}
    for n in NETS:
        tr, ttr = o[n]["train_images_per_s"], tb[n]["train_images_per_s"]
        inf, tinf = o[n]["infer_images_per_s"], tb[n]["infer_images_per_s"]
        rt, ri = ratio(tr, ttr), ratio(inf, tinf)
        ok_t = "ok" if rt and rt >= TARGET_TRAIN[n] else "MISS"
        ok_i = "ok" if ri and ri >= 1.0 else "MISS"
        print(f"{n:14} {fmt(tr)} {fmt(ttr)} {fmt(rt, 6, 2)} {TARGET_TRAIN[n]:5.1f}x {ok_t:4} {fmt(inf)} {fmt(tinf)} "
              f"{fmt(ri, 6, 2)} {ok_i}")
        rows[n] = {"ours": o[n], "torch": tb[n], "train_ratio": rt, "infer_ratio": ri}
    return {"nets": rows, "conv_gflops": o["conv_gflops"], "torch_conv_gflops": t.get("conv_gflops")}


def scaling_table(threads, seconds):
    nets = ["tiny", "standard"]
    batches = [1, 8, 64, 256]
    t = theirs(threads, batches, seconds, nets, False)
    print(f"\n== batch-size scaling, {threads} thread(s): images/s, ours / PyTorch ==")
    print(f"{'net':10} {'batch':>5} {'train':>9} {'torch':>9} {'ratio':>6} {'epoch s':>8}   {'infer':>9} {'torch':>9} {'ratio':>6}")
    rows = []
    for b in batches:
        o = ours(threads, b, seconds, nets, False)
        for n in nets:
            ob, tb = o[n], t["batches"][str(b)][n]
            rt = ratio(ob["train_images_per_s"], tb["train_images_per_s"])
            ri = ratio(ob["infer_images_per_s"], tb["infer_images_per_s"])
            # One epoch of Fashion-MNIST's 60,000 training images at this rate.
            epoch = 60000.0 / ob["train_images_per_s"] if ob["train_images_per_s"] else None
            print(f"{n:10} {b:5d} {fmt(ob['train_images_per_s'])} {fmt(tb['train_images_per_s'])} {fmt(rt, 6, 2)} {fmt(epoch, 8, 1)}   "
                  f"{fmt(ob['infer_images_per_s'])} {fmt(tb['infer_images_per_s'])} {fmt(ri, 6, 2)}")
            rows.append({"net": n, "batch": b, "ours": ob, "torch": tb})
    return rows


def rss(limit):
    """Peak RSS (kB) of the same training job, ours under GNU time, PyTorch's from getrusage."""
    cmd = ["/usr/bin/time", "-f", "%M", LAYERLAB, "train", "standard", "--data", "fashion-mnist", "--epochs", "1",
           "--batch-size", "64", "--optimizer", "sgd", "--lr", "0.01", "--momentum", "0.9", "--limit", str(limit)]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        return None, None
    mine = int(r.stderr.strip().splitlines()[-1])
    theirs_kb = run_json([TORCH, os.path.join(ROOT, "tools", "bench", "torch_bench.py"), "--threads", "1",
                          "--train-rss", str(limit)])["max_rss_kb"]
    return mine, theirs_kb


def web_dir():
    return os.environ.get("LAYERLAB_BENCH_DIR") or os.path.join(ROOT, "build", "web-bench")


def web_tables(seconds):
    """Runs tools/bench/web_compare.mjs (its tables print as it goes); returns (its JSON report, ok).
    ok is False when it failed, e.g. because a peer's network does not match ours."""
    import tempfile
    sys.stdout.flush()  # our tables first, then the child's, when stdout is a pipe
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "web.json")
        r = subprocess.run(["node", os.path.join(ROOT, "tools", "bench", "web_compare.mjs"), "--seconds", str(seconds),
                            "--json", out])
        report = None
        if os.path.exists(out):
            with open(out) as f:
                report = json.load(f)
    if r.returncode != 0:
        print(f"\ncompare.py: the WebAssembly comparison failed (exit status {r.returncode})")
    return report, r.returncode == 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--seconds", type=float, default=1.0)
    ap.add_argument("--no-scaling", action="store_true")
    ap.add_argument("--no-rss", action="store_true")
    ap.add_argument("--json", metavar="OUT")
    web = ap.add_mutually_exclusive_group()
    web.add_argument("--web", action="store_true", help="also the WebAssembly tables (default when build/web-bench is built)")
    web.add_argument("--no-web", action="store_true", help="skip the WebAssembly tables")
    web.add_argument("--web-only", action="store_true", help="only the WebAssembly tables")
    args = ap.parse_args()
    built = os.path.exists(os.path.join(web_dir(), "layerlab_bench_web.js"))
    run_web = args.web or args.web_only or (built and not args.no_web)
    if run_web and not built:
        sys.exit(f"compare.py: {web_dir()} is not built; run: bash tools/bench/build_web_bench.sh")
    if args.web_only:
        report, ok = web_tables(args.seconds)
        if args.json:
            with open(args.json, "w") as f:
                json.dump({"web": report}, f, indent=1)
        sys.exit(0 if ok else 1)
    if not os.path.exists(LAYERLAB):
        sys.exit(f"compare.py: {LAYERLAB} is missing; build it with cmake --build build/native --target layerlab")

    report = {"fma_peak_gflops": fma_peak(), "threads": {}}
    peak = report["fma_peak_gflops"][16] or report["fma_peak_gflops"][8]
    print(f"one core's FMA peak: {fmt(report['fma_peak_gflops'][16], 6, 1)} GFLOP/s 16-wide (AVX-512), "
          f"{fmt(report['fma_peak_gflops'][8], 6, 1)} 8-wide (AVX2)")
    for th in [int(s) for s in args.threads.split(",")]:
        main_rows = main_table(th, args.seconds)
        conv = main_rows["conv_gflops"]
        print(f"Conv2d(32->64, 3x3) forward, 64x32x28x28: ours {conv:.1f} GFLOP/s = {conv / peak:.2f} of one core's peak "
              f"({'ok' if conv >= 0.5 * peak else 'MISS'}: target 0.5); PyTorch {main_rows['torch_conv_gflops']:.1f}")
        entry = {"batch64": main_rows}
        if not args.no_scaling:
            entry["scaling"] = scaling_table(th, args.seconds)
        report["threads"][str(th)] = entry
    if not args.no_rss:
        mine, theirs_kb = rss(6400)
        if mine:
            print(f"\npeak RSS, train standard --batch-size 64 (one epoch of 6400 Fashion-MNIST images + test): "
                  f"ours {mine / 1024:.0f} MB, PyTorch {theirs_kb / 1024:.0f} MB ({'ok' if mine < theirs_kb else 'MISS'})")
            report["rss_kb"] = {"ours": mine, "torch": theirs_kb}
        else:
            print("\npeak RSS: `layerlab train` failed (is dataset-fashion-mnist installed?)")
    web_ok = True
    if run_web:
        print("\n==== WebAssembly (tools/bench/web_compare.mjs) ====")
        report["web"], web_ok = web_tables(args.seconds)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(report, f, indent=1)
    if not web_ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
