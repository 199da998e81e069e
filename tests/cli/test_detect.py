"""`layerlab boxes` against Debian's python3-torchvision (box_iou, nms), and `layerlab detect-eval` against
a reference written here from pycocotools' COCOeval algorithm and the VOC devkit's rules (pycocotools is
not packaged in Debian), on generated sets; plus the bad-input lines.

Run with /usr/bin/python3 tests/cli/test_detect.py; prints "detect: N passed, N failed, N skipped"."""
import json
import os
import sys
import tempfile
import unittest

import numpy as np
import torch
from torchvision.ops import box_iou, nms

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_cli import layerlab, run_suite  # noqa: E402

TMP = tempfile.mkdtemp(prefix="layerlab-detect-")


def write(name, obj):
    p = os.path.join(TMP, name)
    with open(p, "w") as f:
        f.write(obj if isinstance(obj, str) else json.dumps(obj))
    return p


# The binary is found and run as by the contract suite (the LAYERLAB variable, or build/native).
run = layerlab


def random_boxes(rng, n, scale=100.0):
    xy = rng.uniform(0, scale, (n, 2))
    wh = rng.uniform(0, scale / 3, (n, 2))
    return np.concatenate([xy, xy + wh], 1).astype(np.float32)


# Touching (shared edge, shared corner), nested, equal, zero-area (a point, a line), disjoint.
EDGE = np.array([[0, 0, 10, 10], [10, 0, 20, 10], [10, 10, 20, 20], [2, 2, 8, 8], [0, 0, 10, 10],
                 [5, 5, 5, 5], [5, 0, 5, 10], [0, 5, 10, 5], [30, 30, 40, 40], [0, 0, 10, 10.5],
                 [3, 0, 13, 10], [0, 0, 0, 0]], dtype=np.float32)


class BoxesAgainstTorchvision(unittest.TestCase):
    def iou(self, a, b):
        out = json.loads(run("boxes", "iou", "--boxes", write("a.json", a.tolist()),
                             "--against", write("b.json", b.tolist())).stdout)["iou"]
        return np.array([[np.nan if v is None else v for v in row] for row in out], dtype=np.float32).reshape(len(a), len(b))

    def keep(self, boxes, scores, thr):
        out = run("boxes", "nms", "--boxes", write("nb.json", boxes.tolist()),
                  "--scores", write("ns.json", scores.tolist()), "--iou", repr(float(thr))).stdout
        return json.loads(out)["keep"]

    def test_iou_random(self):
        rng = np.random.default_rng(13)
        for n, m in [(1, 1), (7, 5), (60, 40)]:
            a, b = random_boxes(rng, n), random_boxes(rng, m)
            want = box_iou(torch.from_numpy(a), torch.from_numpy(b)).numpy()
            # Same float32 operations in the same order as torchvision: equal to the bit.
            np.testing.assert_array_equal(self.iou(a, b), want)

    def test_iou_edge_cases(self):
        want = box_iou(torch.from_numpy(EDGE), torch.from_numpy(EDGE)).numpy()
        self.assertTrue(np.isnan(want[5, 5]))  # torchvision's 0/0 for two identical points: null in JSON
        np.testing.assert_array_equal(self.iou(EDGE, EDGE), want)

    def test_nms_random(self):
        rng = np.random.default_rng(5)
        for n in [1, 10, 300]:
            # Boxes clustered around a few centres, so that suppression happens often.
            centres = rng.uniform(0, 200, (5, 2))
            c = centres[rng.integers(0, 5, n)] + rng.normal(0, 6, (n, 2))
            wh = rng.uniform(10, 40, (n, 2))
            boxes = np.concatenate([c - wh / 2, c + wh / 2], 1).astype(np.float32)
            scores = rng.uniform(0, 1, n).astype(np.float32)
            for thr in [0.0, 0.3, 0.5, 0.7, 1.0]:
                want = nms(torch.from_numpy(boxes), torch.from_numpy(scores), thr).tolist()
                self.assertEqual(self.keep(boxes, scores, thr), want, f"n={n} thr={thr}")

    def test_nms_edge_cases_and_equal_scores(self):
        # torch.sort orders equal scores by index up to 16 elements (past that its order is unspecified;
        # the engine keeps the lower index first, as torch's stable sort), so these stay at 12 boxes.
        for scores in [np.full(12, 0.5), np.arange(12) % 3 / 3.0, np.linspace(1, 0, 12)]:
            scores = scores.astype(np.float32)
            for thr in [0.0, 0.2, 0.5, 0.9]:
                want = nms(torch.from_numpy(EDGE), torch.from_numpy(scores), thr).tolist()
                self.assertEqual(self.keep(EDGE, scores, thr), want, f"scores={scores} thr={thr}")

    def test_bad_input(self):
        good = write("g.json", [[0, 0, 1, 1]])
        cases = [
            (["iou", "--boxes", write("inv.json", [[0, 0, 1, 1], [5, 0, 2, 1]]), "--against", good],
             "inv.json: box 1: x2 is less than x1"),
            (["iou", "--boxes", write("three.json", [[0, 0, 1]]), "--against", good], "three.json: box 0: expected [x1, y1, x2, y2]"),
            (["nms", "--boxes", good, "--scores", write("s2.json", [0.5, 0.2]), "--iou", "0.5"], "s2.json: 2 scores for 1 boxes"),
            (["nms", "--boxes", good, "--scores", write("sinf.json", "[1e400]"), "--iou", "0.5"], "sinf.json: score 0 must be a finite number"),
            (["nms", "--boxes", good, "--scores", good], "--iou is required"),
            (["area", "--boxes", good], "boxes: unknown subcommand 'area'"),
        ]
        for args, msg in cases:
            r = run("boxes", *args, expect=2)
            self.assertEqual(len(r.stderr.strip().splitlines()), 1, r.stderr)
            self.assertIn(msg, r.stderr)


