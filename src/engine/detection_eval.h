// Detection metrics: COCO's bbox evaluation (pycocotools' COCOeval, iouType "bbox") and PASCAL VOC's
// per-category AP, on a COCO annotation file and a COCO results list. The Detection lab and
// `layerlab detect-eval` read every figure from here; neither does metric maths of its own.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/json.h"
#include "engine/status.h"

namespace ll {

// A COCO annotation or results file larger than this is refused before it is read (the 2017 val
// annotations are 25 MB, a results list for them about 40 MB).
constexpr uint64_t kMaxDetectionFileBytes = uint64_t(256) << 20;

// bbox is COCO's [x, y, w, h].
struct GtBox {
    int64_t image_id = 0, category_id = 0;
    double x = 0, y = 0, w = 0, h = 0;
    double area = 0;  // the annotation's own `area` (a segmentation's), which COCO's area ranges use
    bool crowd = false;
};
struct DetBox {
    int64_t image_id = 0, category_id = 0;
    double x = 0, y = 0, w = 0, h = 0;
    double score = 0;
};
struct CocoGt {
    std::vector<int64_t> image_ids;     // file order
    std::vector<int64_t> category_ids;  // file order
    std::vector<GtBox> boxes;
};

// `file` names the source in messages: "gt.json: annotations[3]: \"bbox\": width -2 is negative".
Status parse_coco_gt(const Json& j, const std::string& file, CocoGt& out);
// Every result's image and category must be in gt (pycocotools refuses unknown images; an unknown
// category would be silently dropped there, which hides a mistake, so it is an error here).
Status parse_coco_results(const Json& j, const std::string& file, const CocoGt& gt, std::vector<DetBox>& out);
// Reads and parses the files (at most kMaxDetectionFileBytes each).
Status load_coco_gt(const std::string& path, CocoGt& out);
Status load_coco_results(const std::string& path, const CocoGt& gt, std::vector<DetBox>& out);

// COCO's IoU of a detection and a ground-truth box (maskApi's bbIou): 0 without overlap; against a
// crowd box the intersection is divided by the detection's area alone.
double coco_iou(const DetBox& d, const GtBox& g, bool crowd);

// COCOeval.summarize()'s twelve numbers, -1 where a figure has no ground truth.
struct CocoSummary {
    std::array<double, 12> stats{};
};
extern const std::array<const char*, 12> kCocoStatNames;  // "AP", "AP50", ..., "ARl"
CocoSummary coco_evaluate(const CocoGt& gt, const std::vector<DetBox>& dets);
// The twelve lines summarize() prints, e.g.
// " Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.504".
std::string coco_summary_text(const CocoSummary& s);

// VOC matching of one category's detections at an IoU threshold (0.5 in VOC): the detections over all
// images in descending score (ties in results-file order, as MATLAB's stable sort), each against the
// ground-truth box of its image it overlaps most.
enum class MatchKind { TruePositive, FalsePositive, Duplicate, Ignored };
struct DetMatch {
    int det = -1;  // index into the results list
    MatchKind kind = MatchKind::FalsePositive;
    int gt = -1;   // index into gt.boxes of the best-overlapping box, -1 if the image has none
    double iou = 0;
};
struct VocMatching {
    std::vector<DetMatch> matches;  // in rank order
    int positives = 0;              // non-crowd ground truth of the category
};
VocMatching voc_match(const CocoGt& gt, const std::vector<DetBox>& dets, int64_t category_id, double iou_threshold);

// Precision and recall after each true or false positive (ignored detections add no point), and the
// interpolated envelope: at each point the best precision at this recall or beyond.
struct PrCurve {
    std::vector<double> recall, precision, envelope;
};
PrCurve pr_curve(const VocMatching& m);
// VOC2007: the mean over recall 0, 0.1, ..., 1 of the best precision at that recall or beyond.
double voc_ap_11point(const PrCurve& pr);
// VOC2010+: the area under the envelope, a step at every recall the curve reaches.
double voc_ap_allpoint(const PrCurve& pr);

struct VocSummary {
    std::vector<int64_t> category_ids;  // ascending
    std::vector<double> ap07, ap12;     // -1 for a category without non-crowd ground truth
    double map07 = -1, map12 = -1;      // means over the categories that have ground truth
};
VocSummary voc_evaluate(const CocoGt& gt, const std::vector<DetBox>& dets, double iou_threshold = 0.5);

}  // namespace ll
