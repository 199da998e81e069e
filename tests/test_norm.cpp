// Normalisation layers: gradchecks in train and eval, running statistics against hand-computed values,
// train/eval behaviour, the GroupNorm identities, LRN's window, and the error paths.
// (Golden vectors from PyTorch live in test_golden_layers.cpp.)
#include <cmath>
#include <string>

#include "engine/gradcheck.h"
#include "engine/layers/norm.h"
#include "tests/test_util.h"

namespace {

using ll::Mode;
using ll::Shape;
using ll::Tensor;

// A one-layer model: the layer goes through the JSON factory, the argument reader and configure().
void build_one(ll::Model& m, const std::string& in_shape, const std::string& layer) {
    lltest::build(R"({"input_shape": )" + in_shape + R"(, "layers": [)" + layer + "]}", m);
}

using lltest::build_error;

// gamma near 1 and beta near 0 but not exactly, so a swapped or missing term shows.
void randomize_params(ll::Layer& l, ll::Rng& rng) {
    for (const ll::ParamRef& p : l.params()) {
        for (size_t i = 0; i < p.value->numel(); ++i)
            (*p.value)[i] = p.name == "weight" ? 1.0f + 0.5f * rng.normal() : 0.5f * rng.normal();
    }
}

Tensor from(const Shape& s, std::vector<float> v) { return Tensor(s, std::move(v)); }

using lltest::same_bits;

}  // namespace

// ---- Gradients ----

TEST_CASE("norm layers: analytic gradients match finite differences, train and eval") {
    struct Row { const char* in; const char* layer; int N; };
    const Row rows[] = {
        {"[3, 4, 4]", R"({"type": "BatchNorm2d"})", 4},
        {"[3, 4, 4]", R"({"type": "BatchNorm2d", "momentum": 0.3, "affine": false})", 3},
        {"[3, 4, 4]", R"({"type": "BatchNorm2d", "track_running_stats": false})", 3},
        {"[6]", R"({"type": "BatchNorm1d"})", 5},
        {"[3, 7]", R"({"type": "BatchNorm1d"})", 4},
        {"[6]", R"({"type": "BatchNorm1d", "track_running_stats": false})", 5},
        {"[3, 4, 4]", R"({"type": "LayerNorm"})", 3},
        {"[8]", R"({"type": "LayerNorm", "elementwise_affine": false})", 3},
        {"[3, 4, 4]", R"({"type": "InstanceNorm2d"})", 2},
        {"[3, 4, 4]", R"({"type": "InstanceNorm2d", "affine": true, "track_running_stats": true})", 3},
        {"[4, 3, 3]", R"({"type": "GroupNorm", "num_groups": 2})", 3},
        {"[6]", R"({"type": "GroupNorm", "num_groups": 3})", 3},
        {"[4, 5]", R"({"type": "GroupNorm", "num_groups": 2, "affine": false})", 2},
        {"[6, 3, 3]", R"({"type": "LocalResponseNorm", "size": 3, "alpha": 0.5})", 2},
        {"[5, 7]", R"({"type": "LocalResponseNorm", "size": 4, "alpha": 1.0, "beta": 0.6, "k": 2.0})", 2},
        {"[4, 2, 3]", R"({"type": "LocalResponseNorm", "size": 2, "alpha": 0.8})", 2},
    };
    for (const Row& row : rows) {
        for (Mode mode : {Mode::Train, Mode::Eval}) {
            CAPTURE(row.layer);
            CAPTURE(row.in);
            CAPTURE(mode == Mode::Train ? "train" : "eval");
            ll::Model m;
            build_one(m, row.in, row.layer);
            ll::Layer& l = m.layer(0);
            ll::Rng rng(11);
            randomize_params(l, rng);
            const Shape xs = ll::batch_shape(row.N, l.in_shape());
            for (int step = 0; step < 3; ++step) {  // running statistics away from their initial 0 / 1
                const Tensor warm = lltest::randn(xs, rng, 2.0f);
                l.forward(warm, Mode::Train);
            }
            Tensor x = lltest::randn(xs, rng, 1.5f);
            for (size_t i = 0; i < x.numel(); ++i) x[i] += 0.5f;
            ll::GradcheckOptions opt;
            opt.mode = mode;
            ll::GradcheckResult r = ll::gradcheck(l, x, rng, opt);
            CHECK_MESSAGE(r.ok, r.worst);
            CHECK(r.checked >= int(x.numel() < 160 ? x.numel() : 160) + int(l.params().size()));
        }
    }
}