# ---- The reference: COCOeval (bbox) and VOC AP, written from their published descriptions ----

IOU_T = np.linspace(0.5, 0.95, 10)
REC_T = np.linspace(0.0, 1.0, 101)
AREAS = [(0, 1e10), (0, 32 ** 2), (32 ** 2, 96 ** 2), (96 ** 2, 1e10)]


def ref_iou(d, g, crowd):
    w = min(d[0] + d[2], g[0] + g[2]) - max(d[0], g[0])
    h = min(d[1] + d[3], g[1] + g[3]) - max(d[1], g[1])
    if w <= 0 or h <= 0:
        return 0.0
    inter = w * h
    return inter / (d[2] * d[3] if crowd else d[2] * d[3] + g[2] * g[3] - inter)


def ref_eval_image(gts, dts, area):
    """gts, dts of one image and category (dts already ranked and cut at 100)."""
    if not gts and not dts:
        return None
    lo, hi = area
    ign = [bool(g["iscrowd"]) or g["area"] < lo or g["area"] > hi for g in gts]
    order = sorted(range(len(gts)), key=lambda i: ign[i])  # counting boxes first, stable
    T, D = len(IOU_T), len(dts)
    matched = np.zeros((T, D), bool)
    dt_ign = np.zeros((T, D), bool)
    for t, thr in enumerate(IOU_T):
        taken = set()
        for di, d in enumerate(dts):
            best, m = min(thr, 1 - 1e-10), None
            for gi in order:
                g = gts[gi]
                if gi in taken and not g["iscrowd"]:
                    continue
                if m is not None and not ign[m] and ign[gi]:
                    break
                iou = ref_iou(d["bbox"], g["bbox"], g["iscrowd"])
                if iou < best:
                    continue
                best, m = iou, gi
            if m is not None:
                matched[t, di] = True
                dt_ign[t, di] = ign[m]
                taken.add(m)
    for di, d in enumerate(dts):
        a = d["bbox"][2] * d["bbox"][3]
        if a < lo or a > hi:
            dt_ign[:, di] |= ~matched[:, di]
    return {"scores": [d["score"] for d in dts], "matched": matched, "ignored": dt_ign, "npig": ign.count(False)}


