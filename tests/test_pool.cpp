// MaxPool2d, AvgPool2d, LPPool2d, AdaptiveAvgPool2d: torch's output-size rule, hand-computed values
// (checked against torch 1.13 while writing them), finite-difference gradchecks in several
// configurations (inputs spaced apart so no max-pool tie flips under the finite-difference step),
// receptive fields and every configuration error.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "engine/gradcheck.h"
#include "engine/kernels/pool_kernels.h"
#include "engine/layers/pool.h"
#include "tests/test_util.h"

namespace {

using lltest::build_error;
using lltest::model_text;

// Runs a one-layer model forward on x (its shape includes the batch) and returns the output values.
std::vector<float> run(const std::string& in_shape, const std::string& layer, const ll::Tensor& x, ll::Model& m) {
    lltest::build(model_text(in_shape, layer), m);
    return m.forward(x, ll::Mode::Eval).values();
}

void check_near(const std::vector<float>& got, const std::vector<float>& want) {
    REQUIRE(got.size() == want.size());
    for (size_t i = 0; i < got.size(); ++i) {
        INFO("index " << i);
        CHECK(got[i] == doctest::Approx(want[i]).epsilon(1e-6));
    }
}

// Distinct values 0.05 apart in shuffled order, centred on 0: a finite-difference step of 0.01 never
// changes which pixel is a window's maximum.
ll::Tensor spaced_input(const ll::Shape& s, ll::Rng& rng) {
    ll::Tensor t(s);
    const size_t n = t.numel();
    for (size_t i = 0; i < n; ++i) t[i] = 0.05f * (float(i) - 0.5f * float(n));
    for (size_t i = n; i-- > 1;) std::swap(t[i], t[size_t(rng.below(uint32_t(i + 1)))]);
    return t;
}

enum class Input { Normal, Spaced, Positive };

void check_layer_grads(const std::string& in_shape, const std::string& layer, int N, Input kind = Input::Normal) {
    ll::Model m;
    lltest::build(model_text(in_shape, layer), m);
    ll::Rng rng(17);
    const ll::Shape s = ll::batch_shape(N, m.input_shape());
    ll::Tensor x = kind == Input::Spaced ? spaced_input(s, rng) : lltest::randn(s, rng);
    if (kind == Input::Positive)
        for (size_t i = 0; i < x.numel(); ++i) x[i] = 0.3f + std::fabs(x[i]);
    ll::GradcheckResult r = ll::gradcheck(m.layer(0), x, rng);
    INFO(layer);
    CHECK_MESSAGE(r.ok, r.worst);
    CHECK(r.checked > 0);
}

}  // namespace

TEST_CASE("pool_output_size follows torch's pooling_output_shape") {
    CHECK(ll::pool_output_size(5, 2, 0, 2, 1, false) == 2);
    CHECK(ll::pool_output_size(5, 2, 0, 2, 1, true) == 3);   // last window starts at 4, inside
    CHECK(ll::pool_output_size(5, 2, 1, 2, 1, false) == 3);
    CHECK(ll::pool_output_size(5, 2, 1, 2, 1, true) == 3);   // a 4th window would start at 5, past the input: dropped
    CHECK(ll::pool_output_size(6, 3, 1, 2, 1, true) == 4);
    CHECK(ll::pool_output_size(7, 3, 0, 1, 3, false) == 1);  // dilated kernel spans 7
    CHECK(ll::pool_output_size(2, 3, 0, 1, 1, false) == 0);
}

// ---- MaxPool2d ----

TEST_CASE("MaxPool2d values, argmax indices and routed gradient") {
    ll::Model m;
    ll::Tensor x({1, 1, 4, 4}, {1, 5, 2, 0, 3, 4, 9, 8, -1, -2, -3, -4, 7, -6, -5, 6});
    check_near(run("[1, 4, 4]", R"({"type": "MaxPool2d", "kernel_size": 2})", x, m), {5, 9, 7, 6});
    const auto* mp = dynamic_cast<const ll::MaxPool2d*>(&m.layer(0));
    REQUIRE(mp != nullptr);
    CHECK(mp->indices() == std::vector<int32_t>({1, 6, 12, 15}));
    CHECK(mp->options().stride[0] == 2);  // stride defaults to kernel_size
    const ll::Tensor& dx = m.backward(ll::Tensor({1, 1, 2, 2}, {10, 20, 30, 40}));
    CHECK(dx.values() == std::vector<float>({0, 10, 0, 0, 0, 0, 20, 0, 0, 0, 0, 0, 30, 0, 0, 40}));
    CHECK(m.to_json().dump() ==
          R"({"input_shape":[1,4,4],"layers":[{"type":"MaxPool2d","kernel_size":2,"stride":2,"padding":0,)"
          R"("dilation":1,"ceil_mode":false}]})");
    CHECK(m.info()[0].macs == 0);
    CHECK(m.info()[0].params == 0);
}

