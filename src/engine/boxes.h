// Boxes for the Detection lab and `layerlab boxes`: pairwise IoU and non-maximum suppression as
// torchvision.ops defines them (box_iou, nms, batched_nms), plus a trace of NMS's decisions that the lab
// steps through. Boxes are [x1, y1, x2, y2] in float, the dtype torchvision's goldens use, and every
// product and sum is taken in torchvision's order so that a decision at the threshold falls the same way.
#pragma once
#include <string>
#include <vector>

#include "engine/status.h"

namespace ll {

struct Box {
    float x1 = 0, y1 = 0, x2 = 0, y2 = 0;
};

float box_area(const Box& b);
// Intersection over union of two boxes. As torchvision: the union can be 0 (two zero-area boxes), and
// then the result is NaN (0/0), which no threshold test passes.
float box_iou(const Box& a, const Box& b);
// The terms of box_iou, for the lab to show: IoU = intersection / union, union = area_a + area_b -
// intersection; iou equals box_iou(a, b) to the bit.
struct IouParts {
    float area_a = 0, area_b = 0, intersection = 0, uni = 0, iou = 0;
};
IouParts box_iou_parts(const Box& a, const Box& b);
// Row i, column j: IoU of a[i] and b[j] (a.size() x b.size(), row-major).
std::vector<float> box_iou_matrix(const std::vector<Box>& a, const std::vector<Box>& b);

// Indices of the kept boxes in descending score. A box is suppressed by a kept box of higher rank whose
// IoU with it is > iou_threshold. Equal scores rank the lower index first (torch's stable sort;
// torch.sort without stable=True orders ties arbitrarily past 16 elements, so goldens with ties stay
// small).
std::vector<int> nms(const std::vector<Box>& boxes, const std::vector<float>& scores, float iou_threshold);
// torchvision.ops.batched_nms: boxes of different classes never suppress each other; the result is
// in descending score over all classes.
std::vector<int> batched_nms(const std::vector<Box>& boxes, const std::vector<float>& scores,
                             const std::vector<int>& classes, float iou_threshold);

// One step of NMS for the lab: box `index` is kept, or suppressed by the kept box `by` with `iou`.
struct NmsStep {
    int index = -1;
    bool kept = false;
    int by = -1;
    float iou = 0.0f;
};
// Every box once, in the order NMS visits them (descending score); the kept ones equal nms().
// With classes (same size as boxes) it is the per-class trace of batched_nms.
std::vector<NmsStep> nms_trace(const std::vector<Box>& boxes, const std::vector<float>& scores, float iou_threshold,
                               const std::vector<int>* classes = nullptr);

// Checks that every box is finite with x1 <= x2 and y1 <= y2 (torchvision's precondition); the error
// names `what` and the box index.
Status check_boxes(const std::vector<Box>& boxes, const std::string& what);

}  // namespace ll
