// Linear, Flatten, Dropout, Dropout2d: shapes and errors through the model JSON, forward values by hand
// and against a double-precision reference, gradchecks on the input and every parameter, init bounds,
// and Dropout's statistics, scaling, eval identity and seeded determinism.
#include "engine/gradcheck.h"
#include "engine/layers/layers.h"
#include "engine/layers/linear.h"
#include "tests/test_util.h"

namespace {

ll::Status try_build(const std::string& text, ll::Model& m) { return ll::Model::from_json(lltest::json(text), m); }

void expect_error(const std::string& text, const char* needle) {
    ll::Model m;
    const ll::Status st = try_build(text, m);
    CHECK_FALSE(st.is_ok());
    CHECK_MESSAGE(st.message().find(needle) != std::string::npos, st.message());
}

// A configured layer from its JSON arguments, through the model's factory table.
ll::Layer& only_layer(ll::Model& m, const std::string& input_shape, const std::string& layer) {
    lltest::build(R"({"input_shape":)" + input_shape + R"(,"layers":[)" + layer + "]}", m);
    return m.layer(0);
}

}  // namespace

TEST_CASE("Linear: shapes, counts, geometry, canonical args") {
    ll::Model m;
    lltest::build(R"({"input_shape":[2,3,3],"layers":[{"type":"Flatten"},{"type":"Linear","out_features":4}]})", m);
    CHECK(m.layer(0).out_shape() == ll::Shape{18});
    CHECK(m.output_shape() == ll::Shape{4});
    CHECK(m.layer(1).param_count() == 18 * 4 + 4);
    CHECK(m.layer(1).macs() == 72);
    CHECK(m.layer(1).geometry().global);
    CHECK_FALSE(m.layer(1).geometry().spatial);
    CHECK_FALSE(m.layer(0).geometry().spatial);
    const auto ps = m.layer(1).params();
    REQUIRE(ps.size() == 2);
    CHECK(ps[0].name == "weight");
    CHECK(ps[0].value->shape() == ll::Shape{4, 18});
    CHECK(ps[1].name == "bias");
    const std::string j = m.to_json().dump();
    CHECK_MESSAGE(j.find(R"({"type":"Linear","out_features":4,"bias":true})") != std::string::npos, j);
    CHECK_MESSAGE(j.find(R"({"type":"Flatten","start_dim":1,"end_dim":-1})") != std::string::npos, j);

    ll::Model nb;
    ll::Layer& l = only_layer(nb, "[5]", R"({"type":"Linear","out_features":3,"bias":false})");
    CHECK(l.params().size() == 1);
    CHECK(l.param_count() == 15);
    ll::Model given;
    only_layer(given, "[5]", R"({"type":"Linear","in_features":5,"out_features":3})");
}

TEST_CASE("Linear: configuration errors") {
    expect_error(R"({"input_shape":[2,3,3],"layers":[{"type":"Linear","out_features":4}]})",
                 "add a {\"type\": \"Flatten\"}");
    expect_error(R"({"input_shape":[8],"layers":[{"type":"Linear"}]})", "missing argument 'out_features'");
    expect_error(R"({"input_shape":[8],"layers":[{"type":"Linear","out_features":0}]})", "out_features");
    expect_error(R"({"input_shape":[8],"layers":[{"type":"Linear","out_features":2,"in_features":7}]})",
                 "in_features is 7 but the input has 8");
    expect_error(R"({"input_shape":[8],"layers":[{"type":"Linear","out_features":2,"bias":1}]})", "'bias'");
}

TEST_CASE("Linear: forward by hand, y = x W^T + b") {
    ll::Model m;
    ll::Layer& l = only_layer(m, "[3]", R"({"type":"Linear","out_features":2})");
    auto ps = l.params();
    *ps[0].value = ll::Tensor({2, 3}, {1, 2, 3, -1, 0, 0.5f});
    *ps[1].value = ll::Tensor({2}, {0.5f, -2});
    const ll::Tensor x({2, 3}, {1, 1, 1, 2, -1, 4});
    const ll::Tensor& y = l.forward(x, ll::Mode::Train);
    REQUIRE(y.shape() == ll::Shape{2, 2});
    CHECK(y[0] == 6.5f);   // 1+2+3 + 0.5
    CHECK(y[1] == -2.5f);  // -1 + 0.5 - 2
    CHECK(y[2] == 12.5f);  // 2-2+12 + 0.5
    CHECK(y[3] == -2.0f);  // -2 + 2 - 2
}

