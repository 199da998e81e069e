// The Normalization lab's engine additions: LocalContrastNorm against a direct double-precision
// implementation and by finite differences; CrossIterationBatchNorm2d as BatchNorm2d at window 1, its
// compensated statistics against a recomputation with the current weights, naive vs compensated,
// gradchecks with and without history, running statistics; feature scaling; the error paths.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "engine/gradcheck.h"
#include "engine/layers/norm_local_contrast_cross_iteration.h"
#include "engine/scaling.h"
#include "tests/test_util.h"

namespace {

using ll::Mode;
using ll::Shape;
using ll::Tensor;

using lltest::build_error;
using lltest::same_bits;
using lltest::model_text;

bool has(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }


// ---- LocalContrastNorm by the definition, in double ----

// For each position: the window's weights inside the image, renormalised to sum 1 over them and the
// channels; m, v, sigma, the floor and y exactly as the paper writes them (no separability).
std::vector<double> lcn_reference(const Tensor& x, int size, double sig, bool mean_floor, double fixed_floor,
                                  std::vector<double>& sigma) {
    const int N = x.dim(0), C = x.dim(1), H = x.dim(2), W = x.dim(3), r = size / 2;
    std::vector<double> y(x.numel()), v(x.numel());
    sigma.assign(size_t(N) * H * W, 0.0);
    auto at = [&](int n, int c, int i, int j) { return ((size_t(n) * C + c) * H + i) * W + j; };
    // sum_{c, (p,q) inside} w_pq f(c, i+p, j+q) / sum_{c, (p,q) inside} w_pq
    auto window_mean = [&](int n, int i, int j, auto f) {
        double num = 0.0, den = 0.0;
        for (int p = -r; p <= r; ++p)
            for (int q = -r; q <= r; ++q) {
                if (i + p < 0 || i + p >= H || j + q < 0 || j + q >= W) continue;
                const double w = std::exp(-(p * p + q * q) / (2.0 * sig * sig));
                for (int c = 0; c < C; ++c) {
                    num += w * f(n, c, i + p, j + q);
                    den += w;
                }
            }
        return num / den;
    };
    for (int n = 0; n < N; ++n) {
        for (int i = 0; i < H; ++i)
            for (int j = 0; j < W; ++j) {
                const double m = window_mean(n, i, j, [&](int a, int c, int k, int l) { return double(x[at(a, c, k, l)]); });
                for (int c = 0; c < C; ++c) v[at(n, c, i, j)] = double(x[at(n, c, i, j)]) - m;
            }
        double total = 0.0;
        for (int i = 0; i < H; ++i)
            for (int j = 0; j < W; ++j) {
                const double s2 = window_mean(n, i, j, [&](int a, int c, int k, int l) { return v[at(a, c, k, l)] * v[at(a, c, k, l)]; });
                sigma[(size_t(n) * H + i) * W + j] = std::sqrt(s2);
                total += std::sqrt(s2);
            }
        const double fl = mean_floor ? total / (H * W) : fixed_floor;
        for (int c = 0; c < C; ++c)
            for (int i = 0; i < H; ++i)
                for (int j = 0; j < W; ++j)
                    y[at(n, c, i, j)] = v[at(n, c, i, j)] / std::max(fl, sigma[(size_t(n) * H + i) * W + j]);
    }
    return y;
}

// ---- CrossIterationBatchNorm2d helpers ----

ll::CrossIterationBatchNorm2d& cibn_of(ll::Model& m, size_t i) {
    return dynamic_cast<ll::CrossIterationBatchNorm2d&>(m.layer(i));
}

// Moves the model's conv (layer 0) weights and bias by delta * N(0, 1), as an optimizer step would.
void nudge_conv(ll::Model& m, ll::Rng& rng, float delta) {
    for (const ll::ParamRef& p : m.layer(0).params())
        for (size_t i = 0; i < p.value->numel(); ++i) (*p.value)[i] += delta * rng.normal();
}

// Per-channel mean and second moment of conv(x) with the given conv's current weights, in double.
void direct_moments(ll::Model& conv_only, const Tensor& x, std::vector<double>& mu, std::vector<double>& nu) {
    const Tensor& y = conv_only.forward(x, Mode::Eval);
    const int N = y.dim(0), C = y.dim(1), S = y.dim(2) * y.dim(3);
    mu.assign(size_t(C), 0.0);
    nu.assign(size_t(C), 0.0);
    for (int n = 0; n < N; ++n)
        for (int c = 0; c < C; ++c)
            for (int s = 0; s < S; ++s) {
                const double v = y[(size_t(n) * C + c) * S + s];
                mu[size_t(c)] += v / (N * S);
                nu[size_t(c)] += v * v / (N * S);
            }
}

void copy_params(ll::Layer& from, ll::Layer& to) {
    std::vector<ll::ParamRef> a = from.params(), b = to.params();
    REQUIRE(a.size() == b.size());
    for (size_t i = 0; i < a.size(); ++i) *b[i].value = *a[i].value;
}

}  // namespace

