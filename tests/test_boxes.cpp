// Boxes: IoU and NMS on hand-worked cases (torchvision's goldens on random boxes are in
// tests/cli/test_detect.py), the NMS trace the lab steps through, per-class NMS and the box checks.
#include <cmath>

#include "engine/boxes.h"
#include "tests/test_util.h"

TEST_CASE("boxes: box_iou: overlapping, touching, nested, disjoint and zero-area boxes") {
    const ll::Box a{0, 0, 10, 10};
    // [5,5,15,15]: intersection 5 x 5 = 25, union 100 + 100 - 25 = 175, IoU 25/175 = 1/7.
    CHECK(ll::box_iou(a, {5, 5, 15, 15}) == doctest::Approx(1.0 / 7.0).epsilon(1e-7));
    // Touching along x = 10: the intersection has width 0, so IoU 0.
    CHECK(ll::box_iou(a, {10, 0, 20, 10}) == 0.0f);
    // Nested [2,2,7,7]: intersection 25 = its own area, union 100: IoU 0.25.
    CHECK(ll::box_iou(a, {2, 2, 7, 7}) == 0.25f);
    CHECK(ll::box_iou(a, {20, 20, 30, 30}) == 0.0f);
    CHECK(ll::box_iou(a, a) == 1.0f);
    // Two equal boxes shifted by a third of their width: intersection 2/3, union 4/3, IoU 0.5. Each
    // covers two thirds of the other, the lab's "IoU 0.5 is two thirds overlap".
    CHECK(ll::box_iou({0, 0, 3, 1}, {1, 0, 4, 1}) == 0.5f);
    // A point inside a box: intersection 0, union 100: 0. Two points: 0/0, NaN as in torchvision.
    CHECK(ll::box_iou({5, 5, 5, 5}, a) == 0.0f);
    CHECK(std::isnan(ll::box_iou({5, 5, 5, 5}, {5, 5, 5, 5})));
}

TEST_CASE("boxes: box_iou_matrix: rows are the first list, columns the second") {
    const std::vector<ll::Box> A = {{0, 0, 10, 10}, {0, 0, 5, 10}};
    const std::vector<ll::Box> B = {{0, 0, 10, 10}, {5, 0, 10, 10}, {100, 100, 101, 101}};
    const std::vector<float> m = ll::box_iou_matrix(A, B);
    REQUIRE(m.size() == 6);
    // Row 1, [0,0,5,10] (area 50): against B0 50/100; against B1 they touch at x = 5: 0.
    const float want[6] = {1.0f, 0.5f, 0.0f, 0.5f, 0.0f, 0.0f};
    for (int i = 0; i < 6; ++i) CHECK(m[size_t(i)] == want[i]);
}

TEST_CASE("boxes: nms: kept in descending score, suppression strictly above the threshold") {
    // B0 [0,0,10,10] .9, B1 [1,0,11,10] .8 (IoU with B0: 90/110 = 0.818), B2 [5,0,15,10] .7 (IoU with
    // B0 50/150 = 1/3, with B1 60/140 = 0.43), B3 [50,50,60,60] .95 alone.
    const std::vector<ll::Box> b = {{0, 0, 10, 10}, {1, 0, 11, 10}, {5, 0, 15, 10}, {50, 50, 60, 60}};
    const std::vector<float> s = {0.9f, 0.8f, 0.7f, 0.95f};
    CHECK(ll::nms(b, s, 0.5f) == std::vector<int>{3, 0, 2});  // B1 goes (0.818 > .5), B2 stays (1/3)
    CHECK(ll::nms(b, s, 0.3f) == std::vector<int>{3, 0});     // 1/3 > .3: B2 goes too
    CHECK(ll::nms(b, s, 0.9f) == std::vector<int>{3, 0, 1, 2});
    // IoU exactly at the threshold is kept: [0,0,3,1] and [1,0,4,1] have IoU 0.5 (see above).
    CHECK(ll::nms({{0, 0, 3, 1}, {1, 0, 4, 1}}, {0.9f, 0.8f}, 0.5f) == std::vector<int>{0, 1});
    CHECK(ll::nms({{0, 0, 3, 1}, {1, 0, 4, 1}}, {0.9f, 0.8f}, 0.49f) == std::vector<int>{0});
    CHECK(ll::nms({}, {}, 0.5f).empty());
}

