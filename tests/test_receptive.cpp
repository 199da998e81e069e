// Receptive regions (engine/receptive.h) against hand-computed cases: stacked 3x3 convolutions,
// conv + max-pool + conv, padding clipped at the border, strides, dilation, and global layers.
#include "engine/receptive.h"
#include "tests/test_util.h"

namespace {

ll::Model model(const std::string& json) {
    ll::Model m;
    lltest::build(json, m);
    return m;
}

}  // namespace

TEST_CASE("receptive: two stacked 3x3 convolutions see 5x5") {
    ll::Model m = model(R"({"input_shape": [1, 12, 12], "layers": [
        {"type": "Conv2d", "out_channels": 2, "kernel_size": 3},
        {"type": "Conv2d", "out_channels": 2, "kernel_size": 3}]})");
    const std::vector<ll::Region> r = ll::receptive_regions(m, 1, 3, 4);
    REQUIRE(r.size() == 3);
    CHECK(r[2].y0 == 3); CHECK(r[2].x0 == 4);               // the position itself
    CHECK(r[1].height() == 3); CHECK(r[1].width() == 3);    // layer 0's output: 3x3 at (3..5, 4..6)
    CHECK(r[1].y0 == 3); CHECK(r[1].x0 == 4);
    CHECK(r[0].height() == 5); CHECK(r[0].width() == 5);    // the input: 5x5 at (3..7, 4..8)
    CHECK(r[0].y0 == 3); CHECK(r[0].x1 == 8);
}

TEST_CASE("receptive: conv3 + maxpool2 + conv3 sees 8x8") {
    ll::Model m = model(R"({"input_shape": [1, 20, 20], "layers": [
        {"type": "Conv2d", "out_channels": 2, "kernel_size": 3},
        {"type": "MaxPool2d", "kernel_size": 2},
        {"type": "Conv2d", "out_channels": 2, "kernel_size": 3}]})");
    const ll::Region r = ll::receptive_region(m, 2, 0, 0);
    CHECK(r.y0 == 0); CHECK(r.x0 == 0);
    CHECK(r.height() == 8); CHECK(r.width() == 8);
    // One step right in the last conv moves the region by the jump 2 (the pool's stride).
    const ll::Region s = ll::receptive_region(m, 2, 0, 1);
    CHECK(s.x0 == 2); CHECK(s.width() == 8);
}

TEST_CASE("receptive: padding is clipped at the border, elementwise layers keep the region") {
    ll::Model m = model(R"({"input_shape": [1, 8, 8], "layers": [
        {"type": "Conv2d", "out_channels": 2, "kernel_size": 3, "padding": 1},
        {"type": "ReLU"},
        {"type": "Conv2d", "out_channels": 2, "kernel_size": 3, "padding": 1}]})");
    const std::vector<ll::Region> r = ll::receptive_regions(m, 2, 0, 0);
    // Unclipped the input region would be [-2, 2]: the 5x5 field loses its two padded rows/columns.
    CHECK(r[0].y0 == 0); CHECK(r[0].y1 == 2); CHECK(r[0].x1 == 2);
    CHECK(r[2].height() == 2); CHECK(r[1].height() == 2);   // ReLU's output and input are the same map
    const ll::Region c = ll::receptive_region(m, 2, 4, 4);
    CHECK(c.y0 == 2); CHECK(c.y1 == 6); CHECK(c.height() == 5);
}

TEST_CASE("receptive: stride and dilation") {
    ll::Model m = model(R"({"input_shape": [1, 16, 16], "layers": [
        {"type": "Conv2d", "out_channels": 1, "kernel_size": 3, "stride": 2},
        {"type": "Conv2d", "out_channels": 1, "kernel_size": 3, "dilation": 2}]})");
    // Layer 1 (dilated 3x3 spans 5): output 0 reads layer-0 outputs 0..4, which read inputs 0..10.
    const ll::Region r = ll::receptive_region(m, 1, 0, 0);
    CHECK(r.height() == 11); CHECK(r.width() == 11);
}

TEST_CASE("receptive: after Flatten and Linear every input pixel counts") {
    ll::Model m = model(R"({"input_shape": [1, 6, 6], "layers": [
        {"type": "Conv2d", "out_channels": 2, "kernel_size": 3},
        {"type": "Flatten"},
        {"type": "Linear", "out_features": 3}]})");
    const std::vector<ll::Region> r = ll::receptive_regions(m, 2, 0, 0);
    REQUIRE(r.size() == 4);
    CHECK(r[0].height() == 6); CHECK(r[0].width() == 6);
    CHECK(r[1].height() == 4); CHECK(r[1].width() == 4);    // the whole conv output
    CHECK(r[3].y1 == -1);                                     // (F) has no pixels
}