// ---- Running statistics ----

TEST_CASE("BatchNorm1d running statistics: momentum, unbiased variance, num_batches_tracked") {
    ll::Model m;
    build_one(m, "[2]", R"({"type": "BatchNorm1d"})");
    auto& bn = dynamic_cast<ll::BatchNorm&>(m.layer(0));
    // Batch 1, (N=4, F=2): feature 0 = 1 2 3 4 (mean 2.5, biased var 1.25, unbiased 5/3),
    //                      feature 1 = 0 0 2 2 (mean 1, biased var 1, unbiased 4/3).
    const Tensor b1 = from({4, 2}, {1, 0, 2, 0, 3, 2, 4, 2});
    const Tensor& y = bn.forward(b1, Mode::Train);
    CHECK(y[0] == doctest::Approx(-1.5 / std::sqrt(1.25 + 1e-5)).epsilon(1e-6));  // normalised by the biased var
    CHECK(y[1] == doctest::Approx(-1.0 / std::sqrt(1.0 + 1e-5)).epsilon(1e-6));
    CHECK(bn.mean()[0] == 2.5f);
    CHECK(bn.var()[0] == 1.25f);
    // running = 0.9 * running + 0.1 * batch: mean 0.25, 0.1; var 0.9 + 0.1 * 5/3, 0.9 + 0.1 * 4/3
    CHECK(bn.running_mean()[0] == doctest::Approx(0.25));
    CHECK(bn.running_mean()[1] == doctest::Approx(0.1));
    CHECK(bn.running_var()[0] == doctest::Approx(0.9 + 0.1 * 5.0 / 3.0));
    CHECK(bn.running_var()[1] == doctest::Approx(0.9 + 0.1 * 4.0 / 3.0));
    CHECK(bn.num_batches_tracked() == 1);
    // Batch 2: feature 0 = 2 2 2 6 (mean 3, unbiased var 12/3 = 4), feature 1 = -1 1 -1 1 (mean 0, 4/3).
    bn.forward(from({4, 2}, {2, -1, 2, 1, 2, -1, 6, 1}), Mode::Train);
    CHECK(bn.running_mean()[0] == doctest::Approx(0.9 * 0.25 + 0.1 * 3.0));
    CHECK(bn.running_mean()[1] == doctest::Approx(0.9 * 0.1));
    CHECK(bn.running_var()[0] == doctest::Approx(0.9 * (0.9 + 0.1 * 5.0 / 3.0) + 0.1 * 4.0));
    CHECK(bn.running_var()[1] == doctest::Approx(0.9 * (0.9 + 0.1 * 4.0 / 3.0) + 0.1 * 4.0 / 3.0));
    CHECK(bn.num_batches_tracked() == 2);

    // Eval normalises with the running statistics, not the batch's, and leaves them unchanged.
    bn.params()[0].value->fill(2.0f);  // gamma
    bn.params()[1].value->fill(0.5f);  // beta
    const double rm0 = bn.running_mean()[0], rv0 = bn.running_var()[0];
    const Tensor& ye = bn.forward(from({1, 2}, {3, 7}), Mode::Eval);
    CHECK(ye[0] == doctest::Approx(2.0 * (3.0 - rm0) / std::sqrt(rv0 + 1e-5) + 0.5).epsilon(1e-6));
    CHECK_FALSE(bn.used_batch_stats());
    CHECK(bn.running_mean()[0] == float(rm0));
    CHECK(bn.num_batches_tracked() == 2);
    // Buffers under torch's state_dict names, the counter through BufferRef::count.
    const std::vector<ll::BufferRef> bufs = m.buffers();
    REQUIRE(bufs.size() == 3);
    CHECK(bufs[0].name == "0.running_mean");
    CHECK(bufs[1].name == "0.running_var");
    CHECK(bufs[2].name == "0.num_batches_tracked");
    REQUIRE(bufs[2].count != nullptr);
    CHECK(*bufs[2].count == 2);
}