TEST_CASE("MaxPool2d ties go to the first maximum in scan order; NaN propagates") {
    ll::Model m;
    ll::Tensor ones({1, 1, 4, 4}, 1.0f);
    run("[1, 4, 4]", R"({"type": "MaxPool2d", "kernel_size": 2})", ones, m);
    CHECK(dynamic_cast<const ll::MaxPool2d&>(m.layer(0)).indices() == std::vector<int32_t>({0, 2, 8, 10}));
    ll::Model m2;
    ll::Tensor x({1, 1, 2, 2}, {1, std::nanf(""), 3, 2});
    const std::vector<float> y = run("[1, 2, 2]", R"({"type": "MaxPool2d", "kernel_size": 2})", x, m2);
    CHECK(std::isnan(y[0]));
}

TEST_CASE("MaxPool2d window with every tap in the padding: -inf, no index, no gradient") {
    ll::Model m;
    // Width 2, kernel 2, padding 1, dilation 3: the only window reads columns -1 and 2.
    const std::vector<float> y = run("[1, 1, 2]", R"({"type": "MaxPool2d", "kernel_size": [1, 2], "stride": 1,
                                                     "padding": [0, 1], "dilation": [1, 3]})",
                                     ll::Tensor({1, 1, 1, 2}, {1, 2}), m);
    REQUIRE(y.size() == 1);
    CHECK(y[0] == -std::numeric_limits<float>::infinity());
    CHECK(dynamic_cast<const ll::MaxPool2d&>(m.layer(0)).indices() == std::vector<int32_t>({-1}));
    CHECK(m.backward(ll::Tensor({1, 1, 1, 1}, 1.0f)).values() == std::vector<float>({0, 0}));
}

TEST_CASE("MaxPool2d with padding, dilation and ceil_mode") {
    ll::Model m;
    // 1 x 5 row, kernel [1, 2], stride 2, ceil_mode: windows [0,2), [2,4), [4,5) (the last one cut).
    ll::Tensor x({1, 1, 1, 5}, {1, 3, 2, 0, -7});
    check_near(run("[1, 1, 5]", R"({"type": "MaxPool2d", "kernel_size": [1, 2], "ceil_mode": true})", x, m),
               {3, 2, -7});
    ll::Model m2;
    // Dilation 2, padding 1: output o reads o - 1 and o + 1.
    check_near(run("[1, 1, 5]", R"({"type": "MaxPool2d", "kernel_size": [1, 2], "stride": 1, "padding": [0, 1],
                                    "dilation": [1, 2]})", x, m2),
               {3, 2, 3, 2, 0});
}

TEST_CASE("MaxPool2d gradients match finite differences") {
    check_layer_grads("[2, 6, 6]", R"({"type": "MaxPool2d", "kernel_size": 2})", 2, Input::Spaced);
    check_layer_grads("[2, 7, 7]", R"({"type": "MaxPool2d", "kernel_size": 3, "stride": 2, "padding": 1,
                                        "ceil_mode": true})", 2, Input::Spaced);
    check_layer_grads("[3, 8, 7]", R"({"type": "MaxPool2d", "kernel_size": [2, 3], "stride": [1, 2],
                                        "dilation": [2, 1]})", 1, Input::Spaced);
    check_layer_grads("[1, 6, 5]", R"({"type": "MaxPool2d", "kernel_size": 3, "stride": 1, "padding": 1,
                                        "dilation": 2})", 2, Input::Spaced);
}

// ---- AvgPool2d ----

