// Folding an evaluation-mode BatchNorm2d into the Conv2d before it (engine/bn_fold.h): a hand-worked
// case, and the folded conv reproducing conv -> BatchNorm in eval mode on random data after the running
// statistics have moved (train-mode batches) and gamma/beta were set away from 1 and 0.
#include <algorithm>
#include <cmath>

#include "engine/bn_fold.h"
#include "tests/test_util.h"

namespace {

ll::Model conv_bn(const char* conv_args, int in_c, int hw) {
    ll::Json desc;
    const std::string text = std::string(R"({"input_shape": [)") + std::to_string(in_c) + "," + std::to_string(hw) + "," +
                             std::to_string(hw) + R"(], "layers": [{"type": "Conv2d", )" + conv_args +
                             R"(}, {"type": "BatchNorm2d"}]})";
    REQUIRE(ll::parse_json(text, desc).is_ok());
    ll::Model m;
    const ll::Status st = ll::Model::from_json(desc, m);
    REQUIRE_MESSAGE(st.is_ok(), st.message());
    return m;
}

}  // namespace

TEST_CASE("bn fold: a 1x1 conv on one channel, by hand") {
    ll::Model m = conv_bn(R"("out_channels": 1, "kernel_size": 1)", 1, 2);
    for (const ll::ParamRef& p : m.params()) {
        if (p.name == "0.weight") (*p.value)[0] = 2.0f;
        if (p.name == "0.bias") (*p.value)[0] = 1.0f;
        if (p.name == "1.weight") (*p.value)[0] = 0.5f;   // gamma
        if (p.name == "1.bias") (*p.value)[0] = 1.0f;     // beta
    }
    for (ll::BufferRef& b : m.buffers()) {
        if (b.name == "1.running_mean") (*b.value)[0] = 3.0f;
        if (b.name == "1.running_var") (*b.value)[0] = 4.0f - 1e-5f;  // sqrt(var + eps) = 2
    }
    ll::FoldedConv f;
    const auto& conv = dynamic_cast<const ll::Conv2d&>(m.layer(0));
    const auto& bn = dynamic_cast<const ll::BatchNorm&>(m.layer(1));
    REQUIRE(ll::fold_batchnorm(conv, bn, f).is_ok());
    // s = 0.5 / 2 = 0.25; w' = 2 * 0.25 = 0.5; b' = (1 - 3) * 0.25 + 1 = 0.5.
    CHECK(f.scale[0] == doctest::Approx(0.25));
    CHECK(f.weight[0] == doctest::Approx(0.5));
    CHECK(f.bias[0] == doctest::Approx(0.5));
}

TEST_CASE("bn fold: the folded conv gives conv -> BatchNorm's eval output (with and without conv bias, groups, stride)") {
    const char* cases[] = {
        R"("out_channels": 6, "kernel_size": 3, "padding": 1)",
        R"("out_channels": 6, "kernel_size": 3, "stride": 2, "bias": false)",
        R"("out_channels": 6, "kernel_size": 3, "padding": 2, "dilation": 2, "groups": 3)",
    };
    for (const char* args : cases) {
        INFO(args);
        ll::Model m = conv_bn(args, 3, 9);
        ll::Rng rng(7);
        m.init(rng);
        for (const ll::ParamRef& p : m.params())
            if (p.name == "1.weight" || p.name == "1.bias")
                for (size_t i = 0; i < p.value->numel(); ++i) (*p.value)[i] = rng.uniform(-1.5f, 1.5f);
        for (int t = 0; t < 5; ++t) {  // moves the running statistics away from 0 and 1
            const ll::Tensor xb = lltest::randn({4, 3, 9, 9}, rng, 2.0f);
            m.forward(xb, ll::Mode::Train);
        }
        const ll::Tensor x = lltest::randn({2, 3, 9, 9}, rng);
        const ll::Tensor want = m.forward(x, ll::Mode::Eval);
        ll::FoldedConv f;
        REQUIRE(ll::fold_batchnorm(dynamic_cast<const ll::Conv2d&>(m.layer(0)), dynamic_cast<const ll::BatchNorm&>(m.layer(1)), f).is_ok());
        ll::Tensor got;
        REQUIRE(ll::folded_forward(dynamic_cast<const ll::Conv2d&>(m.layer(0)), f, x, got).is_ok());
        REQUIRE(got.shape() == want.shape());
        double worst = 0.0;
        for (size_t i = 0; i < got.numel(); ++i) worst = std::max(worst, double(std::fabs(got[i] - want[i])));
        CHECK(worst < 2e-5);
        double reported = -1.0;
        REQUIRE(ll::folded_difference(dynamic_cast<const ll::Conv2d&>(m.layer(0)), f, x, want, reported).is_ok());
        CHECK(reported == worst);
        ll::Tensor off = want;
        off[off.numel() / 2] += 0.25f;  // a reference that is not the BatchNorm's output shows as a difference
        REQUIRE(ll::folded_difference(dynamic_cast<const ll::Conv2d&>(m.layer(0)), f, x, off, reported).is_ok());
        CHECK(reported > 0.2);
    }
}

TEST_CASE("bn fold: a BatchNorm without running statistics is refused, naming why") {
    ll::Json desc;
    REQUIRE(ll::parse_json(R"({"input_shape": [1, 4, 4], "layers": [{"type": "Conv2d", "out_channels": 2, "kernel_size": 1},
        {"type": "BatchNorm2d", "track_running_stats": false}]})", desc).is_ok());
    ll::Model m;
    REQUIRE(ll::Model::from_json(desc, m).is_ok());
    ll::FoldedConv f;
    const ll::Status st = ll::fold_batchnorm(dynamic_cast<const ll::Conv2d&>(m.layer(0)), dynamic_cast<const ll::BatchNorm&>(m.layer(1)), f);
    REQUIRE_FALSE(st.is_ok());
    CHECK(st.message().find("track_running_stats") != std::string::npos);
}
