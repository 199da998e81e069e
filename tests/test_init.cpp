// Initialisation: PyTorch's default bounds, He's standard deviation and Xavier's bound, zero biases,
// and normalization parameters left alone.
#include <cmath>

#include "engine/init.h"
#include "tests/test_util.h"

namespace {

double stddev(const ll::Tensor& t) {
    double s = 0, s2 = 0;
    for (size_t i = 0; i < t.numel(); ++i) { s += t[i]; s2 += double(t[i]) * t[i]; }
    const double m = s / double(t.numel());
    return std::sqrt(s2 / double(t.numel()) - m * m);
}

}  // namespace

TEST_CASE("Init: fan computation follows torch") {
    int fi, fo;
    ll::fan_in_out({64, 32, 3, 3}, fi, fo);
    CHECK(fi == 288);
    CHECK(fo == 576);
    ll::fan_in_out({10, 784}, fi, fo);
    CHECK(fi == 784);
    CHECK(fo == 10);
}

TEST_CASE("Init: He and Xavier scale the weights by their fans; biases zero; BatchNorm untouched") {
    ll::Model m;
    lltest::build(R"({"input_shape": [16, 12, 12], "layers": [{"type": "Conv2d", "out_channels": 64, "kernel_size": 3},
        {"type": "BatchNorm2d"}, {"type": "Flatten"}, {"type": "Linear", "out_features": 50}]})", m);
    ll::Rng rng(3);
    ll::init_model(m, ll::InitKind::He, rng);
    const ll::Tensor& w = *m.params()[0].value;  // 0.weight (64, 16, 3, 3): fan_in 144
    CHECK(stddev(w) == doctest::Approx(std::sqrt(2.0 / 144)).epsilon(0.05));
    CHECK(m.params()[1].value->values() == std::vector<float>(64, 0.0f));  // 0.bias
    CHECK(m.params()[2].value->values() == std::vector<float>(64, 1.0f));  // 1.weight (gamma)

    ll::init_model(m, ll::InitKind::Xavier, rng);
    const ll::Tensor& lw = *m.params()[4].value;  // 3.weight (50, 6400)
    const double bound = std::sqrt(6.0 / (6400 + 50));
    float mx = 0;
    for (size_t i = 0; i < lw.numel(); ++i) mx = std::max(mx, std::fabs(lw[i]));
    CHECK(mx <= bound);
    CHECK(mx > 0.99 * bound);
    CHECK(stddev(lw) == doctest::Approx(bound / std::sqrt(3.0)).epsilon(0.05));

    ll::InitKind k;
    CHECK_FALSE(ll::parse_init_kind("orthogonal", k).is_ok());
}
