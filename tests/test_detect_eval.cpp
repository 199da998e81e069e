// Detection metrics on hand-worked cases: COCO's twelve figures (pycocotools' rules: ten IoU thresholds,
// 101 recall points, crowd boxes, area ranges, maxDets), VOC AP both ways, matching, PR curves and the
// COCO file checks. Generated sets against an independent Python reference are in
// tests/cli/test_detect.py.
#include <algorithm>

#include "engine/detection_eval.h"
#include "tests/test_util.h"

namespace {

ll::GtBox gt(int64_t img, int64_t cat, double x, double y, double w, double h, bool crowd = false) {
    ll::GtBox g;
    g.image_id = img, g.category_id = cat, g.x = x, g.y = y, g.w = w, g.h = h, g.area = w * h, g.crowd = crowd;
    return g;
}
ll::DetBox det(int64_t img, int64_t cat, double x, double y, double w, double h, double score) {
    ll::DetBox d;
    d.image_id = img, d.category_id = cat, d.x = x, d.y = y, d.w = w, d.h = h, d.score = score;
    return d;
}
ll::CocoGt dataset(std::vector<int64_t> images, std::vector<int64_t> cats, std::vector<ll::GtBox> boxes) {
    ll::CocoGt g;
    g.image_ids = std::move(images), g.category_ids = std::move(cats), g.boxes = std::move(boxes);
    return g;
}
void check_stats(const ll::CocoSummary& s, const std::array<double, 12>& want) {
    for (size_t i = 0; i < 12; ++i) {
        INFO(ll::kCocoStatNames[i]);
        CHECK(s.stats[i] == doctest::Approx(want[i]).epsilon(1e-12));
    }
}

}  // namespace

TEST_CASE("detect: coco_iou: plain IoU, and a crowd box divides by the detection's area") {
    const ll::GtBox g = gt(1, 1, 0, 0, 10, 10);
    // [5,0,10,10] as x,y,w,h covers x 5..15: intersection 5 x 10 = 50, union 150.
    CHECK(ll::coco_iou(det(1, 1, 5, 0, 10, 10, 1), g, false) == doctest::Approx(1.0 / 3.0));
    // Against a crowd box: 50 / the detection's 100.
    CHECK(ll::coco_iou(det(1, 1, 5, 0, 10, 10, 1), g, true) == 0.5);
    CHECK(ll::coco_iou(det(1, 1, 10, 0, 5, 5, 1), g, false) == 0.0);  // touching
    CHECK(ll::coco_iou(det(1, 1, 3, 3, 0, 0, 1), g, true) == 0.0);    // zero area: 0, not 0/0
}

TEST_CASE("detect: coco_evaluate: one detection at IoU 0.72 matches at five of the ten thresholds") {
    // gt 10 x 10 (area 100: small), detection 10 x 7.2: IoU 72/100 = 0.72 >= .50 .55 .60 .65 .70 only.
    // At those five thresholds precision is 1 at all 101 recall points; at the other five the one
    // detection is a false positive, recall stays 0 and every point is 0. AP = 5 * 101 / (10 * 101).
    const ll::CocoGt g = dataset({1}, {1}, {gt(1, 1, 0, 0, 10, 10)});
    const ll::CocoSummary s = ll::coco_evaluate(g, {det(1, 1, 0, 0, 10, 7.2, 0.9)});
    // AR: recall 1 at five thresholds, 0 at five: 0.5. Medium and large have no gt: -1.
    check_stats(s, {0.5, 1.0, 0.0, 0.5, -1, -1, 0.5, 0.5, 0.5, 0.5, -1, -1});
}

TEST_CASE("detect: coco_evaluate: a crowd box takes any number of detections and is never a miss") {
    // Image 1: crowd 100 x 100 (area 10000, large), gt G 10 x 10 at (200,200) (area 100, small).
    // d1 .9 = G (IoU 1): TP. d2 .8 and d3 .7 inside the crowd box (intersection / own area = 1): both
    // ignored. d4 .6 far away: FP. Ranked: TP, -, -, FP: recall 1 from the first, precision 1 then 1/2;
    // the envelope is 1 wherever recall reaches r, so AP = 1 at every threshold; AR = 1.
    const ll::CocoGt g = dataset({1}, {7}, {gt(1, 7, 0, 0, 100, 100, true), gt(1, 7, 200, 200, 10, 10)});
    const std::vector<ll::DetBox> d = {det(1, 7, 200, 200, 10, 10, 0.9), det(1, 7, 10, 10, 20, 20, 0.8),
                                       det(1, 7, 20, 20, 20, 20, 0.7), det(1, 7, 500, 500, 10, 10, 0.6)};
    const ll::CocoSummary s = ll::coco_evaluate(g, d);
    // Small: G counts, d4 (area 100) is a small FP after recall 1: AP 1. Medium: no gt that counts: -1.
    // Large: the crowd box is ignored and G is outside the range: npig 0: -1.
    check_stats(s, {1, 1, 1, 1, -1, -1, 1, 1, 1, 1, -1, -1});
}