TEST_CASE("AvgPool2d divisors: padding, count_include_pad, ceil_mode, divisor_override") {
    const ll::Tensor x9({1, 1, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9});
    SUBCASE("ceil_mode windows cut by the input edge divide by their clipped size") {
        ll::Model m;
        check_near(run("[1, 3, 3]", R"({"type": "AvgPool2d", "kernel_size": 2, "ceil_mode": true})", x9, m),
                   {3, 4.5f, 7.5f, 9});
    }
    SUBCASE("padding counts toward the divisor only with count_include_pad") {
        ll::Model m, m2;
        check_near(run("[1, 3, 3]", R"({"type": "AvgPool2d", "kernel_size": 2, "padding": 1})", x9, m),
                   {0.25f, 1.25f, 2.75f, 7});
        check_near(run("[1, 3, 3]", R"({"type": "AvgPool2d", "kernel_size": 2, "padding": 1,
                                        "count_include_pad": false})", x9, m2),
                   {1, 2.5f, 5.5f, 7});
    }
    SUBCASE("a ceil_mode window past the padded edge is clipped to the padded input") {
        // Row [1 2 3 4], kernel 3, stride 2, padding 1: windows [-1,2), [1,4), [3,5) of the padded row.
        const ll::Tensor x({1, 1, 1, 4}, {1, 2, 3, 4});
        const char* base = R"("type": "AvgPool2d", "kernel_size": [1, 3], "stride": [1, 2], "padding": [0, 1],
                              "ceil_mode": true)";
        ll::Model a, b, c;
        check_near(run("[1, 1, 4]", std::string("{") + base + "}", x, a), {1, 3, 2});
        check_near(run("[1, 1, 4]", std::string("{") + base + R"(, "count_include_pad": false})", x, b), {1.5f, 3, 4});
        check_near(run("[1, 1, 4]", std::string("{") + base + R"(, "divisor_override": 2})", x, c), {1.5f, 4.5f, 2});
        // Backward spreads dy / divisor over each window's pixels.
        const ll::Tensor& dx = a.backward(ll::Tensor({1, 1, 1, 3}, {3, 6, 4}));
        check_near(dx.values(), {1, 1 + 2, 2, 2 + 2});
    }
}

TEST_CASE("AvgPool2d gradients match finite differences") {
    check_layer_grads("[2, 6, 6]", R"({"type": "AvgPool2d", "kernel_size": 2})", 2);
    check_layer_grads("[2, 7, 5]", R"({"type": "AvgPool2d", "kernel_size": 3, "stride": 2, "padding": 1,
                                        "ceil_mode": true})", 2);
    check_layer_grads("[2, 7, 5]", R"({"type": "AvgPool2d", "kernel_size": [3, 2], "stride": [2, 1],
                                        "padding": [1, 1], "ceil_mode": true, "count_include_pad": false})", 2);
    check_layer_grads("[1, 5, 5]", R"({"type": "AvgPool2d", "kernel_size": 2, "stride": 1,
                                        "divisor_override": 3})", 2);
}

// ---- LPPool2d ----

TEST_CASE("LPPool2d values follow torch's formula") {
    ll::Model m;
    // p = 2 over a 2x2 window: sqrt(9 + 16 + 0 + 0) = 5.
    check_near(run("[1, 2, 2]", R"({"type": "LPPool2d", "norm_type": 2, "kernel_size": 2})",
                   ll::Tensor({1, 1, 2, 2}, {3, 4, 0, 0}), m),
               {5});
    ll::Model m1;
    check_near(run("[1, 2, 2]", R"({"type": "LPPool2d", "norm_type": 1, "kernel_size": 2})",
                   ll::Tensor({1, 1, 2, 2}, {0.5f, 1, 2, 4}), m1),
               {7.5f});
    // ceil_mode: the cut window [2,3) averages 2^2 over 1 pixel, then scales by the full area 2.
    ll::Model m2;
    check_near(run("[1, 1, 3]", R"({"type": "LPPool2d", "norm_type": 2, "kernel_size": [1, 2], "ceil_mode": true})",
                   ll::Tensor({1, 1, 1, 3}, {3, 4, 2}), m2),
               {5, std::sqrt(8.0f)});
    // An odd power of a negative sum has no real root: NaN, as torch.
    ll::Model m3;
    const std::vector<float> y = run("[1, 2, 2]", R"({"type": "LPPool2d", "norm_type": 3, "kernel_size": 2})",
                                     ll::Tensor({1, 1, 2, 2}, {-1, -2, -3, -4}), m3);
    CHECK(std::isnan(y[0]));
}

