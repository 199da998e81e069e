// The Detection lab's built-in set on skimage's coins.png (384 x 303, shipped with the page as one of the
// input library's photographs): the 24 coins boxed by hand, two made-up detectors built from them whose
// ranking flips between VOC and COCO, and a cluster of scored candidates for non-maximum suppression.
//   "loose" finds every coin, each box 1.28 times too large per side (IoU 1 / 1.28^2 = 0.61);
//   "tight" finds three coins in four, each box 1.05 times too large (IoU 1 / 1.05^2 = 0.91).
// VOC (IoU 0.5) prefers loose (AP 1 against 0.75); COCO's AP@[.5:.95] prefers tight (0.68 against 0.3).
#pragma once
#include <vector>

#include "engine/boxes.h"
#include "engine/detection_eval.h"

namespace ll {

constexpr const char* kDetectionSampleImage = "coins.png";
constexpr int kDetectionSampleWidth = 384, kDetectionSampleHeight = 303;

CocoGt detection_sample_ground_truth();     // image 1, category 1 ("coin"), 24 boxes
std::vector<DetBox> detection_sample_loose();
std::vector<DetBox> detection_sample_tight();
// A third, noisier detector for the matching view: 20 coins found (boxes 1.1 times too large), 6 false
// alarms on the background and 3 second boxes on found coins (duplicates), scores interleaved, so the
// precision-recall curve zigzags under its envelope.
std::vector<DetBox> detection_sample_noisy();

// NMS candidates: a few shifted and resized boxes around some coins, as a detector's raw output, with
// scores and classes (0 "coin", 1 "button": a second class on the same objects, which class-wise NMS
// keeps and class-agnostic NMS suppresses).
struct NmsSample {
    std::vector<Box> boxes;  // [x1, y1, x2, y2] in the photo's pixels
    std::vector<float> scores;
    std::vector<int> classes;
};
NmsSample detection_sample_candidates();

}  // namespace ll
