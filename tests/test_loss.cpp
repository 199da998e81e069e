// Losses: values against torch.nn.functional (numbers printed by torch 1.13), the log-sum-exp guard, and
// the analytic gradients against central differences of the returned loss.
#include <functional>

#include "engine/loss.h"
#include "tests/test_util.h"

namespace {

// max_i |analytic_i - (L(v + eps e_i) - L(v - eps e_i)) / 2eps| for a loss L of the tensor v.
double fd_error(ll::Tensor& v, const ll::Tensor& analytic, const std::function<float()>& loss, float eps) {
    double worst = 0.0;
    for (size_t i = 0; i < v.numel(); ++i) {
        const float old = v[i];
        v[i] = old + eps;
        const double lp = loss();
        v[i] = old - eps;
        const double lm = loss();
        v[i] = old;
        worst = std::max(worst, std::fabs((lp - lm) / (2.0 * eps) - double(analytic[i])));
    }
    return worst;
}

}  // namespace

TEST_CASE("cross_entropy: value and gradient match torch") {
    const ll::Tensor x({2, 4}, {0.5f, -1.25f, 2.0f, 0.0f, 3.0f, 1.0f, -2.0f, 0.25f});
    const int64_t t[2] = {2, 1};
    ll::Tensor d;
    const float loss = ll::cross_entropy(x, t, d);
    // torch: F.cross_entropy(x, tensor([2, 1])) and x.grad
    CHECK(loss == doctest::Approx(1.260904312133789).epsilon(1e-6));
    const ll::Tensor expect({2, 4}, {0.07984677f, 0.01387529f, -0.14215159f, 0.04842952f,  //
                                     0.41459328f, -0.44389090f, 0.00279351f, 0.02650407f});
    CHECK(lltest::closeness(d, expect, 1e-7, 1e-5) <= 1.0);
}

TEST_CASE("cross_entropy: one row by hand") {
    // loss = log(e^1 + e^2 + e^3) - 3;  dlogits = softmax - onehot
    const ll::Tensor x({1, 3}, {1.0f, 2.0f, 3.0f});
    const int64_t t = 2;
    ll::Tensor d;
    const double e1 = std::exp(1.0), e2 = std::exp(2.0), e3 = std::exp(3.0), s = e1 + e2 + e3;
    CHECK(ll::cross_entropy(x, &t, d) == doctest::Approx(std::log(s) - 3.0).epsilon(1e-6));
    CHECK(d[0] == doctest::Approx(e1 / s).epsilon(1e-6));
    CHECK(d[1] == doctest::Approx(e2 / s).epsilon(1e-6));
    CHECK(d[2] == doctest::Approx(e3 / s - 1.0).epsilon(1e-6));
}

TEST_CASE("cross_entropy: huge logits stay finite (max subtraction)") {
    const ll::Tensor x({2, 2}, {1000.0f, 0.0f, -1000.0f, 500.0f});
    const int64_t t[2] = {1, 1};
    ll::Tensor d;
    const float loss = ll::cross_entropy(x, t, d);
    // Row 0: logsumexp = 1000, loss 1000. Row 1: loss ~ 0. Mean 500.
    CHECK(loss == doctest::Approx(500.0));
    CHECK(d[0] == doctest::Approx(0.5));   // (1 - 0) / 2
    CHECK(d[1] == doctest::Approx(-0.5));  // (0 - 1) / 2
    CHECK(d[2] == doctest::Approx(0.0));
    CHECK(d[3] == doctest::Approx(0.0));
}

TEST_CASE("cross_entropy: gradient matches finite differences") {
    ll::Rng rng(11);
    ll::Tensor x = lltest::randn({5, 7}, rng, 2.0f);
    const int64_t t[5] = {0, 6, 3, 3, 1};
    ll::Tensor d, scratch;
    ll::cross_entropy(x, t, d);
    const double err = fd_error(x, d, [&] { return ll::cross_entropy(x, t, scratch); }, 1e-2f);
    CHECK(err < 2e-4);
}

TEST_CASE("mse_loss: value and gradient match torch") {
    const ll::Tensor p({2, 3}, {0.5f, -1.0f, 2.0f, 1.5f, 0.0f, -0.5f});
    const ll::Tensor q({2, 3}, {1.0f, 1.0f, 1.0f, 0.0f, 0.5f, -1.0f});
    ll::Tensor d;
    CHECK(ll::mse_loss(p, q, d) == doctest::Approx(1.3333333730697632).epsilon(1e-6));
    const ll::Tensor expect({2, 3}, {-0.16666667f, -0.66666669f, 0.33333334f, 0.5f, -0.16666667f, 0.16666667f});
    CHECK(d.shape() == p.shape());
    CHECK(lltest::closeness(d, expect, 1e-7, 1e-6) <= 1.0);
}

TEST_CASE("mse_loss: gradient matches finite differences") {
    ll::Rng rng(5);
    ll::Tensor p = lltest::randn({3, 4}, rng);
    const ll::Tensor q = lltest::randn({3, 4}, rng);
    ll::Tensor d, scratch;
    ll::mse_loss(p, q, d);
    const double err = fd_error(p, d, [&] { return ll::mse_loss(p, q, scratch); }, 1e-2f);
    CHECK(err < 1e-4);
}

TEST_CASE("softmax_rows: torch values, rows sum to 1, shift invariance") {
    const ll::Tensor x({2, 4}, {0.5f, -1.25f, 2.0f, 0.0f, 100.5f, 98.75f, 102.0f, 100.0f});
    ll::Tensor p;
    ll::softmax_rows(x, p);
    const float expect[4] = {0.15969355f, 0.02775058f, 0.71569681f, 0.09685903f};  // torch.softmax
    for (int r = 0; r < 2; ++r) {
        double sum = 0.0;
        for (int c = 0; c < 4; ++c) {
            CHECK(p[size_t(r * 4 + c)] == doctest::Approx(expect[c]).epsilon(1e-5));
            sum += p[size_t(r * 4 + c)];
        }
        CHECK(sum == doctest::Approx(1.0).epsilon(1e-6));
    }
}
