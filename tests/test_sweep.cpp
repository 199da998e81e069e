// engine/sweep.h: the widened model builds with the multiplied widths (classifier left at 10 classes),
// bad multipliers and grouped convolutions are refused, and the summary's errors, gap and best point.
#include <cmath>

#include "engine/model.h"
#include "engine/sweep.h"
#include "tests/test_util.h"

namespace {

int width_of(const ll::Json& desc, size_t layer, const char* key) {
    return desc.find("layers")->items()[layer].find(key)->as_int();
}

}  // namespace

TEST_CASE("widen_model multiplies every width but the classifier's") {
    const ll::Json base = ll::sweep_base_model();
    REQUIRE(base.is_object());
    ll::Json w;
    REQUIRE(ll::widen_model(base, 2.0, w));
    CHECK(width_of(w, 0, "out_channels") == 16);
    CHECK(width_of(w, 3, "out_channels") == 32);
    CHECK(width_of(w, 7, "out_features") == 10);
    REQUIRE(ll::widen_model(base, 0.1, w));  // rounded, never below one channel
    CHECK(width_of(w, 0, "out_channels") == 1);
    CHECK(width_of(w, 3, "out_channels") == 2);
    ll::Model m;
    REQUIRE(ll::Model::from_json(w, m));
    // A hidden Linear is widened, the last one is not.
    ll::Json mlp;
    REQUIRE(ll::parse_json(R"({"input_shape": [1, 4, 4], "layers": [{"type": "Flatten"},
        {"type": "Linear", "out_features": 32}, {"type": "ReLU"}, {"type": "Linear", "out_features": 10}]})", mlp));
    REQUIRE(ll::widen_model(mlp, 0.5, w));
    CHECK(width_of(w, 1, "out_features") == 16);
    CHECK(width_of(w, 3, "out_features") == 10);
}

TEST_CASE("widen_model refuses bad multipliers and grouped convolutions") {
    ll::Json w;
    CHECK_FALSE(ll::widen_model(ll::sweep_base_model(), 0.0, w));
    CHECK_FALSE(ll::widen_model(ll::sweep_base_model(), -1.0, w));
    ll::Json g;
    REQUIRE(ll::parse_json(R"({"input_shape": [4, 8, 8], "layers": [{"type": "Conv2d", "out_channels": 8, "kernel_size": 3, "groups": 2}]})", g));
    CHECK_FALSE(ll::widen_model(g, 2.0, w));
}

TEST_CASE("summarise_sweep: errors, gap and the best validation point") {
    std::vector<ll::SweepPoint> pts(3);
    pts[0].value = 250;  pts[0].train_acc = 1.00; pts[0].val_acc = 0.70; pts[0].has_val = true;
    pts[1].value = 1000; pts[1].train_acc = 0.95; pts[1].val_acc = 0.80; pts[1].has_val = true;
    pts[2].value = 4000; pts[2].train_acc = 0.90; pts[2].val_acc = 0.85; pts[2].has_val = true;
    const ll::SweepSummary s = ll::summarise_sweep(pts);
    CHECK(s.train_error[0] == doctest::Approx(0.0));
    CHECK(s.val_error[0] == doctest::Approx(0.30));
    CHECK(s.gap[1] == doctest::Approx(0.15));
    CHECK(s.gap[2] == doctest::Approx(0.05));
    CHECK(s.best == 2);
    CHECK(s.gap_shrinks);
    pts[2].has_val = false;
    const ll::SweepSummary t = ll::summarise_sweep(pts);
    CHECK(std::isnan(t.val_error[2]));
    CHECK(t.best == 1);
}