TEST_CASE("boxes: nms: equal scores rank the lower index first; zero-area boxes are never suppressed") {
    const std::vector<ll::Box> same = {{0, 0, 10, 10}, {0, 0, 10, 10}, {0, 0, 10, 10}};
    CHECK(ll::nms(same, {0.5f, 0.5f, 0.5f}, 0.5f) == std::vector<int>{0});
    CHECK(ll::nms(same, {0.5f, 0.7f, 0.7f}, 0.5f) == std::vector<int>{1});
    // Two identical points: IoU NaN, and NaN > t is false, so both stay (torchvision keeps both).
    CHECK(ll::nms({{1, 1, 1, 1}, {1, 1, 1, 1}}, {0.9f, 0.8f}, 0.1f) == std::vector<int>{0, 1});
}

TEST_CASE("boxes: nms_trace: one decision per box, naming the box that suppressed it") {
    const std::vector<ll::Box> b = {{0, 0, 10, 10}, {1, 0, 11, 10}, {0, 1, 10, 11}, {50, 50, 60, 60}};
    const std::vector<float> s = {0.9f, 0.8f, 0.85f, 0.1f};
    const std::vector<ll::NmsStep> t = ll::nms_trace(b, s, 0.5f);
    REQUIRE(t.size() == 4);
    // Visiting order .9, .85, .8, .1: B0 kept; B2 (IoU 90/110 with B0) suppressed by 0; B1 too; B3 kept.
    CHECK((t[0].index == 0 && t[0].kept));
    CHECK((t[1].index == 2 && !t[1].kept && t[1].by == 0));
    CHECK(t[1].iou == doctest::Approx(90.0 / 110.0).epsilon(1e-6));
    CHECK((t[2].index == 1 && !t[2].kept && t[2].by == 0));
    CHECK((t[3].index == 3 && t[3].kept && t[3].by == -1));
}

TEST_CASE("boxes: batched_nms: boxes of different classes never suppress each other") {
    const std::vector<ll::Box> b = {{0, 0, 10, 10}, {0, 0, 10, 10}, {0, 0, 10, 10}};
    const std::vector<float> s = {0.6f, 0.9f, 0.7f};
    // Classes 0, 1, 0: B1 (class 1) alone; B2 (.7) beats B0 (.6) in class 0.
    CHECK(ll::batched_nms(b, s, {0, 1, 0}, 0.5f) == std::vector<int>{1, 2});
    CHECK(ll::batched_nms(b, s, {0, 1, 2}, 0.5f) == std::vector<int>{1, 2, 0});
    const std::vector<ll::NmsStep> t = ll::nms_trace(b, s, 0.5f, nullptr);
    CHECK(t.back().by == 1);  // without classes, B0 falls to the best box, B1
}

TEST_CASE("boxes: check_boxes: inverted and non-finite boxes are refused with their index") {
    CHECK(ll::check_boxes({{0, 0, 1, 1}, {2, 2, 2, 2}}, "a.json").is_ok());
    ll::Status st = ll::check_boxes({{0, 0, 1, 1}, {3, 0, 2, 1}}, "a.json");
    CHECK(st.message() == "a.json: box 1: x2 is less than x1 (boxes are [x1, y1, x2, y2])");
    st = ll::check_boxes({{0, 0, 1, NAN}}, "a.json");
    CHECK(st.message() == "a.json: box 0: coordinates must be finite numbers");
    st = ll::check_boxes({{0, 1, 1, 0}}, "b.json");
    CHECK(st.message().find("box 0: y2 is less than y1") != std::string::npos);
}