TEST_CASE("LPPool2d backward: zero windows give zero gradient, as torch's relu mask") {
    ll::Model m;
    lltest::build(model_text("[1, 2, 2]", R"({"type": "LPPool2d", "norm_type": 2, "kernel_size": 2})"), m);
    ll::Tensor x({1, 1, 2, 2}, 0.0f);
    m.forward(x, ll::Mode::Train);
    const ll::Tensor& dx = m.backward(ll::Tensor({1, 1, 1, 1}, 1.0f));
    CHECK(dx.values() == std::vector<float>({0, 0, 0, 0}));
    // Away from zero, p = 2 gives dx = x / y.
    ll::Tensor x2({1, 1, 2, 2}, {3, 4, 0, 0});
    m.forward(x2, ll::Mode::Train);
    check_near(m.backward(ll::Tensor({1, 1, 1, 1}, 1.0f)).values(), {0.6f, 0.8f, 0, 0});
}

TEST_CASE("LPPool2d gradients match finite differences") {
    check_layer_grads("[2, 6, 6]", R"({"type": "LPPool2d", "norm_type": 2, "kernel_size": 2})", 2);
    check_layer_grads("[2, 7, 5]", R"({"type": "LPPool2d", "norm_type": 3, "kernel_size": [3, 2], "stride": [2, 1],
                                        "ceil_mode": true})", 2, Input::Positive);
    check_layer_grads("[1, 5, 5]", R"({"type": "LPPool2d", "norm_type": 1.5, "kernel_size": 2, "stride": 1})", 2,
                      Input::Positive);
    check_layer_grads("[2, 5, 5]", R"({"type": "LPPool2d", "norm_type": 2, "kernel_size": 2, "ceil_mode": true})", 1);
}

// ---- AdaptiveAvgPool2d ----

TEST_CASE("AdaptiveAvgPool2d windows floor(i*H/OH) .. ceil((i+1)*H/OH)") {
    ll::Model m;
    // 5 -> 3: windows [0,2), [1,4), [3,5).
    check_near(run("[1, 1, 5]", R"({"type": "AdaptiveAvgPool2d", "output_size": [1, 3]})",
                   ll::Tensor({1, 1, 1, 5}, {1, 2, 3, 4, 5}), m),
               {1.5f, 3, 4.5f});
    check_near(m.backward(ll::Tensor({1, 1, 1, 3}, {2, 3, 4})).values(), {1, 1 + 1, 1, 1 + 2, 2});
    ll::Model up;
    // 2 -> 3 (upsampling): windows [0,1), [0,2), [1,2).
    check_near(run("[1, 1, 2]", R"({"type": "AdaptiveAvgPool2d", "output_size": [1, 3]})",
                   ll::Tensor({1, 1, 1, 2}, {1, 3}), up),
               {1, 2, 3});
    ll::Model g;
    check_near(run("[2, 2, 2]", R"({"type": "AdaptiveAvgPool2d", "output_size": 1})",
                   ll::Tensor({1, 2, 2, 2}, {1, 2, 3, 4, -1, -1, -1, 7}), g),
               {2.5f, 1});
}