// ---- LocalContrastNorm ----

TEST_CASE("LocalContrastNorm: matches the definition computed directly in double precision") {
    struct Row { const char* in; const char* layer; int size; double sigma; bool mean_floor; double floor; };
    const Row rows[] = {
        {"[3, 7, 6]", R"({"type": "LocalContrastNorm", "size": 5, "sigma": 1.5})", 5, 1.5, true, 0.0},
        {"[2, 5, 5]", R"({"type": "LocalContrastNorm", "floor": 0.6})", 9, 2.0, false, 0.6},  // window > image
        {"[1, 4, 8]", R"({"type": "LocalContrastNorm", "size": 3, "sigma": 0.8, "floor": 0})", 3, 0.8, false, 0.0},
        {"[4, 6, 6]", R"({"type": "LocalContrastNorm", "size": 7, "floor": null})", 7, 2.0, true, 0.0},
    };
    ll::Rng rng(11);
    for (const Row& row : rows) {
        INFO(row.layer);
        ll::Model m;
        lltest::build(model_text(row.in, row.layer), m);
        const auto& lcn = dynamic_cast<const ll::LocalContrastNorm&>(m.layer(0));
        Tensor x = lltest::randn(ll::batch_shape(2, m.input_shape()), rng);
        for (size_t i = 0; i < x.numel(); ++i) x[i] += 0.3f * float(i % 5);  // a local mean worth removing
        const Tensor& y = m.forward(x, Mode::Train);
        std::vector<double> sigma;
        const std::vector<double> ref = lcn_reference(x, row.size, row.sigma, row.mean_floor, row.floor, sigma);
        CHECK(lltest::closeness(y, Tensor(y.shape(), std::vector<float>(ref.begin(), ref.end()))) <= 1.0);
        CHECK(lltest::closeness(lcn.local_std(), Tensor(lcn.local_std().shape(), std::vector<float>(sigma.begin(), sigma.end()))) <= 1.0);
        // The window sums to 1 over its taps and the channels; full coverage away from the border.
        double wsum = 0.0;
        for (float w : lcn.window().values()) wsum += w;
        CHECK(wsum * x.dim(1) == doctest::Approx(1.0).epsilon(1e-6));
        CHECK(lcn.coverage()[0] < 1.0f);
        // Eval is the same map.
        CHECK(same_bits(Tensor(y), m.forward(x, Mode::Eval)));
    }
}

TEST_CASE("LocalContrastNorm: a constant sample gives zeros, never NaN, and its gradient is finite") {
    ll::Model m;
    lltest::build(model_text("[2, 5, 6]", R"({"type": "LocalContrastNorm", "size": 5})"), m);
    Tensor x({2, 2, 5, 6}, 0.7f);
    const Tensor& y = m.forward(x, Mode::Train);
    for (float v : y.values()) CHECK(v == 0.0f);
    Tensor dy({2, 2, 5, 6}, 1.0f);
    for (float g : m.backward(dy).values()) CHECK(std::isfinite(g));
}

