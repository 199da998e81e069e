// The Detection lab's built-in set (engine/detection_samples.h): the ranking flip between VOC and COCO
// worked out by hand, and the NMS candidates behaving as the lab's text says.
#include <algorithm>
#include <cstdlib>

#include "engine/detection_samples.h"
#include "tests/test_util.h"

TEST_CASE("built-in set: the loose detector wins on VOC, the tight one on COCO") {
    const ll::CocoGt gt = ll::detection_sample_ground_truth();
    REQUIRE(gt.boxes.size() == 24);
    const auto loose = ll::detection_sample_loose(), tight = ll::detection_sample_tight();
    // Loose: 24 hits in score order at IoU 1/1.28^2 = 0.610: VOC AP 1; COCO passes .50 .55 .60 only: 3/10.
    CHECK(ll::voc_evaluate(gt, loose).map12 == doctest::Approx(1.0));
    CHECK(ll::voc_evaluate(gt, loose).map07 == doctest::Approx(1.0));
    CHECK(ll::coco_evaluate(gt, loose).stats[0] == doctest::Approx(0.3));
    // Tight: 18 of 24 at IoU 1/1.05^2 = 0.907, precision 1 up to recall .75: VOC12 AP .75; VOC07 takes
    // the 8 points 0 .. .7: 8/11. COCO passes .50 to .90 (9 thresholds), each with recall points
    // 0 .. .75 (76 of 101): 9/10 * 76/101.
    CHECK(ll::voc_evaluate(gt, tight).map12 == doctest::Approx(0.75));
    CHECK(ll::voc_evaluate(gt, tight).map07 == doctest::Approx(8.0 / 11.0));
    CHECK(ll::coco_evaluate(gt, tight).stats[0] == doctest::Approx(0.9 * 76.0 / 101.0));
}

TEST_CASE("built-in set: the noisy detector has true and false positives and duplicates") {
    const ll::CocoGt gt = ll::detection_sample_ground_truth();
    const ll::VocMatching m = ll::voc_match(gt, ll::detection_sample_noisy(), 1, 0.5);
    int tp = 0, fp = 0, dup = 0;
    for (const ll::DetMatch& d : m.matches) {
        tp += d.kind == ll::MatchKind::TruePositive;
        fp += d.kind == ll::MatchKind::FalsePositive;
        dup += d.kind == ll::MatchKind::Duplicate;
    }
    CHECK(tp == 20);
    CHECK(fp == 6);
    CHECK(dup == 3);
    const ll::PrCurve pr = ll::pr_curve(m);
    CHECK(pr.recall.back() == doctest::Approx(20.0 / 24.0));
    CHECK(ll::voc_ap_allpoint(pr) < 20.0 / 24.0);  // the false alarms ranked early cost precision
}

TEST_CASE("built-in candidates: class-wise NMS keeps the second class that class-agnostic NMS removes") {
    const ll::NmsSample s = ll::detection_sample_candidates();
    REQUIRE(s.boxes.size() == s.scores.size());
    REQUIRE(s.boxes.size() == s.classes.size());
    CHECK(ll::check_boxes(s.boxes, "candidates").is_ok());
    const std::vector<int> agnostic = ll::nms(s.boxes, s.scores, 0.5f);
    const std::vector<int> per_class = ll::batched_nms(s.boxes, s.scores, s.classes, 0.5f);
    // The two "button" boxes (indices 4 and 12) sit on coins that a higher "coin" box already covers.
    CHECK(std::find(agnostic.begin(), agnostic.end(), 4) == agnostic.end());
    CHECK(std::find(agnostic.begin(), agnostic.end(), 12) == agnostic.end());
    CHECK(std::find(per_class.begin(), per_class.end(), 4) != per_class.end());
    CHECK(std::find(per_class.begin(), per_class.end(), 12) != per_class.end());
    // Fewer boxes survive a stricter (lower) threshold.
    CHECK(ll::nms(s.boxes, s.scores, 0.3f).size() <= agnostic.size());
}

TEST_CASE("box_iou_parts: the lab's two-thirds demo, and the same IoU as box_iou") {
    // Two 60 x 60 boxes shifted by a third of a side: intersection 40 * 60 = 2400, union 7200 - 2400.
    const ll::Box a{100, 100, 160, 160}, b{120, 100, 180, 160};
    const ll::IouParts p = ll::box_iou_parts(a, b);
    CHECK(p.intersection == 2400.0f);
    CHECK(p.uni == 4800.0f);
    CHECK(p.iou == 0.5f);
    CHECK(p.intersection / p.area_a == doctest::Approx(2.0 / 3.0));
    const ll::Box c{10.5f, 3.25f, 77.0f, 41.0f};
    CHECK(ll::box_iou_parts(a, c).iou == ll::box_iou(a, c));
}

TEST_CASE("Json::exact writes the digits that read back as the same double (the lab's AP figures)") {
    const double ap = 62.0 / 101.0;
    const std::string text = ll::Json::exact(ap).dump();
    CHECK(std::strtod(text.c_str(), nullptr) == ap);
    CHECK(ll::Json::number(ap).dump() == "0.613861386");  // number() keeps 9 digits
    CHECK(ll::Json::exact(0.5).dump() == "0.5");
    CHECK(ll::Json::exact(-1).dump() == "-1");
}