TEST_CASE("Linear kernels: odd sizes against a double reference") {
    const int N = 5, in = 37, out = 13;  // in not a multiple of 16: exercises the dot's tail
    ll::Rng rng(3);
    const ll::Tensor x = lltest::randn({N, in}, rng), W = lltest::randn({out, in}, rng), b = lltest::randn({out}, rng);
    const ll::Tensor dy = lltest::randn({N, out}, rng);
    ll::Tensor y({N, out}), dx({N, in}, 7.0f), dW({out, in}, 1.0f), db({out}, 1.0f);
    ll::linear_forward(y.data(), x.data(), W.data(), b.data(), N, in, out);
    ll::linear_backward(dx.data(), dW.data(), db.data(), dy.data(), x.data(), W.data(), N, in, out);
    ll::Tensor ry({N, out}), rdx({N, in}), rdW({out, in}), rdb({out});
    for (int n = 0; n < N; ++n)
        for (int o = 0; o < out; ++o) {
            double s = b[size_t(o)];
            for (int i = 0; i < in; ++i) s += double(x[size_t(n * in + i)]) * W[size_t(o * in + i)];
            ry[size_t(n * out + o)] = float(s);
        }
    for (int i = 0; i < in; ++i) {
        for (int n = 0; n < N; ++n) {
            double s = 0;
            for (int o = 0; o < out; ++o) s += double(dy[size_t(n * out + o)]) * W[size_t(o * in + i)];
            rdx[size_t(n * in + i)] = float(s);  // overwritten, not accumulated onto the 7s
        }
        for (int o = 0; o < out; ++o) {
            double s = 1.0;  // accumulated onto the 1s
            for (int n = 0; n < N; ++n) s += double(dy[size_t(n * out + o)]) * x[size_t(n * in + i)];
            rdW[size_t(o * in + i)] = float(s);
        }
    }
    for (int o = 0; o < out; ++o) {
        double s = 1.0;
        for (int n = 0; n < N; ++n) s += dy[size_t(n * out + o)];
        rdb[size_t(o)] = float(s);
    }
    CHECK(lltest::closeness(y, ry, 1e-5, 1e-5) <= 1.0);
    CHECK(lltest::closeness(dx, rdx, 1e-5, 1e-5) <= 1.0);
    CHECK(lltest::closeness(dW, rdW, 1e-5, 1e-5) <= 1.0);
    CHECK(lltest::closeness(db, rdb, 1e-5, 1e-5) <= 1.0);
}

TEST_CASE("Linear: gradcheck on input, weight and bias") {
    for (const char* bias : {"true", "false"}) {
        ll::Model m;
        ll::Layer& l = only_layer(m, "[11]", std::string(R"({"type":"Linear","out_features":6,"bias":)") + bias + "}");
        ll::Rng rng(21);
        l.init(rng);
        const ll::Tensor x = lltest::randn({4, 11}, rng);
        const ll::GradcheckResult r = ll::gradcheck(l, x, rng);
        CHECK_MESSAGE(r.ok, r.worst);
        CHECK(r.checked == 4 * 11 + 6 * 11 + (bias[0] == 't' ? 6 : 0));
    }
}

TEST_CASE("Linear: init is U(-1/sqrt(in), 1/sqrt(in)) for weight and bias") {
    ll::Model m;
    ll::Layer& l = only_layer(m, "[64]", R"({"type":"Linear","out_features":100})");
    ll::Rng rng(1);
    l.init(rng);
    const float bound = 1.0f / 8.0f;
    for (const ll::ParamRef& p : l.params()) {
        double sq = 0.0;
        float lo = 1.0f, hi = -1.0f;
        for (size_t i = 0; i < p.value->numel(); ++i) {
            const float v = (*p.value)[i];
            lo = std::min(lo, v);
            hi = std::max(hi, v);
            sq += double(v) * v;
        }
        CHECK(lo >= -bound);
        CHECK(hi <= bound);
        CHECK(hi - lo > 1.6f * bound);  // spread over the interval, not a constant
        if (p.name == "weight")        // variance of U(-b, b) is b^2/3
            CHECK(sq / double(p.value->numel()) == doctest::Approx(bound * bound / 3.0).epsilon(0.05));
    }
}