TEST_CASE("LocalContrastNorm: analytic gradients match finite differences, mean and fixed floors") {
    // Mean floor: about half the positions divide by the mean, so the gradient through the mean of
    // sigma is exercised; the fixed floor is set to that mean (as a number) for the same reason.
    ll::Rng rng(5);
    const Tensor x = lltest::randn({2, 3, 6, 7}, rng);
    ll::Model probe;
    lltest::build(model_text("[3, 6, 7]", R"({"type": "LocalContrastNorm", "size": 3})"), probe);
    probe.forward(x, Mode::Train);
    const float mean_sigma = dynamic_cast<const ll::LocalContrastNorm&>(probe.layer(0)).floor_values()[0];
    const std::string layers[] = {R"({"type": "LocalContrastNorm", "size": 5, "sigma": 1.2})",
                                  R"({"type": "LocalContrastNorm", "size": 3, "floor": )" + std::to_string(mean_sigma) + "}",
                                  R"({"type": "LocalContrastNorm", "size": 9})"};
    for (const std::string& layer : layers) {
        INFO(layer);
        ll::Model m;
        lltest::build(model_text("[3, 6, 7]", layer), m);
        m.forward(x, Mode::Train);
        const auto& lcn = dynamic_cast<const ll::LocalContrastNorm&>(m.layer(0));
        int below = 0;  // positions dividing by the floor, out of 2 x 42
        for (size_t i = 0; i < lcn.local_std().numel(); ++i) below += lcn.local_std()[i] < lcn.floor_values()[i / 42];
        CHECK(below > 10);
        CHECK(below < 74);
        ll::GradcheckOptions opt;
        opt.eps = 2e-3f;
        opt.tol = 1e-2;
        opt.max_checks = 252;
        const ll::GradcheckResult r = ll::gradcheck(m.layer(0), x, rng, opt);
        CHECK_MESSAGE(r.ok, r.worst);
    }
}