def ref_coco(gt, dt):
    imgs = sorted(i["id"] for i in gt["images"])
    cats = sorted(c["id"] for c in gt["categories"])
    T, R, K, A, M = 10, 101, len(cats), 4, 3
    max_dets = [1, 10, 100]
    precision = -np.ones((T, R, K, A, M))
    recall = -np.ones((T, K, A, M))
    for k, c in enumerate(cats):
        per_img = []
        for i in imgs:
            gts = [g for g in gt["annotations"] if g["image_id"] == i and g["category_id"] == c]
            dts = [d for d in dt if d["image_id"] == i and d["category_id"] == c]
            dts = sorted(dts, key=lambda d: -d["score"])[:100]  # Python's sort is stable
            per_img.append([ref_eval_image(gts, dts, area) for area in AREAS])
        for a in range(A):
            for mi, md in enumerate(max_dets):
                E = [e[a] for e in per_img if e[a] is not None]
                if not E:
                    continue
                npig = sum(e["npig"] for e in E)
                if npig == 0:
                    continue
                scores = np.concatenate([e["scores"][:md] for e in E])
                rank = np.argsort(-scores, kind="mergesort")
                mt = np.concatenate([e["matched"][:, :md] for e in E], 1)[:, rank]
                ig = np.concatenate([e["ignored"][:, :md] for e in E], 1)[:, rank]
                tps = np.cumsum(mt & ~ig, 1).astype(float)
                fps = np.cumsum(~mt & ~ig, 1).astype(float)
                for t in range(T):
                    rc = tps[t] / npig
                    pr = tps[t] / (fps[t] + tps[t] + np.spacing(1))
                    recall[t, k, a, mi] = rc[-1] if len(rc) else 0
                    pr = np.maximum.accumulate(pr[::-1])[::-1] if len(pr) else pr
                    q = np.zeros(R)
                    idx = np.searchsorted(rc, REC_T, side="left")
                    for r, n in enumerate(idx):
                        if n >= len(pr):
                            break
                        q[r] = pr[n]
                    precision[t, :, k, a, mi] = q

    def mean(s):
        s = s[s > -1]
        return -1.0 if s.size == 0 else float(np.mean(s))

    P, Rc = precision, recall
    return {"AP": mean(P[:, :, :, 0, 2]), "AP50": mean(P[0, :, :, 0, 2]), "AP75": mean(P[5, :, :, 0, 2]),
            "APs": mean(P[:, :, :, 1, 2]), "APm": mean(P[:, :, :, 2, 2]), "APl": mean(P[:, :, :, 3, 2]),
            "AR1": mean(Rc[:, :, 0, 0]), "AR10": mean(Rc[:, :, 0, 1]), "AR100": mean(Rc[:, :, 0, 2]),
            "ARs": mean(Rc[:, :, 1, 2]), "ARm": mean(Rc[:, :, 2, 2]), "ARl": mean(Rc[:, :, 3, 2])}


def ref_voc(gt, dt, c):
    gts = [g for g in gt["annotations"] if g["category_id"] == c]
    npos = sum(1 for g in gts if not g["iscrowd"])
    if npos == 0:
        return -1.0, -1.0
    dets = sorted([d for d in dt if d["category_id"] == c], key=lambda d: -d["score"])
    used = set()
    tp, fp = [], []
    for d in dets:
        cands = [(ref_iou(d["bbox"], g["bbox"], False), gi) for gi, g in enumerate(gts) if g["image_id"] == d["image_id"]]
        best, j = max(cands, key=lambda x: x[0]) if cands else (-1.0, None)  # max keeps the first of ties
        if j is not None and best >= 0.5:
            if gts[j]["iscrowd"]:
                continue  # "difficult": neither
            if j not in used:
                used.add(j)
                tp.append(1), fp.append(0)
            else:
                tp.append(0), fp.append(1)
        else:
            tp.append(0), fp.append(1)
    tp, fp = np.cumsum(tp), np.cumsum(fp)
    rec = tp / npos
    prec = tp / np.maximum(tp + fp, 1)
    ap07 = 0.0
    for t in [i / 10 for i in range(11)]:
        ap07 += (prec[rec >= t].max() if np.any(rec >= t) else 0.0) / 11
    mrec = np.concatenate([[0.0], rec, [1.0]])
    mpre = np.concatenate([[0.0], prec, [0.0]])
    mpre = np.maximum.accumulate(mpre[::-1])[::-1]
    i = np.where(mrec[1:] != mrec[:-1])[0]
    return ap07, float(np.sum((mrec[i + 1] - mrec[i]) * mpre[i + 1]))