TEST_CASE("Flatten: dims, data pass-through and errors") {
    ll::Model m;
    ll::Layer& l = only_layer(m, "[2,3,4]", R"({"type":"Flatten","start_dim":2})");
    CHECK(l.out_shape() == ll::Shape{2, 12});
    ll::Model m2;
    CHECK(only_layer(m2, "[2,3,4]", R"({"type":"Flatten","end_dim":2})").out_shape() == ll::Shape{6, 4});
    ll::Model m3;
    CHECK(only_layer(m3, "[2,3,4]", R"({"type":"Flatten","start_dim":-2})").out_shape() == ll::Shape{2, 12});
    ll::Model m4;
    CHECK(only_layer(m4, "[7]", R"({"type":"Flatten"})").out_shape() == ll::Shape{7});

    ll::Rng rng(2);
    const ll::Tensor x = lltest::randn({3, 2, 3, 4}, rng);
    const ll::Tensor& y = l.forward(x, ll::Mode::Eval);
    CHECK(y.shape() == ll::Shape{3, 2, 12});
    CHECK(y.values() == std::vector<float>(x.values().begin(), x.values().begin() + long(x.numel())));
    const ll::Tensor& dx = l.backward(y);
    CHECK(dx.shape() == x.shape());
    const ll::GradcheckResult r = ll::gradcheck(l, x, rng);
    CHECK_MESSAGE(r.ok, r.worst);

    expect_error(R"({"input_shape":[2,3,4],"layers":[{"type":"Flatten","start_dim":0}]})", "use start_dim 1");
    expect_error(R"({"input_shape":[2,3,4],"layers":[{"type":"Flatten","end_dim":4}]})", "out of range");
    expect_error(R"({"input_shape":[2,3,4],"layers":[{"type":"Flatten","start_dim":3,"end_dim":2}]})", "swap");
    expect_error(R"({"input_shape":[2,3,4],"layers":[{"type":"Flatten","dim":1}]})", "unknown argument 'dim'");
}

TEST_CASE("Dropout: kept fraction ~ 1-p, survivors scaled by 1/(1-p), backward uses the same mask") {
    ll::Model m;
    auto& d = dynamic_cast<ll::Dropout&>(only_layer(m, "[100,100]", R"({"type":"Dropout","p":0.3})"));
    ll::Rng rng(9);
    d.set_rng(&rng);
    const ll::Tensor x = lltest::randn({4, 100, 100}, rng);
    const ll::Tensor& y = d.forward(x, ll::Mode::Train);
    const ll::Tensor& mask = d.mask();
    REQUIRE(mask.shape() == x.shape());
    const float scale = 1.0f / 0.7f;
    CHECK(d.scale() == scale);
    size_t kept = 0;
    bool exact = true;
    for (size_t i = 0; i < x.numel(); ++i) {
        kept += mask[i] == 1.0f;
        exact = exact && (mask[i] == 1.0f ? y[i] == x[i] * scale : (mask[i] == 0.0f && y[i] == 0.0f));
    }
    CHECK(exact);
    // 40,000 draws: the standard deviation of the kept fraction is sqrt(0.21/40000) = 0.0023.
    CHECK(double(kept) / double(x.numel()) == doctest::Approx(0.7).epsilon(0.015));
    const ll::Tensor dy = lltest::randn(x.shape(), rng);
    const ll::Tensor& dx = d.backward(dy);
    bool same = true;
    for (size_t i = 0; i < x.numel(); ++i) same = same && dx[i] == dy[i] * (mask[i] * scale);
    CHECK(same);
}

TEST_CASE("Dropout: eval mode is the identity, forward and backward") {
    ll::Model m;
    ll::Layer& d = only_layer(m, "[10]", R"({"type":"Dropout"})");
    ll::Rng rng(4);
    const ll::Tensor x = lltest::randn({3, 10}, rng);
    CHECK(d.forward(x, ll::Mode::Eval).values() == x.values());
    CHECK(d.backward(x).values() == x.values());
}