TEST_CASE("LocalContrastNorm: arguments, canonical form, receptive field and errors") {
    ll::Model m;
    lltest::build(model_text("[2, 20, 20]", R"({"type": "LocalContrastNorm", "floor": 0.5, "size": 5},
                                              {"type": "LocalContrastNorm"})"), m);
    const ll::Json j = m.to_json();
    CHECK(j.find("layers")->items()[0].dump() == R"({"type":"LocalContrastNorm","size":5,"sigma":2,"floor":0.5})");
    CHECK(j.find("layers")->items()[1].dump() == R"({"type":"LocalContrastNorm","size":9,"sigma":2})");
    const std::vector<ll::LayerInfo> info = m.info();
    CHECK(info[0].receptive.size[0] == 9);  // sigma over v over x: 2*5 - 1
    CHECK(info[1].receptive.whole_input);   // the mean floor reads the whole map
    CHECK(has(build_error("[2, 8, 8]", R"({"type": "LocalContrastNorm", "size": 4})"), "'size' must be odd"));
    CHECK(has(build_error("[2, 8, 8]", R"({"type": "LocalContrastNorm", "sigma": 0})"), "'sigma'"));
    CHECK(has(build_error("[2, 8, 8]", R"({"type": "LocalContrastNorm", "floor": -1})"), "'floor' must be at least 0"));
    CHECK(has(build_error("[2, 8, 8]", R"({"type": "LocalContrastNorm", "floor": "mean"})"), "'floor' must be a number"));
    CHECK(has(build_error("[12]", R"({"type": "LocalContrastNorm"})"), "needs a C x H x W input"));
}

// ---- CrossIterationBatchNorm2d ----

TEST_CASE("CrossIterationBatchNorm2d: window 1 (and burn-in) is BatchNorm2d exactly") {
    struct Variant { const char* cibn; const char* bn; };  // the same BatchNorm arguments on both sides
    const Variant variants[] = {{R"("window": 1)", ""},
                                {R"("window": 1, "momentum": 0.3, "affine": false)", R"(, "momentum": 0.3, "affine": false)"},
                                {R"("window": 1, "momentum": null)", R"(, "momentum": null)"},
                                {R"("window": 3, "burn_in": 10, "eps": 0.01)", R"(, "eps": 0.01)"}};
    for (const Variant& var : variants) {
        INFO(var.cibn);
        const char* v = var.cibn;
        const std::string bn_args = var.bn;
        const std::string conv = R"({"type": "Conv2d", "out_channels": 3, "kernel_size": 3, "padding": 1}, )";
        ll::Model a, b;
        lltest::build(model_text("[2, 4, 5]", conv + R"({"type": "BatchNorm2d")" + bn_args + "}"), a);
        lltest::build(model_text("[2, 4, 5]", conv + R"({"type": "CrossIterationBatchNorm2d", )" + v + "}"), b);
        ll::Rng ra(3), rb(3), rng(9);
        a.init(ra);
        b.init(rb);
        const int batches[] = {4, 2, 5, 3, 4, 2};
        for (int N : batches) {
            const Tensor x = lltest::randn({N, 2, 4, 5}, rng), dy = lltest::randn({N, 3, 4, 5}, rng);
            a.zero_grad();
            b.zero_grad();
            REQUIRE(same_bits(a.forward(x, Mode::Train), b.forward(x, Mode::Train)));
            REQUIRE(same_bits(a.backward(dy), b.backward(dy)));
            std::vector<ll::ParamRef> pa = a.params(), pb = b.params();
            REQUIRE(pa.size() == pb.size());
            for (size_t i = 0; i < pa.size(); ++i) CHECK(same_bits(*pa[i].grad, *pb[i].grad));
            std::vector<ll::BufferRef> ba = a.buffers(), bb = b.buffers();
            REQUIRE(ba.size() == 3);
            REQUIRE(bb.size() == 3);
            for (size_t i = 0; i < 3; ++i) {
                CHECK(ba[i].name == bb[i].name);
                if (ba[i].value) CHECK(same_bits(*ba[i].value, *bb[i].value));
                else CHECK(*ba[i].count == *bb[i].count);
            }
            nudge_conv(a, ra, 0.05f);
            nudge_conv(b, rb, 0.05f);
        }
        CHECK(cibn_of(b, 1).used_iterations() == 1);
        const Tensor x = lltest::randn({3, 2, 4, 5}, rng);
        CHECK(same_bits(a.forward(x, Mode::Eval), b.forward(x, Mode::Eval)));
    }
}

TEST_CASE("CrossIterationBatchNorm2d: compensated statistics match a recomputation with the current weights") {
    // mu is linear in the conv's weights, so its compensation is exact. nu = mean(y^2) is quadratic:
    // with dy = conv(x; W_t - W, b_t - b), nu(W_t) = nu + 2 mean(y dy) + mean(dy^2), and the first-order
    // compensation leaves exactly mean(dy^2), second order in the weight change.
    const char* convs[] = {R"({"type": "Conv2d", "out_channels": 4, "kernel_size": 3, "padding": 1})",
                           R"({"type": "Conv2d", "out_channels": 4, "kernel_size": 3, "padding": 2, "stride": 2,
                                "dilation": 2, "groups": 2})"};
    for (const char* conv : convs) {
        INFO(conv);
        ll::Model m, conv_only;
        lltest::build(model_text("[2, 7, 7]", std::string(conv) + R"(, {"type": "CrossIterationBatchNorm2d"})"), m);
        lltest::build(model_text("[2, 7, 7]", conv), conv_only);
        ll::Rng rng(21);
        m.init(rng);
        auto& cb = cibn_of(m, 1);
        CHECK(cb.compensating());
        CHECK(cb.compensation_note().empty());
        CHECK(cb.linked_conv() == &m.layer(0));
        std::vector<Tensor> xs;
        xs.reserve(6);
        for (int t = 0; t < 6; ++t) {
            if (t > 0) nudge_conv(m, rng, 0.002f);
            xs.push_back(lltest::randn({3, 2, 7, 7}, rng));
            for (float& v : xs.back().values()) v += 0.7f;  // inputs with a mean, as after a ReLU: mu moves with W
            m.forward(xs.back(), Mode::Train);
        }
        REQUIRE(cb.history_size() == 3);
        CHECK(cb.used_iterations() == 4);
        CHECK(cb.iterations() == 6);
        const int C = 4;
        std::vector<double> pooled_mu(cb.current().mu.values().begin(), cb.current().mu.values().begin() + C);
        std::vector<double> pooled_sq(cb.current().nu.values().begin(), cb.current().nu.values().begin() + C);
        for (int tau = 1; tau <= 3; ++tau) {
            const ll::IterationStats& s = cb.past(tau);
            CHECK(s.iteration == 6 - tau);
            const Tensor& x_old = xs[size_t(5 - tau)];
            std::vector<double> mu, nu, mu_old, nu_old, dy2(C, 0.0);
            // The stored statistics are those of the old weights; recompute both with each weight set.
            *conv_only.layer(0).params()[0].value = s.weight;
            *conv_only.layer(0).params()[1].value = s.bias;
            direct_moments(conv_only, x_old, mu_old, nu_old);
            const Tensor y_old = conv_only.forward(x_old, Mode::Eval);
            copy_params(m.layer(0), conv_only.layer(0));
            direct_moments(conv_only, x_old, mu, nu);
            const Tensor& y_new = conv_only.forward(x_old, Mode::Eval);
            const size_t S = y_new.numel() / (3 * C);
            for (size_t i = 0; i < y_new.numel(); ++i) {
                const double d = double(y_new[i]) - double(y_old[i]);
                dy2[(i / S) % C] += d * d / double(3 * S);
            }
            for (int c = 0; c < C; ++c) {
                const size_t i = size_t(c);
                INFO("tau ", tau, " channel ", c);
                CHECK(s.mu[i] == doctest::Approx(mu_old[i]).epsilon(1e-5));
                CHECK(s.nu[i] == doctest::Approx(nu_old[i]).epsilon(1e-5));
                CHECK(std::fabs(s.mu[i] - mu[i]) > 2e-4);                                  // the weights did move
                CHECK(std::fabs(s.mu_comp[i] - mu[i]) <= 1e-6 * (1 + std::fabs(mu[i])));   // exact for mu
                CHECK(std::fabs(nu[i] - s.nu_comp[i] - dy2[i]) <= 1e-6 * nu[i]);          // remainder mean(dy^2)
                CHECK(std::fabs(s.nu_comp[i] - nu[i]) <= 2e-3 * nu[i]);  // steps of 0.2%: close
                pooled_mu[i] += s.mu_comp[i];
                pooled_sq[i] += std::max(double(s.nu_comp[i]), double(s.mu_comp[i]) * s.mu_comp[i]);
            }
        }
        // mean = 1/k sum mu, var = 1/k sum max(nu, mu^2) - mean^2 (the paper's formula)
        for (int c = 0; c < C; ++c) {
            const double mean = pooled_mu[size_t(c)] / 4, var = pooled_sq[size_t(c)] / 4 - mean * mean;
            CHECK(cb.mean()[size_t(c)] == doctest::Approx(mean).epsilon(1e-6));
            CHECK(cb.var()[size_t(c)] == doctest::Approx(var).epsilon(1e-4));
        }
    }
}