TEST_CASE("detect: coco_evaluate: a detection matched to a box that counts is not taken by a crowd box") {
    // G (0,0,10,10) and crowd C (0,0,100,100). The detection 10 x 6.8 inside both: IoU with G 68/100 =
    // 0.68, with C 68/68 = 1. At .50 .55 .60 .65 it matches G first (boxes that count come first), and
    // COCOeval stops before the ignored C: TP, precision 1 at every recall. From .70 on G is too far,
    // the match falls to C: ignored, no point counts: 0. AP = 4/10; small the same; G is outside
    // medium and large: -1.
    const ll::CocoGt g = dataset({1}, {1}, {gt(1, 1, 0, 0, 10, 10), gt(1, 1, 0, 0, 100, 100, true)});
    check_stats(ll::coco_evaluate(g, {det(1, 1, 0, 0, 10, 6.8, 0.9)}), {0.4, 1, 0, 0.4, -1, -1, 0.4, 0.4, 0.4, 0.4, -1, -1});
}

TEST_CASE("detect: coco_evaluate: maxDets cuts each image's ranked detections") {
    // g1 at (0,0), g2 at (20,0), both 10 x 10. d1 .9 hits nothing, d2 .8 = g1, d3 .7 = g2 (IoU 1).
    // maxDets 1: only d1: recall 0. maxDets 10 and 100: recall 1.
    // AP: ranked FP, TP, TP: recall 0, 1/2, 1; precision 0, 1/2, 2/3; the envelope is 2/3 at every
    // point, and every recall threshold finds a point: AP = 2/3 at every IoU threshold.
    const ll::CocoGt g = dataset({1}, {1}, {gt(1, 1, 0, 0, 10, 10), gt(1, 1, 20, 0, 10, 10)});
    const std::vector<ll::DetBox> d = {det(1, 1, 50, 50, 10, 10, 0.9), det(1, 1, 0, 0, 10, 10, 0.8),
                                       det(1, 1, 20, 0, 10, 10, 0.7)};
    check_stats(ll::coco_evaluate(g, d), {2.0 / 3, 2.0 / 3, 2.0 / 3, 2.0 / 3, -1, -1, 0, 1, 1, 1, -1, -1});
}

TEST_CASE("detect: coco_evaluate: categories are averaged; an image without gt adds false positives") {
    // Category 1: gt in image 1 (40 x 40 = 1600, medium) found by an exact detection at .5; a .9
    // detection in image 2 (no gt) comes first: FP then TP: precision 0 then 1/2, recall 0 then 1; the
    // envelope is 1/2 at every recall: AP 1/2. Category 2: gt 100 x 100 (large), no detections: every
    // point 0, recall 0. Category 3: no gt, one detection: -1, left out of every mean.
    const ll::CocoGt g = dataset({2, 1}, {3, 1, 2}, {gt(1, 1, 0, 0, 40, 40), gt(1, 2, 0, 0, 100, 100)});
    const std::vector<ll::DetBox> d = {det(1, 1, 0, 0, 40, 40, 0.5), det(2, 1, 0, 0, 40, 40, 0.9),
                                       det(1, 3, 0, 0, 5, 5, 0.3)};
    // AP = (1/2 + 0) / 2; APm is category 1 alone (category 2 has no medium gt: -1); APl category 2.
    // AR100 = (1 + 0) / 2; AR1: each image's best detection: image 1's .5 is the TP: also 1/2.
    check_stats(ll::coco_evaluate(g, d), {0.25, 0.25, 0.25, -1, 0.5, 0, 0.5, 0.5, 0.5, -1, 1, 0});
}