TEST_CASE("AdaptiveAvgPool2d geometry: global for 1x1, else the kernel/stride approximation") {
    ll::Model m;
    lltest::build(model_text("[1, 8, 8]", R"({"type": "Conv2d", "out_channels": 1, "kernel_size": 3},
                                            {"type": "AdaptiveAvgPool2d", "output_size": 1})"), m);
    CHECK(m.layer(1).geometry().global);
    CHECK(m.info()[1].receptive.whole_input);
    CHECK(m.info()[1].out_shape == ll::Shape({1, 1, 1}));
    ll::Model m2;
    lltest::build(model_text("[1, 5, 6]", R"({"type": "AdaptiveAvgPool2d", "output_size": 3})"), m2);
    const ll::Geometry g = m2.layer(0).geometry();
    CHECK_FALSE(g.global);
    CHECK(g.stride[0] == 1);  // 5 -> 3: windows of 2, 3, 2
    CHECK(g.kernel[0] == 3);
    CHECK(g.stride[1] == 2);  // 6 -> 3: exact, kernel 2 stride 2
    CHECK(g.kernel[1] == 2);
}

TEST_CASE("AdaptiveAvgPool2d gradients match finite differences") {
    check_layer_grads("[2, 5, 7]", R"({"type": "AdaptiveAvgPool2d", "output_size": [3, 2]})", 2);
    check_layer_grads("[2, 3, 2]", R"({"type": "AdaptiveAvgPool2d", "output_size": [4, 5]})", 2);
    check_layer_grads("[3, 4, 4]", R"({"type": "AdaptiveAvgPool2d", "output_size": 1})", 2);
}

// ---- Receptive fields and errors ----

TEST_CASE("pooling in the receptive field: conv 3x3, maxpool 2x2/2, conv 3x3") {
    ll::Model m;
    lltest::build(model_text("[1, 12, 12]", R"({"type": "Conv2d", "out_channels": 2, "kernel_size": 3},
                                             {"type": "MaxPool2d", "kernel_size": 2},
                                             {"type": "Conv2d", "out_channels": 2, "kernel_size": 3})"), m);
    const std::vector<ll::LayerInfo> info = m.info();
    CHECK(info[1].out_shape == ll::Shape({2, 5, 5}));
    CHECK(info[1].receptive.size[0] == 4);   // 3 + (2 - 1) * 1
    CHECK(info[1].receptive.jump[0] == 2);
    CHECK(info[2].receptive.size[0] == 8);   // 4 + (3 - 1) * 2
}

TEST_CASE("pool configuration errors say what is wrong") {
    auto has = [](const std::string& msg, const char* part) {
        INFO(msg);
        CHECK(msg.find(part) != std::string::npos);
    };
    has(build_error("[1, 8, 8]", R"({"type": "MaxPool2d", "stride": 2})"), "missing argument 'kernel_size'");
    has(build_error("[1, 8, 8]", R"({"type": "AvgPool2d"})"), "missing argument 'kernel_size'");
    has(build_error("[1, 8, 8]", R"({"type": "MaxPool2d", "kernel_size": 3, "padding": 2})"),
        "layer 0 (MaxPool2d): padding 2 is more than half the kernel 3x3; use padding at most 1");
    has(build_error("[1, 8, 8]", R"({"type": "AvgPool2d", "kernel_size": [4, 2], "padding": [1, 2]})"),
        "padding 1x2 is more than half the kernel 4x2; use padding at most 2x1");
    has(build_error("[1, 2, 2]", R"({"type": "MaxPool2d", "kernel_size": 3})"),
        "kernel 3x3 does not fit the input 2x2 + 2*padding 0: the output would be 0x0");
    has(build_error("[1, 6, 6]", R"({"type": "MaxPool2d", "kernel_size": 3, "dilation": 3})"),
        "kernel 3x3 (dilated 7x7) does not fit the input 6x6");
    has(build_error("[1, 1, 3]", R"({"type": "AvgPool2d", "kernel_size": 2})"), "the output would be 0x1");
    has(build_error("[1, 8, 8]", R"({"type": "AvgPool2d", "kernel_size": 2, "divisor_override": 0})"),
        "argument 'divisor_override' must be at least 1");
    has(build_error("[1, 8, 8]", R"({"type": "AvgPool2d", "kernel_size": 2, "dilation": 2})"),
        "unknown argument 'dilation'");
    has(build_error("[1, 8, 8]", R"({"type": "LPPool2d", "kernel_size": 2})"), "missing argument 'norm_type'");
    has(build_error("[1, 8, 8]", R"({"type": "LPPool2d", "norm_type": 0, "kernel_size": 2})"),
        "argument 'norm_type' must not be 0");
    has(build_error("[1, 8, 8]", R"({"type": "LPPool2d", "norm_type": 2, "kernel_size": 2, "padding": 1})"),
        "unknown argument 'padding'");
    has(build_error("[1, 8, 8]", R"({"type": "LPPool2d", "norm_type": 2, "kernel_size": 9})"),
        "layer 0 (LPPool2d): kernel 9x9 does not fit the input 8x8");
    has(build_error("[1, 8, 8]", R"({"type": "AdaptiveAvgPool2d"})"), "missing argument 'output_size'");
    has(build_error("[1, 8, 8]", R"({"type": "AdaptiveAvgPool2d", "output_size": [0, 2]})"),
        "argument 'output_size' must be at least 1");
    has(build_error("[16]", R"({"type": "MaxPool2d", "kernel_size": 2})"), "MaxPool2d needs a C x H x W input, got 16");
    has(build_error("[16]", R"({"type": "AdaptiveAvgPool2d", "output_size": 1})"), "AdaptiveAvgPool2d needs a C x H x W input");
}