TEST_CASE("BatchNorm momentum=None: the running statistics are the plain average of every batch") {
    ll::Model m;
    build_one(m, "[2]", R"({"type": "BatchNorm1d", "momentum": null})");
    CHECK(m.to_json().find("layers")->items()[0].find("momentum")->is_null());  // written back as null
    auto& bn = dynamic_cast<ll::BatchNorm&>(m.layer(0));
    REQUIRE(bn.options().cumulative);
    // Batch means 2.5 / 1, 3 / 0, 0 / 5; unbiased variances 5/3 / 4/3, 4 / 4/3, 0 / 0.
    bn.forward(from({4, 2}, {1, 0, 2, 0, 3, 2, 4, 2}), Mode::Train);
    CHECK(bn.running_mean()[0] == doctest::Approx(2.5));  // factor 1/1: the initial 0 is forgotten
    bn.forward(from({4, 2}, {2, -1, 2, 1, 2, -1, 6, 1}), Mode::Train);
    bn.forward(from({4, 2}, {0, 5, 0, 5, 0, 5, 0, 5}), Mode::Train);
    CHECK(bn.num_batches_tracked() == 3);
    CHECK(bn.running_mean()[0] == doctest::Approx((2.5 + 3.0 + 0.0) / 3.0));
    CHECK(bn.running_mean()[1] == doctest::Approx((1.0 + 0.0 + 5.0) / 3.0));
    CHECK(bn.running_var()[0] == doctest::Approx((5.0 / 3.0 + 4.0 + 0.0) / 3.0));
    CHECK(bn.running_var()[1] == doctest::Approx((4.0 / 3.0 + 4.0 / 3.0 + 0.0) / 3.0));
}

TEST_CASE("BatchNorm2d: statistics per channel over (N, H, W); eval uses the running statistics") {
    ll::Model m;
    build_one(m, "[2, 3, 3]", R"({"type": "BatchNorm2d", "momentum": 0.25})");
    auto& bn = dynamic_cast<ll::BatchNorm&>(m.layer(0));
    ll::Rng rng(3);
    randomize_params(bn, rng);
    const int N = 3, C = 2, S = 9;
    const Tensor x = lltest::randn({N, C, 3, 3}, rng, 2.0f);
    const Tensor& y = bn.forward(x, Mode::Train);
    for (int c = 0; c < C; ++c) {
        double sum = 0, sq = 0;
        for (int n = 0; n < N; ++n)
            for (int s = 0; s < S; ++s) sum += x[size_t((n * C + c) * S + s)];
        const double mu = sum / (N * S);
        for (int n = 0; n < N; ++n)
            for (int s = 0; s < S; ++s) sq += std::pow(x[size_t((n * C + c) * S + s)] - mu, 2);
        const double var = sq / (N * S);
        CHECK(bn.mean()[size_t(c)] == doctest::Approx(mu).epsilon(1e-6));
        CHECK(bn.var()[size_t(c)] == doctest::Approx(var).epsilon(1e-6));
        CHECK(bn.running_mean()[size_t(c)] == doctest::Approx(0.25 * mu).epsilon(1e-6));
        CHECK(bn.running_var()[size_t(c)] == doctest::Approx(0.75 + 0.25 * sq / (N * S - 1)).epsilon(1e-6));
        const size_t i = size_t((2 * C + c) * S + 4);  // sample 2, centre pixel
        const double xh = (x[i] - mu) / std::sqrt(var + 1e-5);
        CHECK(bn.x_hat()[i] == doctest::Approx(xh).epsilon(1e-5));
        CHECK(y[i] == doctest::Approx(bn.gamma()[size_t(c)] * xh + bn.beta()[size_t(c)]).epsilon(1e-5));
    }
    const Tensor& ye = bn.forward(x, Mode::Eval);
    const size_t i = size_t((1 * C + 1) * S + 7);
    CHECK(ye[i] == doctest::Approx(bn.gamma()[1] * (x[i] - bn.running_mean()[1]) /
                                       std::sqrt(bn.running_var()[1] + 1e-5) + bn.beta()[1]).epsilon(1e-5));
    CHECK(bn.num_batches_tracked() == 1);
}