TEST_CASE("detect: coco_summary_text: summarize()'s twelve lines") {
    ll::CocoSummary s;
    s.stats.fill(-1);
    s.stats[0] = 0.50449;
    const std::string t = ll::coco_summary_text(s);
    CHECK(t.find(" Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.504\n") == 0);
    CHECK(t.find(" Average Precision  (AP) @[ IoU=0.75      | area=   all | maxDets=100 ] = -1.000\n") != std::string::npos);
    CHECK(t.find(" Average Recall     (AR) @[ IoU=0.50:0.95 | area=medium | maxDets=100 ] = -1.000\n") != std::string::npos);
    CHECK(std::count(t.begin(), t.end(), '\n') == 12);
}

TEST_CASE("detect: voc: true positives, duplicates, difficult (crowd) boxes and the two interpolations") {
    // Category 1, image 1: A (0,0,10,10), B (50,50,100,100); image 2: crowd C (0,0,40,40).
    // Ranked: d .95 in image 2 inside C (IoU 25x25/1600 = 0.39 < .5): FP.
    //         d .9 on A (10 x 9: IoU .9): TP.  d .85 on A again: duplicate (FP).
    //         d .8 on C exactly: IoU 1 with a difficult box: neither.  d .5 on B (90 x 100: IoU .9): TP.
    // Positives 2 (C does not count). Points: (r 0, p 0), (1/2, 1/2), (1/2, 1/3), (1, 1/2).
    const ll::CocoGt g = dataset({1, 2}, {1}, {gt(1, 1, 0, 0, 10, 10), gt(1, 1, 50, 50, 50, 50), gt(2, 1, 0, 0, 40, 40, true)});
    const std::vector<ll::DetBox> d = {det(1, 1, 50, 50, 45, 50, 0.5), det(2, 1, 0, 0, 40, 40, 0.8),
                                       det(1, 1, 0, 0, 10, 9, 0.9), det(1, 1, 0, 0, 10, 9, 0.85),
                                       det(2, 1, 5, 5, 25, 25, 0.95)};
    const ll::VocMatching m = ll::voc_match(g, d, 1, 0.5);
    CHECK(m.positives == 2);
    REQUIRE(m.matches.size() == 5);
    CHECK(m.matches[0].det == 4);
    CHECK(m.matches[0].kind == ll::MatchKind::FalsePositive);
    CHECK(m.matches[1].kind == ll::MatchKind::TruePositive);
    CHECK(m.matches[1].gt == 0);
    CHECK(m.matches[1].iou == doctest::Approx(0.9));
    CHECK(m.matches[2].kind == ll::MatchKind::Duplicate);
    CHECK(m.matches[3].kind == ll::MatchKind::Ignored);
    CHECK(m.matches[4].kind == ll::MatchKind::TruePositive);
    CHECK(m.matches[4].gt == 1);
    const ll::PrCurve pr = ll::pr_curve(m);
    CHECK(pr.recall == std::vector<double>{0, 0.5, 0.5, 1});
    REQUIRE(pr.precision.size() == 4);
    CHECK(pr.precision[2] == doctest::Approx(1.0 / 3));
    CHECK(pr.envelope == std::vector<double>{0.5, 0.5, 0.5, 0.5});
    // All-point: recall steps 0 -> 1/2 -> 1 under an envelope of 1/2: 1/2 * 1/2 + 1/2 * 1/2 = 0.5.
    CHECK(ll::voc_ap_allpoint(pr) == doctest::Approx(0.5).epsilon(1e-15));
    // 11-point: every t in 0, .1, ..., 1 finds precision 1/2 at recall >= t: 11 * (1/2) / 11.
    CHECK(ll::voc_ap_11point(pr) == doctest::Approx(0.5).epsilon(1e-15));
}

TEST_CASE("detect: voc: 11-point at a recall of exactly 3/10, and the summary's means") {
    // Ten positives, three found first (precision 1), then a false positive: recall 3/10 reaches the
    // point t = 0.3 (taken as 3 / 10, not 3 * 0.1 = 0.30000000000000004). Points 0, .1, .2, .3: 1.
    ll::CocoGt g = dataset({1}, {1, 2, 5}, {});
    std::vector<ll::DetBox> d;
    for (int i = 0; i < 10; ++i) g.boxes.push_back(gt(1, 1, 20.0 * i, 0, 10, 10));
    for (int i = 0; i < 3; ++i) d.push_back(det(1, 1, 20.0 * i, 0, 10, 10, 0.9 - 0.1 * i));
    d.push_back(det(1, 1, 500, 500, 10, 10, 0.1));
    g.boxes.push_back(gt(1, 2, 0, 0, 10, 10));  // category 2: found by nothing: AP 0
    const ll::PrCurve pr = ll::pr_curve(ll::voc_match(g, d, 1, 0.5));
    CHECK(ll::voc_ap_11point(pr) == doctest::Approx(4.0 / 11).epsilon(1e-15));
    // All-point: recall 0.3 under precision 1: 0.3.
    CHECK(ll::voc_ap_allpoint(pr) == doctest::Approx(0.3).epsilon(1e-15));
    const ll::VocSummary s = ll::voc_evaluate(g, d);
    CHECK(s.category_ids == std::vector<int64_t>{1, 2, 5});
    CHECK(s.ap12[1] == 0.0);
    CHECK(s.ap12[2] == -1.0);  // category 5 has no gt: out of the means
    CHECK(s.map12 == doctest::Approx(0.15).epsilon(1e-15));
    CHECK(s.map07 == doctest::Approx(2.0 / 11).epsilon(1e-15));
}