TEST_CASE("Dropout: p = 0 keeps everything, p = 1 zeroes everything") {
    ll::Rng rng(4);
    const ll::Tensor x = lltest::randn({3, 10}, rng);
    ll::Model m0, m1;
    ll::Layer& d0 = only_layer(m0, "[10]", R"({"type":"Dropout","p":0})");
    CHECK(d0.forward(x, ll::Mode::Train).values() == x.values());
    ll::Layer& d1 = only_layer(m1, "[10]", R"({"type":"Dropout2d","p":1})");
    for (float v : d1.forward(x, ll::Mode::Train).values()) CHECK(v == 0.0f);
    for (float v : d1.backward(x).values()) CHECK(v == 0.0f);
}

TEST_CASE("Dropout: masks are reproducible from the seed") {
    auto mask_of = [](ll::Rng* rng) {
        ll::Model m;
        auto& d = dynamic_cast<ll::Dropout&>(only_layer(m, "[64]", R"({"type":"Dropout"})"));
        d.set_rng(rng);
        d.forward(ll::Tensor({8, 64}, 1.0f), ll::Mode::Train);
        return d.mask().values();
    };
    ll::Rng a(5), b(5), c(6);
    const std::vector<float> ma = mask_of(&a);
    CHECK(ma == mask_of(&b));
    CHECK(ma != mask_of(&c));
    // No generator given: a layer-owned one seeded 0, the same for every new layer.
    CHECK(mask_of(nullptr) == mask_of(nullptr));
    ll::Rng zero(0);
    CHECK(mask_of(nullptr) == mask_of(&zero));
}

TEST_CASE("Dropout2d: whole channels are zeroed") {
    ll::Model m;
    auto& d = dynamic_cast<ll::Dropout&>(only_layer(m, "[50,3,3]", R"({"type":"Dropout2d","p":0.25})"));
    CHECK(std::string(d.type()) == "Dropout2d");
    ll::Rng rng(13);
    d.set_rng(&rng);
    ll::Tensor x({40, 50, 3, 3});
    for (size_t i = 0; i < x.numel(); ++i) x[i] = 1.0f + rng.uniform();  // never 0
    const ll::Tensor& y = d.forward(x, ll::Mode::Train);
    REQUIRE(d.mask().shape() == ll::Shape{40, 50});
    size_t kept = 0;
    bool whole = true;
    for (size_t nc = 0; nc < 40 * 50; ++nc) {
        const float m_nc = d.mask()[nc];
        kept += m_nc == 1.0f;
        for (size_t k = 0; k < 9; ++k) {
            const size_t i = nc * 9 + k;
            whole = whole && (m_nc == 1.0f ? y[i] == x[i] * (1.0f / 0.75f) : y[i] == 0.0f);
        }
    }
    CHECK(whole);
    // 2,000 channels: standard deviation of the kept fraction 0.0097.
    CHECK(double(kept) / 2000.0 == doctest::Approx(0.75).epsilon(0.05));
    const ll::GradcheckResult r = ll::gradcheck(d, lltest::randn({2, 50, 3, 3}, rng), rng);
    CHECK_MESSAGE(r.ok, r.worst);
}

TEST_CASE("Dropout: gradcheck in train mode (mask replayed), and p outside [0, 1] is an error") {
    ll::Model m;
    ll::Layer& d = only_layer(m, "[4,5]", R"({"type":"Dropout","p":0.4})");
    ll::Rng rng(17);
    const ll::GradcheckResult r = ll::gradcheck(d, lltest::randn({3, 4, 5}, rng), rng);
    CHECK_MESSAGE(r.ok, r.worst);
    expect_error(R"({"input_shape":[4],"layers":[{"type":"Dropout","p":1.5}]})", "between 0 and 1, got 1.5");
    expect_error(R"({"input_shape":[4],"layers":[{"type":"Dropout2d","p":-0.1}]})", "between 0 and 1");
    expect_error(R"({"input_shape":[4],"layers":[{"type":"Dropout","p":"half"}]})", "'p' must be a number");
}
