// A strided convolution in place of pooling (engine/pool_swap.h): the replacement keeps every shape,
// its cost is worked out by hand, refusals name why, and an average pool is exactly the strided
// convolution whose weights are 1/(kh*kw) between a channel and itself.
#include <algorithm>
#include <cmath>

#include "engine/layers/conv.h"
#include "engine/pool_swap.h"
#include "tests/test_util.h"

namespace {

void build(const std::string& text, ll::Json& desc, ll::Model& m) {
    REQUIRE(ll::parse_json(text, desc).is_ok());
    const ll::Status st = ll::Model::from_json(desc, m);
    REQUIRE_MESSAGE(st.is_ok(), st.message());
}

const char* kNet = R"({"input_shape": [1, 28, 28], "layers": [
  {"type": "Conv2d", "out_channels": 8, "kernel_size": 3, "padding": 1}, {"type": "ReLU"},
  {"type": "MaxPool2d", "kernel_size": 2}, {"type": "Flatten"}, {"type": "Linear", "out_features": 10}]})";

}  // namespace

TEST_CASE("pool swap: MaxPool2d 2x2 becomes Conv2d(8, 2, stride 2) with the same shapes, 264 parameters") {
    ll::Json desc;
    ll::Model m;
    build(kNet, desc, m);
    ll::Json conv;
    REQUIRE(ll::strided_conv_for_pool(m, 2, conv).is_ok());
    CHECK(conv.dump() == R"({"type":"Conv2d","out_channels":8,"kernel_size":2,"stride":2})");
    ll::PoolSwapCompare c;
    REQUIRE(ll::compare_pool_swap(m, desc, 2, c).is_ok());
    CHECK(c.pool.out_shape == c.conv.out_shape);
    CHECK(c.conv.out_shape == ll::Shape{8, 14, 14});
    CHECK(c.pool.params == 0);
    CHECK(c.conv.params == 8 * 8 * 2 * 2 + 8);              // weight (8, 8, 2, 2) and bias
    CHECK(c.conv.macs == int64_t(8) * 14 * 14 * 8 * 2 * 2);  // per output value: 8 channels x 4 taps
    CHECK(c.params_after - c.params_before == 264);
    CHECK(c.conv.receptive.size[0] == c.pool.receptive.size[0]);
}

TEST_CASE("pool swap: stride, padding and a rectangular kernel carry over; ceil_mode and non-pools are refused") {
    ll::Json desc;
    ll::Model m;
    build(R"({"input_shape": [3, 9, 9], "layers": [
      {"type": "AvgPool2d", "kernel_size": [3, 2], "stride": [2, 1], "padding": 1},
      {"type": "MaxPool2d", "kernel_size": 2, "ceil_mode": true}]})", desc, m);
    ll::Json conv;
    REQUIRE(ll::strided_conv_for_pool(m, 0, conv).is_ok());
    CHECK(conv.dump() == R"({"type":"Conv2d","out_channels":3,"kernel_size":[3,2],"stride":[2,1],"padding":1})");
    ll::PoolSwapCompare c;
    REQUIRE(ll::compare_pool_swap(m, desc, 0, c).is_ok());
    CHECK(c.conv.out_shape == c.pool.out_shape);
    const ll::Status ceil = ll::strided_conv_for_pool(m, 1, conv);
    CHECK_FALSE(ceil.is_ok());
    CHECK(ceil.message().find("ceil_mode") != std::string::npos);
    ll::Json d2;
    ll::Model m2;
    build(kNet, d2, m2);
    const ll::Status relu = ll::strided_conv_for_pool(m2, 1, conv);
    CHECK_FALSE(relu.is_ok());
    CHECK(relu.message().find("ReLU") != std::string::npos);
}

TEST_CASE("pool swap: an AvgPool2d is the strided convolution with weights 1/(kh*kw) from each channel to itself") {
    ll::Json desc;
    ll::Model m;
    build(R"({"input_shape": [3, 8, 8], "layers": [{"type": "AvgPool2d", "kernel_size": 2}]})", desc, m);
    ll::Json swapped;
    REQUIRE(ll::replace_pool_with_strided_conv(m, desc, 0, swapped).is_ok());
    ll::Model conv_model;
    REQUIRE(ll::Model::from_json(swapped, conv_model).is_ok());
    for (const ll::ParamRef& p : conv_model.params()) {  // the refs are const, the tensors they point at are not
        p.value->fill(0.0f);
        if (p.name == "0.weight")  // (3, 3, 2, 2)
            for (int c = 0; c < 3; ++c)
                for (int k = 0; k < 4; ++k) (*p.value)[size_t(c) * 12 + size_t(c) * 4 + size_t(k)] = 0.25f;
    }
    ll::Rng rng(3);
    const ll::Tensor x = lltest::randn({2, 3, 8, 8}, rng);
    const ll::Tensor pooled = m.forward(x, ll::Mode::Eval);
    const ll::Tensor conved = conv_model.forward(x, ll::Mode::Eval);
    REQUIRE(pooled.shape() == conved.shape());
    double worst = 0.0;
    for (size_t i = 0; i < pooled.numel(); ++i) worst = std::max(worst, std::fabs(double(pooled[i]) - double(conved[i])));
    CHECK(worst < 1e-6);
}