TEST_CASE("track_running_stats=false: no buffers, eval normalises with the batch statistics") {
    ll::Model m;
    build_one(m, "[3, 5]", R"({"type": "BatchNorm1d", "track_running_stats": false})");
    auto& bn = dynamic_cast<ll::BatchNorm&>(m.layer(0));
    CHECK(bn.buffers().empty());
    CHECK(bn.params().size() == 2);
    ll::Rng rng(5);
    const Tensor x = lltest::randn({4, 3, 5}, rng);
    const Tensor train = bn.forward(x, Mode::Train);
    const Tensor& eval = bn.forward(x, Mode::Eval);
    CHECK(same_bits(train, eval));
    CHECK(bn.used_batch_stats());
}

TEST_CASE("InstanceNorm2d running statistics: batch average of per-sample statistics, unbiased") {
    ll::Model m;
    build_one(m, "[2, 2, 2]",
              R"({"type": "InstanceNorm2d", "momentum": 0.2, "affine": true, "track_running_stats": true})");
    auto& in = dynamic_cast<ll::InstanceNorm2d&>(m.layer(0));
    // (N=2, C=2, 2x2). Sample 0: channel 0 = 0 2 4 6 (mean 3, unbiased var 20/3), channel 1 = 1 1 1 1.
    // Sample 1: channel 0 = 1 1 3 3 (mean 2, unbiased var 4/3), channel 1 = -2 0 0 2 (mean 0, 8/3).
    const Tensor x = from({2, 2, 2, 2}, {0, 2, 4, 6, 1, 1, 1, 1, 1, 1, 3, 3, -2, 0, 0, 2});
    in.forward(x, Mode::Train);
    CHECK(in.mean().shape() == Shape{2, 2});
    CHECK(in.running_mean()[0] == doctest::Approx(0.2 * (3.0 + 2.0) / 2.0));
    CHECK(in.running_mean()[1] == doctest::Approx(0.2 * (1.0 + 0.0) / 2.0));
    CHECK(in.running_var()[0] == doctest::Approx(0.8 + 0.2 * (20.0 / 3.0 + 4.0 / 3.0) / 2.0));
    CHECK(in.running_var()[1] == doctest::Approx(0.8 + 0.2 * (0.0 + 8.0 / 3.0) / 2.0));
    const std::vector<ll::BufferRef> bufs = in.buffers();
    REQUIRE(bufs.size() == 3);
    CHECK(*bufs[2].count == 0);  // torch registers num_batches_tracked but InstanceNorm never counts
    // Eval: per channel constants from the running statistics.
    const Tensor& ye = in.forward(x, Mode::Eval);
    CHECK(ye[2] == doctest::Approx((4.0 - in.running_mean()[0]) / std::sqrt(in.running_var()[0] + 1e-5)));
    CHECK(in.mean().shape() == Shape{2});
}

// ---- Identities between the row norms ----

