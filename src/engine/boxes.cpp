#include "engine/boxes.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace ll {

namespace {

// The intersection's area, clamped at zero width or height (torchvision's clamp(min=0)). This file is
// built with -ffp-contract=off (CMakeLists.txt): a fused multiply-add rounds once where torch rounds
// twice, and a 1-ulp IoU flips an NMS decision at the threshold.
float intersection(const Box& a, const Box& b) {
    const float w = std::max(0.0f, std::min(a.x2, b.x2) - std::max(a.x1, b.x1));
    const float h = std::max(0.0f, std::min(a.y2, b.y2) - std::max(a.y1, b.y1));
    return w * h;
}

// Descending score, lower index first among equals.
std::vector<int> rank_by_score(const std::vector<float>& scores) {
    std::vector<int> order(scores.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int i, int j) { return scores[i] > scores[j]; });
    return order;
}

}  // namespace

float box_area(const Box& b) { return (b.x2 - b.x1) * (b.y2 - b.y1); }

float box_iou(const Box& a, const Box& b) {
    const float inter = intersection(a, b);
    const float uni = box_area(a) + box_area(b) - inter;
    return inter / uni;
}

IouParts box_iou_parts(const Box& a, const Box& b) {
    IouParts p;
    p.area_a = box_area(a);
    p.area_b = box_area(b);
    p.intersection = intersection(a, b);
    p.uni = p.area_a + p.area_b - p.intersection;  // box_iou's order
    p.iou = p.intersection / p.uni;
    return p;
}

std::vector<float> box_iou_matrix(const std::vector<Box>& a, const std::vector<Box>& b) {
    std::vector<float> out(a.size() * b.size());
    for (size_t i = 0; i < a.size(); ++i)
        for (size_t j = 0; j < b.size(); ++j) out[i * b.size() + j] = box_iou(a[i], b[j]);
    return out;
}

std::vector<NmsStep> nms_trace(const std::vector<Box>& boxes, const std::vector<float>& scores, float iou_threshold,
                               const std::vector<int>* classes) {
    LL_ASSERT(boxes.size() == scores.size(), "nms: one score per box");
    LL_ASSERT(!classes || classes->size() == boxes.size(), "nms: one class per box");
    const std::vector<int> order = rank_by_score(scores);
    std::vector<NmsStep> steps;
    steps.reserve(order.size());
    std::vector<int> kept;
    for (int i : order) {
        NmsStep s;
        s.index = i;
        s.kept = true;
        // The first kept box (in rank) that overlaps too much is the one that suppresses: torchvision's
        // loop marks a box when the earliest-ranked kept box over the threshold reaches it.
        for (int k : kept) {
            if (classes && (*classes)[k] != (*classes)[i]) continue;
            const float iou = box_iou(boxes[k], boxes[i]);
            if (iou > iou_threshold) {
                s.kept = false;
                s.by = k;
                s.iou = iou;
                break;
            }
        }
        if (s.kept) kept.push_back(i);
        steps.push_back(s);
    }
    return steps;
}

std::vector<int> nms(const std::vector<Box>& boxes, const std::vector<float>& scores, float iou_threshold) {
    std::vector<int> keep;
    for (const NmsStep& s : nms_trace(boxes, scores, iou_threshold))
        if (s.kept) keep.push_back(s.index);
    return keep;
}

std::vector<int> batched_nms(const std::vector<Box>& boxes, const std::vector<float>& scores,
                             const std::vector<int>& classes, float iou_threshold) {
    std::vector<int> keep;
    for (const NmsStep& s : nms_trace(boxes, scores, iou_threshold, &classes))
        if (s.kept) keep.push_back(s.index);
    return keep;
}

Status check_boxes(const std::vector<Box>& boxes, const std::string& what) {
    for (size_t i = 0; i < boxes.size(); ++i) {
        const Box& b = boxes[i];
        const std::string at = what + ": box " + std::to_string(i) + ": ";
        if (!std::isfinite(b.x1) || !std::isfinite(b.y1) || !std::isfinite(b.x2) || !std::isfinite(b.y2))
            return Status::error(at + "coordinates must be finite numbers");
        if (b.x2 < b.x1) return Status::error(at + "x2 is less than x1 (boxes are [x1, y1, x2, y2])");
        if (b.y2 < b.y1) return Status::error(at + "y2 is less than y1 (boxes are [x1, y1, x2, y2])");
    }
    return Status::ok();
}

}  // namespace ll