TEST_CASE("CrossIterationBatchNorm2d: naive and compensated differ when the weights change, agree when not") {
    for (float delta : {0.0f, 0.02f}) {
        ll::Model comp, naive;
        const std::string conv = R"({"type": "Conv2d", "out_channels": 3, "kernel_size": 3, "bias": false}, )";
        lltest::build(model_text("[2, 6, 6]", conv + R"({"type": "CrossIterationBatchNorm2d", "window": 3})"), comp);
        lltest::build(model_text("[2, 6, 6]", conv + R"({"type": "CrossIterationBatchNorm2d", "window": 3,
                                                         "compensate": false})"), naive);
        CHECK(has(cibn_of(naive, 1).compensation_note(), "naive"));
        ll::Rng r1(4), r2(4), rx(8);
        comp.init(r1);
        naive.init(r2);
        Tensor yc, yn;
        for (int t = 0; t < 4; ++t) {
            nudge_conv(comp, r1, delta);
            nudge_conv(naive, r2, delta);
            const Tensor x = lltest::randn({2, 2, 6, 6}, rx);
            yc = comp.forward(x, Mode::Train);
            yn = naive.forward(x, Mode::Train);
        }
        for (int tau = 1; tau <= 2; ++tau) CHECK(same_bits(cibn_of(naive, 1).past(tau).mu_comp, cibn_of(naive, 1).past(tau).mu));
        if (delta == 0.0f) CHECK(same_bits(yc, yn));
        else CHECK(lltest::closeness(yc, yn, 1e-4, 0.0) > 1.0);
    }
}