TEST_CASE("GroupNorm(1) is LayerNorm without affine; GroupNorm(C) is InstanceNorm2d, bit for bit") {
    ll::Rng rng(9);
    const Tensor x = lltest::randn({3, 4, 3, 5}, rng, 3.0f);
    const Tensor dy = lltest::randn({3, 4, 3, 5}, rng);
    struct Pair { const char* group; const char* other; };
    const Pair pairs[] = {
        {R"({"type": "GroupNorm", "num_groups": 1})", R"({"type": "LayerNorm", "elementwise_affine": false})"},
        {R"({"type": "GroupNorm", "num_groups": 4})", R"({"type": "InstanceNorm2d"})"},
    };
    for (const Pair& p : pairs) {
        for (Mode mode : {Mode::Train, Mode::Eval}) {
            CAPTURE(p.other);
            ll::Model a, b;
            build_one(a, "[4, 3, 5]", p.group);
            build_one(b, "[4, 3, 5]", p.other);
            CHECK(same_bits(a.layer(0).forward(x, mode), b.layer(0).forward(x, mode)));
            a.zero_grad();
            CHECK(same_bits(a.layer(0).backward(dy), b.layer(0).backward(dy)));
            auto& ga = dynamic_cast<ll::NormLayer&>(a.layer(0));
            auto& gb = dynamic_cast<ll::NormLayer&>(b.layer(0));
            CHECK(same_bits(ga.mean(), gb.mean()));
            CHECK(same_bits(ga.rstd(), gb.rstd()));
        }
    }
}

TEST_CASE("LayerNorm: per-sample statistics over every value, affine of the sample's shape") {
    ll::Model m;
    build_one(m, "[2, 3]", R"({"type": "LayerNorm", "eps": 0.0})");
    auto& ln = dynamic_cast<ll::LayerNorm&>(m.layer(0));
    CHECK(ln.gamma().shape() == Shape{2, 3});
    CHECK(m.params()[0].name == "0.weight");
    // Sample 0 = 1..6: mean 3.5, var 35/12. Sample 1 = constant 2 + one 8: mean 3, var 5.
    const Tensor x = from({2, 2, 3}, {1, 2, 3, 4, 5, 6, 2, 2, 2, 2, 2, 8});
    const Tensor& y = ln.forward(x, Mode::Train);
    CHECK(ln.mean().shape() == Shape{2, 1});
    CHECK(y[0] == doctest::Approx(-2.5 / std::sqrt(35.0 / 12.0)));
    CHECK(y[11] == doctest::Approx(5.0 / std::sqrt(5.0)));
    const std::vector<ll::LayerInfo> info = m.info();
    CHECK(info[0].receptive.whole_input);  // mixes every position
    CHECK(info[0].macs == 6);
}

// ---- LocalResponseNorm ----

TEST_CASE("LocalResponseNorm: hand values and torch's zero-padded window for every size") {
    ll::Model m;
    build_one(m, "[3, 1]", R"({"type": "LocalResponseNorm", "size": 2, "alpha": 1.0, "beta": 1.0})");
    // size 2: window [c-1, c]; scale_c = 1 + 1/2 * (x_{c-1}^2 + x_c^2) for x = 1 2 3: 1.5, 3.5, 7.5.
    const Tensor& y = m.layer(0).forward(from({1, 3, 1}, {1, 2, 3}), Mode::Train);
    CHECK(y[0] == doctest::Approx(1.0 / 1.5));
    CHECK(y[1] == doctest::Approx(2.0 / 3.5));
    CHECK(y[2] == doctest::Approx(3.0 / 7.5));

    ll::Rng rng(4);
    const int C = 5;
    const Tensor x = lltest::randn({2, C, 2}, rng);
    for (int size = 1; size <= 7; ++size) {
        CAPTURE(size);
        ll::Model lm;
        build_one(lm, "[5, 2]", R"({"type": "LocalResponseNorm", "alpha": 0.7, "beta": 0.8, "k": 1.5, "size": )" +
                                    std::to_string(size) + "}");
        const Tensor& out = lm.layer(0).forward(x, Mode::Train);
        // torch: pad the squares with size/2 zeros in front and (size-1)/2 behind, average windows of size.
        for (int n = 0; n < 2; ++n) {
            for (int c = 0; c < C; ++c) {
                for (int s = 0; s < 2; ++s) {
                    double sum = 0;
                    for (int p = c; p < c + size; ++p) {
                        const int src = p - size / 2;  // padded index p -> channel
                        if (src >= 0 && src < C) sum += std::pow(x[size_t((n * C + src) * 2 + s)], 2);
                    }
                    const size_t i = size_t((n * C + c) * 2 + s);
                    CHECK(out[i] == doctest::Approx(x[i] / std::pow(1.5 + 0.7 * sum / size, 0.8)).epsilon(1e-5));
                }
            }
        }
    }
}

