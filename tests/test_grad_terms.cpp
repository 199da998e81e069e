// Weight-gradient entries as sums of products (engine/grad_terms.h): every entry's total equals the
// gradient the layer's own backward (im2col + sgemm) accumulated, for a conv with stride, padding,
// dilation and groups over a batch of 2, and for Linear; the kept terms are the largest and padding
// taps read 0.
#include <algorithm>
#include <cmath>

#include "engine/grad_terms.h"
#include "engine/layers/conv.h"
#include "tests/test_util.h"

namespace {

// Forward and backward of a one-layer model with a random dy; returns the layer.
ll::Layer& run_once(ll::Model& m, const std::string& text, const ll::Shape& x_shape, ll::Tensor& x, ll::Tensor& dy,
                    uint64_t seed) {
    lltest::build(text, m);
    ll::Rng rng(seed);
    m.init(rng);
    x = lltest::randn(x_shape, rng);
    const ll::Tensor& y = m.forward(x, ll::Mode::Train);
    dy = lltest::randn(y.shape(), rng);
    m.zero_grad();
    m.backward(dy);
    return m.layer(0);
}

}  // namespace

TEST_CASE("conv2d_weight_grad_entry: every entry equals Conv2d's weight gradient (stride, pad, dilation, groups)") {
    ll::Model m;
    ll::Tensor x, dy;
    ll::Layer& l = run_once(m, R"({"input_shape":[4,9,8],"layers":[{"type":"Conv2d","out_channels":6,"kernel_size":[3,2],
        "stride":[2,1],"padding":[1,2],"dilation":[2,1],"groups":2}]})", {2, 4, 9, 8}, x, dy, 11);
    const ll::ConvBase& conv = static_cast<const ll::ConvBase&>(l);
    const ll::Tensor& dw = conv.weight_grad();  // (6, 2, 3, 2)
    REQUIRE(dw.shape() == ll::Shape{6, 2, 3, 2});
    double worst = 0.0;
    for (int o = 0; o < 6; ++o)
        for (int c = 0; c < 2; ++c)
            for (int i = 0; i < 3; ++i)
                for (int j = 0; j < 2; ++j) {
                    const ll::GradEntry e = ll::conv2d_weight_grad_entry(x, dy, conv.options(), o, c, i, j, 5);
                    CHECK(e.count == 2 * dy.dim(2) * dy.dim(3));
                    const double engine = dw[((size_t(o) * 2 + size_t(c)) * 3 + size_t(i)) * 2 + size_t(j)];
                    worst = std::max(worst, std::fabs(e.sum - engine) / (1e-5 + 1e-4 * std::fabs(engine)));
                }
    CHECK(worst <= 1.0);
    // Bias: the sum of dy over the batch and positions.
    for (int o = 0; o < 6; ++o) CHECK(ll::bias_grad_entry(dy, o, 3).sum == doctest::Approx(conv.bias_grad()[size_t(o)]).epsilon(1e-4));
}

TEST_CASE("conv2d_weight_grad_entry: the kept terms are the largest, padding taps read 0, the rest adds up") {
    ll::Model m;
    ll::Tensor x, dy;
    ll::Layer& l = run_once(m, R"({"input_shape":[1,5,5],"layers":[{"type":"Conv2d","out_channels":1,"kernel_size":3,"padding":1}]})",
                            {1, 1, 5, 5}, x, dy, 3);
    const ll::ConvBase& conv = static_cast<const ll::ConvBase&>(l);
    // Tap (0, 0) of a padding-1 kernel falls on the padding for the first output row and column: 9 of 25.
    const ll::GradEntry e = ll::conv2d_weight_grad_entry(x, dy, conv.options(), 0, 0, 0, 0, 25);
    REQUIRE(e.top.size() == 25);
    int outside = 0;
    for (const ll::GradTerm& t : e.top) {
        if (!t.inside) {
            ++outside;
            CHECK(t.x_val == 0.0f);
            CHECK((t.y == 0 || t.x == 0));
        } else {
            // An inside term reads X at (y - 1, x - 1).
            CHECK(t.iy == t.y - 1);
            CHECK(t.x_val == x[size_t(t.iy) * 5 + size_t(t.ix)]);
        }
    }
    CHECK(outside == 9);
    for (size_t k = 1; k < e.top.size(); ++k) CHECK(std::fabs(e.top[k - 1].product()) >= std::fabs(e.top[k].product()));
    const ll::GradEntry few = ll::conv2d_weight_grad_entry(x, dy, conv.options(), 0, 0, 0, 0, 4);
    CHECK(few.top.size() == 4);
    CHECK(few.top[0].product() == e.top[0].product());
    CHECK(few.sum == doctest::Approx(e.sum));
    CHECK(few.top_sum() != doctest::Approx(few.sum));  // the other 21 terms are not zero
}

TEST_CASE("linear_weight_grad_entry: the outer product dy x^T equals Linear's weight gradient") {
    ll::Model m;
    ll::Tensor x, dy;
    run_once(m, R"({"input_shape":[7],"layers":[{"type":"Linear","out_features":3}]})", {1, 7}, x, dy, 5);
    const ll::ParamRef& w = m.params()[0];
    const ll::ParamRef& b = m.params()[1];
    REQUIRE(w.name == "0.weight");
    for (int o = 0; o < 3; ++o) {
        for (int i = 0; i < 7; ++i) {
            const ll::GradEntry e = ll::linear_weight_grad_entry(x, dy, o, i, 4);
            CHECK(e.count == 1);
            CHECK(e.top[0].dy == dy[size_t(o)]);
            CHECK(e.top[0].x_val == x[size_t(i)]);
            CHECK(e.sum == doctest::Approx((*w.grad)[size_t(o) * 7 + size_t(i)]).epsilon(1e-5));
        }
        CHECK(ll::bias_grad_entry(dy, o, 1).sum == doctest::Approx((*b.grad)[size_t(o)]).epsilon(1e-5));
    }
}

TEST_CASE("linear_output_entry: bias plus the sum of W[o, i] x[i] is Linear's output; the kept terms are the largest") {
    ll::Model m;
    ll::Tensor x, dy;
    run_once(m, R"({"input_shape":[9],"layers":[{"type":"Linear","out_features":4}]})", {1, 9}, x, dy, 11);
    const ll::Tensor& W = *m.params()[0].value;
    const ll::Tensor& b = *m.params()[1].value;
    const ll::Tensor& y = m.output(0);
    for (int o = 0; o < 4; ++o) {
        const ll::GradEntry e = ll::linear_output_entry(x, W, 0, o, 3);
        CHECK(e.count == 9);
        REQUIRE(e.top.size() == 3);
        CHECK(e.sum + double(b[size_t(o)]) == doctest::Approx(y[size_t(o)]).epsilon(1e-5));
        double smallest_kept = 1e30, largest_left = 0.0;
        for (const ll::GradTerm& t : e.top) {
            CHECK(t.dy == W[size_t(o) * 9 + size_t(t.ix)]);
            CHECK(t.x_val == x[size_t(t.ix)]);
            smallest_kept = std::min(smallest_kept, std::fabs(t.product()));
        }
        for (int i = 0; i < 9; ++i) {
            bool kept = false;
            for (const ll::GradTerm& t : e.top) kept |= t.ix == i;
            if (!kept) largest_left = std::max(largest_left, std::fabs(double(W[size_t(o) * 9 + size_t(i)]) * double(x[size_t(i)])));
        }
        CHECK(smallest_kept >= largest_left);
    }
}