TEST_CASE("detect: parse_coco_gt and parse_coco_results: the file, the entry and the key in one line") {
    const std::string good_gt = R"({"images": [{"id": 1}], "categories": [{"id": 4}], "annotations": [
        {"image_id": 1, "category_id": 4, "bbox": [1, 2, 3, 4], "area": 12, "iscrowd": 0}]})";
    ll::CocoGt g;
    REQUIRE(ll::parse_coco_gt(lltest::json(good_gt), "gt.json", g).is_ok());
    CHECK(g.boxes.size() == 1);
    CHECK(g.boxes[0].w == 3);
    auto gt_error = [](const std::string& ann) {
        ll::CocoGt out;
        const std::string text = R"({"images": [{"id": 1}], "categories": [{"id": 4}], "annotations": [)"
                                 R"({"image_id": 1, "category_id": 4, "bbox": [0, 0, 1, 1], "area": 1, "iscrowd": 0}, )" + ann + "]}";
        return ll::parse_coco_gt(lltest::json(text), "gt.json", out).message();
    };
    CHECK(gt_error(R"({"image_id": 1, "category_id": 4, "bbox": [0, 0, 1, 1], "iscrowd": 0})") ==
          "gt.json: annotations[1]: missing key \"area\"");
    CHECK(gt_error(R"({"image_id": 1, "category_id": 4, "bbox": [0, 0, -2, 1], "area": 1, "iscrowd": 0})") ==
          "gt.json: annotations[1]: \"bbox\": width -2 is negative");
    CHECK(gt_error(R"({"image_id": 1, "category_id": 9, "bbox": [0, 0, 1, 1], "area": 1, "iscrowd": 0})") ==
          "gt.json: annotations[1]: \"category_id\": unknown category id 9");
    CHECK(gt_error(R"({"image_id": 3, "category_id": 4, "bbox": [0, 0, 1, 1], "area": 1, "iscrowd": 0})") ==
          "gt.json: annotations[1]: \"image_id\": unknown image id 3");
    ll::CocoGt out;
    CHECK(ll::parse_coco_gt(lltest::json(R"({"images": [], "annotations": []})"), "gt.json", out).message() ==
          "gt.json: missing key \"categories\"");

    std::vector<ll::DetBox> d;
    auto dt_error = [&](const std::string& r) {
        return ll::parse_coco_results(lltest::json("[" + r + "]"), "dt.json", g, d).message();
    };
    CHECK(dt_error(R"({"image_id": 1, "category_id": 4, "bbox": [0, 0, 1, 1], "score": 1e400})") ==
          "dt.json: [0]: \"score\" must be a finite number");
    CHECK(dt_error(R"({"image_id": 1, "category_id": 4, "bbox": [0, 0, 1, 1]})") == "dt.json: [0]: missing key \"score\"");
    CHECK(dt_error(R"({"image_id": 2, "category_id": 4, "bbox": [0, 0, 1, 1], "score": 1})") ==
          "dt.json: [0]: \"image_id\": unknown image id 2 (not in the ground truth)");
    CHECK(dt_error(R"({"image_id": 1, "category_id": 4, "bbox": [0, 0, 1, -1], "score": 1})") ==
          "dt.json: [0]: \"bbox\": height -1 is negative");
    REQUIRE(ll::parse_coco_results(lltest::json(R"([{"image_id": 1, "category_id": 4, "bbox": [0, 0, 1, 1], "score": 0.5}])"),
                                   "dt.json", g, d).is_ok());
    CHECK(d.size() == 1);
}