// ---- Degenerate batches ----

TEST_CASE("one value per channel in training: check_batch reports torch's error, forward stays finite") {
    ll::Model m;
    build_one(m, "[3]", R"({"type": "BatchNorm1d"})");
    auto& bn = dynamic_cast<ll::BatchNorm&>(m.layer(0));
    bn.params()[1].value->fill(0.25f);  // beta
    const ll::Status st = bn.check_batch({1, 3}, Mode::Train);
    REQUIRE_FALSE(st);
    CHECK(st.message().find("expected more than 1 value per channel when training") != std::string::npos);
    CHECK(bn.check_batch({1, 3}, Mode::Eval));  // running statistics: fine in eval
    CHECK(bn.check_batch({2, 3}, Mode::Train));
    CHECK_FALSE(bn.check_batch({2, 4}, Mode::Train));  // wrong sample shape

    const Tensor x = from({1, 3}, {1.0f, -2.0f, 5.0f});
    const Tensor& y = bn.forward(x, Mode::Train);
    for (size_t i = 0; i < 3; ++i) CHECK(y[i] == 0.25f);  // var 0: x_hat 0, y = beta
    CHECK(bn.num_batches_tracked() == 0);                 // nothing tracked, as torch raises
    CHECK(bn.running_var()[0] == 1.0f);
    const Tensor& dx = bn.backward(from({1, 3}, {1.0f, 1.0f, 1.0f}));
    for (size_t i = 0; i < 3; ++i) CHECK(dx[i] == 0.0f);

    ll::Model u;
    build_one(u, "[2, 1, 1]", R"({"type": "BatchNorm2d", "track_running_stats": false})");
    CHECK_FALSE(dynamic_cast<ll::NormLayer&>(u.layer(0)).check_batch({1, 2, 1, 1}, Mode::Eval));

    ll::Model inm;
    build_one(inm, "[2, 1, 1]", R"({"type": "InstanceNorm2d", "track_running_stats": true})");
    auto& in = dynamic_cast<ll::NormLayer&>(inm.layer(0));
    CHECK(in.check_batch({4, 2, 1, 1}, Mode::Train).message().find("more than 1 spatial element") !=
          std::string::npos);
    CHECK(in.check_batch({4, 2, 1, 1}, Mode::Eval));
}

// ---- Errors and the model JSON ----

