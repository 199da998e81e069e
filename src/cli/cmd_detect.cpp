// `layerlab detect-eval`: COCO's twelve summary numbers and VOC's per-category AP for a COCO annotation
// file and a results list; `layerlab boxes iou|nms`: torchvision.ops' box_iou and nms on JSON lists.
// The maths is the engine's (engine/detection_eval.h, engine/boxes.h); this file reads and prints.
#include <cmath>
#include <cstdio>

#include "cli/common.h"
#include "engine/boxes.h"
#include "engine/detection_eval.h"

namespace llcli {

namespace {

const char* kDetectUsage = "usage: layerlab detect-eval --gt GT.json --dt DT.json [--json]";
const char* kBoxesUsage =
    "usage: layerlab boxes iou --boxes A.json --against B.json | "
    "layerlab boxes nms --boxes A.json --scores S.json --iou T";

// Box lists are small next to COCO files; 256 MB is the same refusal point.
ll::Status read_json(const std::string& path, ll::Json& out) {
    std::string text;
    LL_TRY(ll::read_file(path, text, ll::kMaxDetectionFileBytes));
    return ll::parse_json(text, out).with_context(path + ": ");
}

// [[x1, y1, x2, y2], ...]
ll::Status read_boxes(const std::string& path, std::vector<ll::Box>& out) {
    ll::Json j;
    LL_TRY(read_json(path, j));
    if (!j.is_array()) return ll::Status::error(path + ": expected a list of [x1, y1, x2, y2] boxes");
    for (size_t i = 0; i < j.size(); ++i) {
        const ll::Json& b = j[i];
        const std::string at = path + ": box " + std::to_string(i) + ": ";
        if (!b.is_array() || b.size() != 4) return ll::Status::error(at + "expected [x1, y1, x2, y2]");
        for (size_t c = 0; c < 4; ++c)
            if (!b[c].is_number()) return ll::Status::error(at + "coordinates must be numbers");
        out.push_back({float(b[0].as_number()), float(b[1].as_number()), float(b[2].as_number()), float(b[3].as_number())});
    }
    return ll::check_boxes(out, path);
}

ll::Status read_scores(const std::string& path, std::vector<float>& out) {
    ll::Json j;
    LL_TRY(read_json(path, j));
    if (!j.is_array()) return ll::Status::error(path + ": expected a list of scores");
    for (size_t i = 0; i < j.size(); ++i) {
        const float s = j[i].is_number() ? float(j[i].as_number()) : NAN;
        if (!std::isfinite(s)) return ll::Status::error(path + ": score " + std::to_string(i) + " must be a finite number");
        out.push_back(s);
    }
    return ll::Status::ok();
}

// Enough digits to read the same double back; JSON has no NaN, so a 0/0 IoU (two zero-area boxes,
// NaN in torchvision too) is written null.
std::string num(double v, int digits) {
    if (std::isnan(v)) return "null";
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.*g", digits, v);
    return buf;
}

int boxes_iou(Args& a) {
    a.require("boxes");
    a.require("against");
    const std::string pa = a.str("boxes"), pb = a.str("against");
    ll::Status st = a.finish();
    std::vector<ll::Box> A, B;
    if (st) st = read_boxes(pa, A);
    if (st) st = read_boxes(pb, B);
    if (!st) return fail(st);
    const std::vector<float> iou = ll::box_iou_matrix(A, B);
    std::string out = "{\"iou\": [";
    for (size_t i = 0; i < A.size(); ++i) {
        out += i ? ", [" : "[";
        for (size_t j = 0; j < B.size(); ++j) out += (j ? ", " : "") + num(double(iou[i * B.size() + j]), 9);
        out += "]";
    }
    std::printf("%s]}\n", out.c_str());
    return 0;
}

int boxes_nms(Args& a) {
    a.require("boxes");
    a.require("scores");
    a.require("iou");
    const std::string pb = a.str("boxes"), ps = a.str("scores");
    const float thr = a.number("iou", 0.5f);
    ll::Status st = a.finish();
    std::vector<ll::Box> boxes;
    std::vector<float> scores;
    if (st) st = read_boxes(pb, boxes);
    if (st) st = read_scores(ps, scores);
    if (!st) return fail(st);
    if (!std::isfinite(thr)) return fail("--iou must be a finite number");
    if (scores.size() != boxes.size())
        return fail(ps + ": " + std::to_string(scores.size()) + " scores for " + std::to_string(boxes.size()) + " boxes in " + pb);
    std::string out = "{\"keep\": [";
    const std::vector<int> keep = ll::nms(boxes, scores, thr);
    for (size_t i = 0; i < keep.size(); ++i) out += (i ? ", " : "") + std::to_string(keep[i]);
    std::printf("%s]}\n", out.c_str());
    return 0;
}

}  // namespace

int cmd_detect_eval(int argc, char** argv) {
    Args a(argc, argv, 2, bool_flags());
    a.require("gt");
    a.require("dt");
    const std::string gt_path = a.str("gt"), dt_path = a.str("dt");
    const bool json = a.flag("json");
    ll::Status st = a.finish();
    if (!st) return fail(st);
    if (!a.positional().empty()) return fail(kDetectUsage);
    ll::CocoGt gt;
    std::vector<ll::DetBox> dets;
    if (!(st = ll::load_coco_gt(gt_path, gt))) return fail(st);
    if (!(st = ll::load_coco_results(dt_path, gt, dets))) return fail(st);
    const ll::CocoSummary coco = ll::coco_evaluate(gt, dets);
    const ll::VocSummary voc = ll::voc_evaluate(gt, dets);
    if (json) {
        // 17 digits: the figures are compared with reference evaluators to the last bits.
        std::string out = "{\"coco\": {";
        for (size_t i = 0; i < 12; ++i) out += std::string(i ? ", " : "") + "\"" + ll::kCocoStatNames[i] + "\": " + num(coco.stats[i], 17);
        for (int which = 0; which < 2; ++which) {
            out += which ? "}, \"voc12\": {" : "}, \"voc07\": {";
            const std::vector<double>& ap = which ? voc.ap12 : voc.ap07;
            for (size_t k = 0; k < ap.size(); ++k)
                out += std::string(k ? ", " : "") + "\"" + std::to_string(voc.category_ids[k]) + "\": " + num(ap[k], 17);
        }
        out += "}, \"mAP_voc07\": " + num(voc.map07, 17) + ", \"mAP_voc12\": " + num(voc.map12, 17) + "}";
        std::printf("%s\n", out.c_str());
        return 0;
    }
    std::fputs(ll::coco_summary_text(coco).c_str(), stdout);
    std::printf("\nVOC AP at IoU 0.5 (-1: no ground truth)\n%-12s %9s %9s\n", "category", "VOC2007", "VOC2010+");
    for (size_t k = 0; k < voc.category_ids.size(); ++k)
        std::printf("%-12lld %9.4f %9.4f\n", (long long)voc.category_ids[k], voc.ap07[k], voc.ap12[k]);
    std::printf("%-12s %9.4f %9.4f\n", "mAP", voc.map07, voc.map12);
    return 0;
}

int cmd_boxes(int argc, char** argv) {
    if (argc < 3) return fail(kBoxesUsage);
    const std::string sub = argv[2];
    Args a(argc, argv, 3, bool_flags());
    if (!a.positional().empty()) return fail(kBoxesUsage);
    if (sub == "iou") return boxes_iou(a);
    if (sub == "nms") return boxes_nms(a);
    return fail("boxes: unknown subcommand '" + sub + "' (iou or nms)");
}

}  // namespace llcli