TEST_CASE("CrossIterationBatchNorm2d: gradients match finite differences, one iteration and with history") {
    ll::GradcheckOptions opt;
    opt.eps = 1e-2f;
    opt.tol = 1e-2;
    SUBCASE("a single iteration, train and eval") {
        for (const char* args : {"", R"(, "affine": false, "window": 2)"}) {
            ll::Model m;
            lltest::build(model_text("[3, 4, 4]", std::string(R"({"type": "CrossIterationBatchNorm2d")") + args + "}"), m);
            ll::Rng rng(2);
            auto& cb = cibn_of(m, 0);
            for (const ll::ParamRef& p : cb.params())
                for (size_t i = 0; i < p.value->numel(); ++i) (*p.value)[i] += 0.3f * rng.normal();
            cb.set_frozen(true);  // gradcheck's many forwards are the same iteration
            const Tensor x = lltest::randn({4, 3, 4, 4}, rng);
            ll::GradcheckResult r = ll::gradcheck(cb, x, rng, opt);
            CHECK_MESSAGE(r.ok, r.worst);
            CHECK(cb.used_iterations() == 1);
            CHECK(cb.iterations() == 0);
            opt.mode = Mode::Eval;
            r = ll::gradcheck(cb, x, rng, opt);
            CHECK_MESSAGE(r.ok, r.worst);
            opt.mode = Mode::Train;
        }
    }
    SUBCASE("with three compensated past iterations") {
        ll::Model m;
        lltest::build(model_text("[2, 5, 5]", R"({"type": "Conv2d", "out_channels": 3, "kernel_size": 3, "padding": 1},
                                               {"type": "CrossIterationBatchNorm2d"})"), m);
        ll::Rng rng(6);
        m.init(rng);
        std::vector<Tensor> xs;
        xs.reserve(5);
        for (int t = 0; t < 5; ++t) {
            nudge_conv(m, rng, 0.05f);
            xs.push_back(lltest::randn({3, 2, 5, 5}, rng));
            m.forward(xs.back(), Mode::Train);
        }
        auto& cb = cibn_of(m, 1);
        const int64_t nbt = cb.num_batches_tracked();
        nudge_conv(m, rng, 0.05f);
        cb.set_frozen(true);
        const Tensor x = lltest::randn({3, 3, 5, 5}, rng);
        const ll::GradcheckResult r = ll::gradcheck(cb, x, rng, opt);
        CHECK_MESSAGE(r.ok, r.worst);
        CHECK(cb.used_iterations() == 4);
        CHECK(cb.num_batches_tracked() == nbt);  // frozen: no state change
        CHECK(cb.iterations() == 5);
    }
}

TEST_CASE("CrossIterationBatchNorm2d: pooled running statistics, eval with them, burn-in, notes") {
    ll::Model m;
    lltest::build(model_text("[2, 5, 5]", R"({"type": "Conv2d", "out_channels": 2, "kernel_size": 1},
        {"type": "CrossIterationBatchNorm2d", "window": 3, "burn_in": 2, "momentum": 1.0})"), m);
    ll::Rng rng(13);
    m.init(rng);
    auto& cb = cibn_of(m, 1);
    const int used[] = {1, 1, 3, 3};  // two burn-in iterations, then the window is already full
    for (int u : used) {
        nudge_conv(m, rng, 0.02f);
        m.forward(lltest::randn({4, 2, 5, 5}, rng), Mode::Train);
        CHECK(cb.used_iterations() == u);
    }
    // momentum 1: the running statistics are the pooled ones, the variance unbiased over all 3*4*25 values
    CHECK(same_bits(cb.running_mean(), cb.mean()));
    for (int c = 0; c < 2; ++c) CHECK(cb.running_var()[size_t(c)] == doctest::Approx(cb.var()[size_t(c)] * 300.0 / 299.0));
    const Tensor x = lltest::randn({2, 2, 5, 5}, rng);
    const Tensor& h = m.layer(0).forward(x, Mode::Eval);
    const Tensor y = cb.forward(h, Mode::Eval);
    Tensor expect(h.shape());
    for (size_t i = 0; i < h.numel(); ++i) {
        const size_t c = (i / 25) % 2;
        expect[i] = (h[i] - cb.running_mean()[c]) / std::sqrt(cb.running_var()[c] + 1e-5f) * cb.gamma()[c] + cb.beta()[c];
    }
    CHECK(lltest::closeness(y, expect) <= 1.0);
    CHECK(cb.iterations() == 4);  // eval records nothing

    ll::Model first, after_relu;
    lltest::build(model_text("[2, 4, 4]", R"({"type": "CrossIterationBatchNorm2d"})"), first);
    lltest::build(model_text("[2, 4, 4]", R"({"type": "ReLU"}, {"type": "CrossIterationBatchNorm2d"})"), after_relu);
    CHECK_FALSE(cibn_of(first, 0).compensating());
    CHECK(has(cibn_of(first, 0).compensation_note(), "no layer before it"));
    CHECK(has(cibn_of(after_relu, 1).compensation_note(), "ReLU, not a Conv2d"));
    for (int t = 1; t <= 5; ++t) {  // uncompensated pooling still runs
        after_relu.forward(lltest::randn({2, 2, 4, 4}, rng), Mode::Train);
        CHECK(cibn_of(after_relu, 1).used_iterations() == std::min(t, 4));
    }
}

TEST_CASE("CrossIterationBatchNorm2d: argument errors and too small batches") {
    CHECK(has(build_error("[2, 4, 4]", R"({"type": "CrossIterationBatchNorm2d", "window": 0})"), "'window' must be at least 1"));
    CHECK(has(build_error("[2, 4, 4]", R"({"type": "CrossIterationBatchNorm2d", "window": 65})"), "'window' must be at most 64"));
    CHECK(has(build_error("[2, 4, 4]", R"({"type": "CrossIterationBatchNorm2d", "burn_in": -1})"), "'burn_in' must be at least 0"));
    CHECK(has(build_error("[2, 4, 4]", R"({"type": "CrossIterationBatchNorm2d", "momentum": 2})"), "'momentum'"));
    CHECK(has(build_error("[2, 4, 4]", R"({"type": "CrossIterationBatchNorm2d", "eps": -1})"), "'eps'"));
    CHECK(has(build_error("[8]", R"({"type": "CrossIterationBatchNorm2d"})"), "needs a C x H x W input"));
    ll::Model m;
    lltest::build(model_text("[2, 1, 1]", R"({"type": "CrossIterationBatchNorm2d"})"), m);
    CHECK(has(m.check_batch(1, Mode::Train).message(), "more than 1 value per channel"));
    CHECK(m.check_batch(1, Mode::Eval).is_ok());
    CHECK(m.check_batch(2, Mode::Train).is_ok());
}

// ---- Feature scaling ----

TEST_CASE("scaling: min-max per feature, fitted on train and applied to test, inverse, constant feature") {
    const Tensor train({3, 3}, {0, 10, -1, 2, 10, 3, 4, 10, 1});  // feature 1 is constant
    ll::Scaler s;
    REQUIRE(ll::fit_scaler(train, ll::ScaleKind::MinMax, s).is_ok());
    Tensor y, back;
    REQUIRE(ll::scaler_transform(s, train, y).is_ok());
    CHECK(same_bits(y, Tensor({3, 3}, {0, 0, 0, 0.5f, 0, 1, 1, 0, 0.5f})));
    CHECK(same_bits(s.scale, Tensor({3}, {4, 1, 4})));  // constant: scale 1, no NaN
    const Tensor test({2, 3}, {6, 11, -3, 1, 10, 0});
    REQUIRE(ll::scaler_transform(s, test, y).is_ok());
    CHECK(same_bits(y, Tensor({2, 3}, {1.5f, 1, -0.5f, 0.25f, 0, 0.25f})));  // train statistics, not clipped
    REQUIRE(ll::scaler_inverse(s, y, back).is_ok());
    CHECK(same_bits(back, test));
}

TEST_CASE("scaling: z-score per channel of images, population std, round trip, constant channel") {
    ll::Rng rng(17);
    Tensor x = lltest::randn({5, 3, 4, 4}, rng, 2.0f);
    for (size_t i = 0; i < x.numel(); ++i) {
        const size_t c = (i / 16) % 3;
        if (c == 1) x[i] = x[i] * 0.5f + 7.0f;
        if (c == 2) x[i] = -3.0f;  // constant
    }
    ll::Scaler s;
    REQUIRE(ll::fit_scaler(x, ll::ScaleKind::ZScore, s).is_ok());
    Tensor y, back;
    REQUIRE(ll::scaler_transform(s, x, y).is_ok());
    for (size_t c = 0; c < 3; ++c) {
        double sum = 0.0, sq = 0.0;
        for (size_t i = 0; i < y.numel(); ++i)
            if ((i / 16) % 3 == c) sum += y[i];
        for (size_t i = 0; i < y.numel(); ++i)
            if ((i / 16) % 3 == c) sq += (y[i] - sum / 80) * (y[i] - sum / 80);
        CHECK(sum / 80 == doctest::Approx(0.0).scale(1).epsilon(1e-6));
        CHECK(std::sqrt(sq / 80) == doctest::Approx(c == 2 ? 0.0 : 1.0).scale(1).epsilon(1e-5));  // divides by N
    }
    CHECK(s.scale[2] == 1.0f);
    CHECK(s.shift[2] == -3.0f);
    REQUIRE(ll::scaler_inverse(s, y, back).is_ok());
    CHECK(lltest::closeness(back, x, 1e-5, 1e-6) <= 1.0);
    // Train statistics applied to another batch of another spatial size: hand values.
    const Tensor test({1, 3, 1, 2}, {s.shift[0], s.shift[0] + s.scale[0], s.shift[1], s.shift[1] - 2 * s.scale[1], -3, 5});
    REQUIRE(ll::scaler_transform(s, test, y).is_ok());
    CHECK(y[0] == 0.0f);
    CHECK(y[1] == doctest::Approx(1.0));
    CHECK(y[2] == 0.0f);
    CHECK(y[3] == doctest::Approx(-2.0));
    CHECK(y[4] == 0.0f);
    CHECK(y[5] == 8.0f);  // constant channel: scale 1
}

TEST_CASE("scaling: errors") {
    ll::Scaler s;
    Tensor y;
    CHECK(has(ll::scaler_transform(s, Tensor({2, 2}), y).message(), "not fitted"));
    CHECK(has(ll::fit_scaler(Tensor({4}), ll::ScaleKind::MinMax, s).message(), "(N, F) or (N, C, H, W)"));
    CHECK(has(ll::fit_scaler(Tensor({0, 3}), ll::ScaleKind::MinMax, s).message(), "no values"));
    REQUIRE(ll::fit_scaler(Tensor({2, 3}, {1, 2, 3, 4, 5, 6}), ll::ScaleKind::ZScore, s).is_ok());
    CHECK(has(ll::scaler_transform(s, Tensor({2, 4}), y).message(), "fitted on 3 features"));
    ll::ScaleKind k;
    CHECK(ll::parse_scale_kind("minmax", k).is_ok());
    CHECK(k == ll::ScaleKind::MinMax);
    CHECK(has(ll::parse_scale_kind("robust", k).message(), "known: minmax, zscore"));
    CHECK(std::string(ll::scale_kind_name(ll::ScaleKind::ZScore)) == "zscore");
}