TEST_CASE("norm configuration errors say what is wrong and how to fix it") {
    std::string e = build_error("[6, 4, 4]", R"({"type": "GroupNorm", "num_groups": 4})");
    CHECK(e.find("layer 0 (GroupNorm): num_groups 4 does not divide the 6 input channels") == 0);
    CHECK(e.find("1, 2, 3, 6") != std::string::npos);
    CHECK(build_error("[6, 4, 4]", R"({"type": "GroupNorm"})").find("missing argument 'num_groups'") !=
          std::string::npos);
    e = build_error("[48]", R"({"type": "BatchNorm2d"})");
    CHECK(e.find("needs a C x H x W input, got 48") != std::string::npos);
    CHECK(e.find("BatchNorm1d") != std::string::npos);
    CHECK(build_error("[3, 4, 4]", R"({"type": "BatchNorm1d"})").find("use BatchNorm2d") != std::string::npos);
    CHECK(build_error("[10]", R"({"type": "LocalResponseNorm", "size": 3})").find("C x H x W or C x L") !=
          std::string::npos);
    CHECK(build_error("[3, 4, 4]", R"({"type": "LocalResponseNorm"})").find("missing argument 'size'") !=
          std::string::npos);
    CHECK(build_error("[3, 4]", R"({"type": "InstanceNorm2d"})").find("needs a C x H x W input") !=
          std::string::npos);
    CHECK(build_error("[3, 1, 1]", R"({"type": "InstanceNorm2d"})").find("more than 1 spatial element") !=
          std::string::npos);
    CHECK(build_error("[3, 1, 1]", R"({"type": "InstanceNorm2d", "track_running_stats": true})") == "(no error)");
    CHECK(build_error("[4]", R"({"type": "LayerNorm", "eps": -1})").find("'eps' must be at least 0") !=
          std::string::npos);
    CHECK(build_error("[4]", R"({"type": "BatchNorm1d", "momentum": 1.5})").find("'momentum' must be between") !=
          std::string::npos);
    CHECK(build_error("[3, 4, 4]", R"({"type": "InstanceNorm2d", "momentum": null})").find("must be a number") !=
          std::string::npos);  // torch: instance_norm(): argument 'momentum' must be float
    CHECK(build_error("[4]", R"({"type": "BatchNorm1d", "momentm": 0.5})").find("unknown argument 'momentm'") !=
          std::string::npos);
}

TEST_CASE("norm layers in the model: canonical arguments, parameters, caches' shapes") {
    ll::Model m;
    lltest::build(R"({"input_shape": [4, 3, 3], "layers": [{"type": "BatchNorm2d"}, {"type": "GroupNorm",
        "num_groups": 2}, {"type": "InstanceNorm2d"}, {"type": "LocalResponseNorm", "size": 3}]})", m);
    const ll::Json j = m.to_json();
    const ll::Json& bn = (*j.find("layers"))[0];
    CHECK(bn.find("momentum")->as_number() == doctest::Approx(0.1));
    CHECK(bn.find("affine")->as_bool());
    CHECK(bn.find("track_running_stats")->as_bool());
    CHECK((*j.find("layers"))[2].find("affine")->as_bool() == false);
    CHECK((*j.find("layers"))[3].find("k")->as_number() == 1.0);
    CHECK(m.params().size() == 4);  // BatchNorm and GroupNorm weight + bias; InstanceNorm has none
    CHECK(m.buffers().size() == 3);
    CHECK(m.layer(0).param_count() == 8);
    ll::Rng rng(1);
    const Tensor x = lltest::randn({2, 4, 3, 3}, rng);
    m.forward(x, Mode::Train);
    CHECK(dynamic_cast<ll::NormLayer&>(m.layer(0)).mean().shape() == Shape{4});
    CHECK(dynamic_cast<ll::NormLayer&>(m.layer(1)).mean().shape() == Shape{2, 2});
    CHECK(dynamic_cast<ll::NormLayer&>(m.layer(2)).mean().shape() == Shape{2, 4});
    CHECK(dynamic_cast<ll::NormLayer&>(m.layer(1)).x_hat().shape() == Shape{2, 4, 3, 3});
    CHECK(dynamic_cast<ll::LocalResponseNorm&>(m.layer(3)).scale().shape() == Shape{2, 4, 3, 3});
    const std::vector<ll::LayerInfo> info = m.info();
    CHECK(info[3].receptive.size[0] == 1);  // all pointwise in space
    CHECK_FALSE(info[3].receptive.whole_input);
    CHECK(info[3].macs == 36 * 3);
}