def generated_set(seed):
    """Images with and without gt, crowd boxes, all three sizes, one image with 150 detections of one
    category, a category without detections, segment areas that differ from the boxes' w*h, tied scores."""
    rng = np.random.default_rng(seed)
    images = [{"id": int(i)} for i in rng.permutation(np.arange(1, 13)) * 3]
    cats = [{"id": 1}, {"id": 2}, {"id": 5}, {"id": 9}]  # 9: gt but no detections
    anns, dets = [], []
    for im in images[:9]:  # the last three images have no ground truth
        for _ in range(int(rng.integers(1, 8))):
            side = float(rng.choice([rng.uniform(4, 30), rng.uniform(33, 95), rng.uniform(100, 300)]))
            w, h = side * rng.uniform(0.6, 1.4), side * rng.uniform(0.6, 1.4)
            x, y = rng.uniform(0, 500, 2)
            crowd = int(rng.uniform() < 0.12)
            c = int(rng.choice([1, 2, 5, 9]))
            anns.append({"id": len(anns) + 1, "image_id": im["id"], "category_id": c, "bbox": [x, y, w, h],
                         "area": w * h * rng.uniform(0.5, 1.0), "iscrowd": crowd})
            if c == 9:
                continue
            for _ in range(int(rng.integers(0, 4))):  # hits, near misses and duplicates
                j = rng.normal(0, 0.15, 4) * [w, h, w, h]
                dets.append({"image_id": im["id"], "category_id": c, "bbox": [x + j[0], y + j[1], abs(w + j[2]), abs(h + j[3])],
                             "score": round(float(rng.uniform()), 2)})
    for im in images:
        for _ in range(int(rng.integers(0, 4))):  # background detections, in images without gt too
            x, y = rng.uniform(0, 500, 2)
            dets.append({"image_id": im["id"], "category_id": int(rng.choice([1, 2, 5])),
                         "bbox": [x, y, float(rng.uniform(2, 200)), float(rng.uniform(2, 200))], "score": round(float(rng.uniform()), 2)})
    crowded = images[0]["id"]  # 150 detections of category 1 in one image: maxDets 100 cuts them
    for _ in range(150):
        x, y = rng.uniform(0, 400, 2)
        dets.append({"image_id": crowded, "category_id": 1, "bbox": [x, y, float(rng.uniform(5, 120)), float(rng.uniform(5, 120))],
                     "score": float(rng.uniform())})
    g = anns[0]  # and a perfect hit with a tiny score, which only a long list reaches
    dets.append({"image_id": g["image_id"], "category_id": g["category_id"], "bbox": g["bbox"], "score": 0.001})
    return {"images": images, "annotations": anns, "categories": cats}, dets


class DetectEval(unittest.TestCase):
    def evaluate(self, gt, dt, name):
        return json.loads(run("detect-eval", "--gt", write(name + "_gt.json", gt), "--dt", write(name + "_dt.json", dt), "--json").stdout)

    def test_generated_sets_against_the_reference(self):
        for seed in [1, 2, 3, 4]:
            gt, dt = generated_set(seed)
            areas = [a["area"] for a in gt["annotations"] if not a["iscrowd"]]
            self.assertTrue(min(areas) < 32 ** 2 and max(areas) > 96 ** 2)
            self.assertTrue(any(a["iscrowd"] for a in gt["annotations"]))
            got = self.evaluate(gt, dt, f"gen{seed}")
            want = ref_coco(gt, dt)
            for key, v in want.items():
                self.assertAlmostEqual(got["coco"][key], v, delta=1e-12, msg=f"seed {seed} {key}")
            aps07, aps12 = [], []
            for c in sorted(c["id"] for c in gt["categories"]):
                ap07, ap12 = ref_voc(gt, dt, c)
                self.assertAlmostEqual(got["voc07"][str(c)], ap07, delta=1e-12, msg=f"seed {seed} voc07 {c}")
                self.assertAlmostEqual(got["voc12"][str(c)], ap12, delta=1e-12, msg=f"seed {seed} voc12 {c}")
                if ap07 >= 0:
                    aps07.append(ap07), aps12.append(ap12)
            self.assertAlmostEqual(got["mAP_voc07"], float(np.mean(aps07)), delta=1e-12)
            self.assertAlmostEqual(got["mAP_voc12"], float(np.mean(aps12)), delta=1e-12)
            # The figures are not degenerate: detections are found, and maxDets matters.
            self.assertGreater(got["coco"]["AP50"], 0.05)
            self.assertLess(got["coco"]["AR1"], got["coco"]["AR100"])

    def test_text_output_is_summarize_lines_then_voc(self):
        gt, dt = generated_set(7)
        p_gt, p_dt = write("t_gt.json", gt), write("t_dt.json", dt)
        lines = run("detect-eval", "--gt", p_gt, "--dt", p_dt).stdout.splitlines()
        got = json.loads(run("detect-eval", "--gt", p_gt, "--dt", p_dt, "--json").stdout)
        self.assertEqual(lines[0][:71], " Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ]")
        self.assertEqual(lines[11][:71], " Average Recall     (AR) @[ IoU=0.50:0.95 | area= large | maxDets=100 ]")
        for line, key in zip(lines[:12], ["AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100", "ARs", "ARm", "ARl"]):
            self.assertEqual(line.split(" = ")[1], f"{got['coco'][key]:0.3f}")
        self.assertTrue(lines[-1].startswith("mAP"))

    def test_no_detections_and_empty_categories(self):
        gt, _ = generated_set(1)
        got = self.evaluate(gt, [], "empty")
        for key in ["AP", "AP50", "AR100"]:
            self.assertEqual(got["coco"][key], 0.0)
        self.assertEqual(got["mAP_voc12"], 0.0)

    def test_bad_input(self):
        ann = {"image_id": 1, "category_id": 1, "bbox": [0, 0, 5, 5], "area": 25, "iscrowd": 0}
        gt = {"images": [{"id": 1}], "categories": [{"id": 1}], "annotations": [ann]}
        good_gt = write("b_gt.json", gt)
        good_dt = write("b_dt.json", [{"image_id": 1, "category_id": 1, "bbox": [0, 0, 5, 5], "score": 0.5}])
        big = os.path.join(TMP, "big.json")
        with open(big, "w") as f:
            f.truncate(300 << 20)  # sparse: 300 MB on paper, nothing on disk
        no_area = dict(ann)
        del no_area["area"]
        cases = [
            (write("m_gt.json", dict(gt, annotations=[ann, no_area])), good_dt, "m_gt.json: annotations[1]: missing key \"area\""),
            (write("w_gt.json", dict(gt, annotations=[dict(ann, bbox=[0, 0, -3, 5])])), good_dt,
             "w_gt.json: annotations[0]: \"bbox\": width -3 is negative"),
            (write("c_gt.json", dict(gt, annotations=[dict(ann, category_id=4)])), good_dt,
             "c_gt.json: annotations[0]: \"category_id\": unknown category id 4"),
            (good_gt, write("i_dt.json", [{"image_id": 8, "category_id": 1, "bbox": [0, 0, 5, 5], "score": 0.5}]),
             "i_dt.json: [0]: \"image_id\": unknown image id 8"),
            (good_gt, write("k_dt.json", [{"image_id": 1, "category_id": 2, "bbox": [0, 0, 5, 5], "score": 0.5}]),
             "k_dt.json: [0]: \"category_id\": unknown category id 2"),
            (good_gt, write("inf_dt.json", '[{"image_id": 1, "category_id": 1, "bbox": [0, 0, 5, 5], "score": 1e400}]'),
             "inf_dt.json: [0]: \"score\" must be a finite number"),
            (good_gt, write("nan_dt.json", '[{"image_id": 1, "category_id": 1, "bbox": [0, 0, 5, 5], "score": NaN}]'),
             "nan_dt.json: invalid JSON"),
            (big, good_dt, "big.json: the file is 314572800 bytes; at most 268435456"),
            (good_gt, os.path.join(TMP, "missing.json"), "missing.json: cannot open the file"),
        ]
        for g, d, msg in cases:
            r = run("detect-eval", "--gt", g, "--dt", d, expect=2)
            self.assertEqual(len(r.stderr.strip().splitlines()), 1, r.stderr)
            self.assertIn(msg, r.stderr)
        r = run("detect-eval", "--gt", good_gt, expect=2)
        self.assertIn("--dt is required", r.stderr)


if __name__ == "__main__":
    run_suite("detect", sys.modules[__name__])
