// Conv2d / ConvTranspose2d and their kernels: sgemm against the textbook loop, the im2col kernels
// against direct convolution loops over random geometries (odd sizes, strides, padding, dilation,
// groups), finite-difference gradchecks of the layers, hand-computed values, the worked example's
// counts, receptive fields, torch's initialisation bounds and every configuration error.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "engine/gradcheck.h"
#include "engine/kernels/conv_kernels.h"
#include "engine/kernels/gemm.h"
#include "engine/layers/conv.h"
#include "tests/test_util.h"

namespace {

using lltest::random_vec;

// Largest |a - b| relative to max(1, |b|).
double max_rel_diff(const std::vector<float>& a, const std::vector<float>& b) {
    REQUIRE(a.size() == b.size());
    double worst = 0.0;
    for (size_t i = 0; i < a.size(); ++i) {
        const double d = std::fabs(double(a[i]) - double(b[i])) / std::max(1.0, std::fabs(double(b[i])));
        if (!(d <= worst)) worst = d;
    }
    return worst;
}

using lltest::build_error;
using lltest::model_text;

// Builds a one-layer model, initialises it, and gradchecks the layer on a random batch.
void check_layer_grads(const std::string& in_shape, const std::string& layer, int N, uint64_t seed = 5) {
    ll::Model m;
    lltest::build(model_text(in_shape, layer), m);
    ll::Rng rng(seed);
    m.init(rng);
    ll::Tensor x = lltest::randn(ll::batch_shape(N, m.input_shape()), rng);
    ll::GradcheckResult r = ll::gradcheck(m.layer(0), x, rng);
    INFO(layer);
    CHECK_MESSAGE(r.ok, r.worst);
    CHECK(r.checked > 0);
}

// ---- Direct (definition) convolutions, double accumulation ----

float x_at(const std::vector<float>& x, const ll::ConvDims& d, int n, int c, int h, int w) {
    if (h < 0 || h >= d.H || w < 0 || w >= d.W) return 0.0f;
    return x[((size_t(n) * d.C + c) * d.H + h) * d.W + w];
}

// y[n,o,oh,ow] = b[o] + sum w[o,c,kh,kw] x[n, g*Cg + c, oh*S - P + kh*D, ow*S - P + kw*D]; and the
// gradients of sum(y * dy) with respect to x, w, b.
void naive_conv(const ll::ConvDims& d, const std::vector<float>& x, const std::vector<float>& w,
                const std::vector<float>& b, const std::vector<float>& dy, std::vector<float>& y,
                std::vector<float>& dx, std::vector<float>& dw, std::vector<float>& db) {
    const int Cg = d.C / d.G, OCg = d.OC / d.G;
    y.assign(size_t(d.N) * d.OC * d.OH * d.OW, 0.0f);
    dx.assign(x.size(), 0.0f);
    dw.assign(w.size(), 0.0f);
    db.assign(size_t(d.OC), 0.0f);
    for (int n = 0; n < d.N; ++n)
        for (int o = 0; o < d.OC; ++o)
            for (int oh = 0; oh < d.OH; ++oh)
                for (int ow = 0; ow < d.OW; ++ow) {
                    const size_t yi = ((size_t(n) * d.OC + o) * d.OH + oh) * d.OW + ow;
                    const int g = o / OCg;
                    double s = b.empty() ? 0.0 : b[size_t(o)];
                    for (int c = 0; c < Cg; ++c)
                        for (int kh = 0; kh < d.KH; ++kh)
                            for (int kw = 0; kw < d.KW; ++kw) {
                                const int ih = oh * d.SH - d.PH + kh * d.DH, iw = ow * d.SW - d.PW + kw * d.DW;
                                const size_t wi = ((size_t(o) * Cg + c) * d.KH + kh) * d.KW + kw;
                                s += double(w[wi]) * x_at(x, d, n, g * Cg + c, ih, iw);
                                if (ih < 0 || ih >= d.H || iw < 0 || iw >= d.W) continue;
                                const size_t xi = ((size_t(n) * d.C + g * Cg + c) * d.H + ih) * d.W + iw;
                                dx[xi] += w[wi] * dy[yi];
                                dw[wi] += x[xi] * dy[yi];
                            }
                    y[yi] = float(s);
                    db[size_t(o)] += dy[yi];
                }
}

// Transposed: y[n, g*OCg + o, h*S - P + kh*D, w*S - P + kw*D] += x[n, g*Cg + c, h, w] * w[g*Cg + c, o, kh, kw].
void naive_conv_transpose(const ll::ConvDims& d, const std::vector<float>& x, const std::vector<float>& w,
                          const std::vector<float>& b, const std::vector<float>& dy, std::vector<float>& y,
                          std::vector<float>& dx, std::vector<float>& dw, std::vector<float>& db) {
    const int Cg = d.C / d.G, OCg = d.OC / d.G;
    std::vector<double> acc(size_t(d.N) * d.OC * d.OH * d.OW, 0.0);
    dx.assign(x.size(), 0.0f);
    dw.assign(w.size(), 0.0f);
    db.assign(size_t(d.OC), 0.0f);
    for (int n = 0; n < d.N; ++n)
        for (int ci = 0; ci < d.C; ++ci)
            for (int h = 0; h < d.H; ++h)
                for (int ww = 0; ww < d.W; ++ww) {
                    const size_t xi = ((size_t(n) * d.C + ci) * d.H + h) * d.W + ww;
                    const int g = ci / Cg;
                    for (int o = 0; o < OCg; ++o)
                        for (int kh = 0; kh < d.KH; ++kh)
                            for (int kw = 0; kw < d.KW; ++kw) {
                                const int oh = h * d.SH - d.PH + kh * d.DH, ow = ww * d.SW - d.PW + kw * d.DW;
                                if (oh < 0 || oh >= d.OH || ow < 0 || ow >= d.OW) continue;
                                const size_t wi = ((size_t(ci) * OCg + o) * d.KH + kh) * d.KW + kw;
                                const size_t yi = ((size_t(n) * d.OC + g * OCg + o) * d.OH + oh) * d.OW + ow;
                                acc[yi] += double(x[xi]) * w[wi];
                                dx[xi] += w[wi] * dy[yi];
                                dw[wi] += x[xi] * dy[yi];
                            }
                }
    y.assign(acc.size(), 0.0f);
    for (size_t i = 0; i < acc.size(); ++i) {
        const int o = int((i / (size_t(d.OH) * d.OW)) % size_t(d.OC));
        y[i] = float(acc[i] + (b.empty() ? 0.0 : b[size_t(o)]));
        db[size_t(o)] += dy[i];
    }
}

// A random valid geometry; transposed picks output_padding below max(stride, dilation).
ll::ConvDims random_dims(ll::Rng& rng, bool transposed) {
    for (;;) {
        ll::ConvDims d;
        d.N = 1 + int(rng.below(2));
        d.G = 1 + int(rng.below(3));
        d.C = d.G * (1 + int(rng.below(3)));
        d.OC = d.G * (1 + int(rng.below(3)));
        d.H = 1 + int(rng.below(9));
        d.W = 1 + int(rng.below(9));
        d.KH = 1 + int(rng.below(4));
        d.KW = 1 + int(rng.below(4));
        d.SH = 1 + int(rng.below(3));
        d.SW = 1 + int(rng.below(3));
        d.PH = int(rng.below(3));
        d.PW = int(rng.below(3));
        d.DH = 1 + int(rng.below(2));
        d.DW = 1 + int(rng.below(2));
        if (transposed) {
            const int oph = int(rng.below(uint32_t(std::max(d.SH, d.DH))));
            const int opw = int(rng.below(uint32_t(std::max(d.SW, d.DW))));
            d.OH = (d.H - 1) * d.SH - 2 * d.PH + d.DH * (d.KH - 1) + oph + 1;
            d.OW = (d.W - 1) * d.SW - 2 * d.PW + d.DW * (d.KW - 1) + opw + 1;
            if (d.OH >= 1 && d.OW >= 1) return d;
        } else {
            const int keh = d.DH * (d.KH - 1) + 1, kew = d.DW * (d.KW - 1) + 1;
            if (d.H + 2 * d.PH < keh || d.W + 2 * d.PW < kew) continue;
            d.OH = (d.H + 2 * d.PH - keh) / d.SH + 1;
            d.OW = (d.W + 2 * d.PW - kew) / d.SW + 1;
            return d;
        }
    }
}

std::string dims_str(const ll::ConvDims& d) {
    char buf[200];
    std::snprintf(buf, sizeof buf, "N%d C%d %dx%d OC%d %dx%d K%dx%d S%dx%d P%dx%d D%dx%d G%d", d.N, d.C, d.H, d.W,
                  d.OC, d.OH, d.OW, d.KH, d.KW, d.SH, d.SW, d.PH, d.PW, d.DH, d.DW, d.G);
    return buf;
}

}  // namespace

// ---- sgemm ----

TEST_CASE("sgemm matches the textbook loop for every transpose, odd sizes and block edges") {
    ll::Rng rng(11);
    struct Size { int M, N, K; };
    const Size sizes[] = {{1, 1, 1}, {7, 13, 5}, {6, 16, 3}, {5, 17, 31}, {13, 33, 1}, {100, 1030, 260}, {97, 5, 300}};
    for (const Size& s : sizes) {
        for (int t = 0; t < 4; ++t) {
            const bool ta = t & 1, tb = t & 2;
            // Row strides larger than the rows, to check lda/ldb/ldc are honoured.
            const int lda = (ta ? s.M : s.K) + 3, ldb = (tb ? s.K : s.N) + 2, ldc = s.N + 5;
            const std::vector<float> A = random_vec(size_t(ta ? s.K : s.M) * lda, rng);
            const std::vector<float> B = random_vec(size_t(tb ? s.N : s.K) * ldb, rng);
            std::vector<float> C = random_vec(size_t(s.M) * ldc, rng), C_ref = C;
            const float alpha = 0.75f, beta = (t == 3) ? 0.0f : -0.5f;
            ll::sgemm(ta, tb, s.M, s.N, s.K, alpha, A.data(), lda, B.data(), ldb, beta, C.data(), ldc);
            ll::sgemm_naive(ta, tb, s.M, s.N, s.K, alpha, A.data(), lda, B.data(), ldb, beta, C_ref.data(), ldc);
            INFO("M" << s.M << " N" << s.N << " K" << s.K << " ta" << ta << " tb" << tb);
            CHECK(max_rel_diff(C, C_ref) < 1e-5 * std::sqrt(double(s.K)) + 1e-6);
        }
    }
}

TEST_CASE("sgemm with beta 0 ignores NaN in C, and K = 0 only scales C") {
    const float A[2] = {1.0f, 2.0f}, B[2] = {3.0f, 4.0f};
    float C[1] = {std::nanf("")};
    ll::sgemm(false, false, 1, 1, 2, 1.0f, A, 2, B, 1, 0.0f, C, 1);
    CHECK(C[0] == 11.0f);
    float D[2] = {2.0f, 4.0f};
    ll::sgemm(false, false, 1, 2, 0, 1.0f, A, 1, B, 2, 0.5f, D, 2);
    CHECK(D[0] == 1.0f);
    CHECK(D[1] == 2.0f);
}

// ---- Kernels against the definition ----

TEST_CASE("conv2d kernels match direct loops on random geometries") {
    ll::Rng rng(3);
    for (int t = 0; t < 80; ++t) {
        const ll::ConvDims d = random_dims(rng, false);
        const int Cg = d.C / d.G;
        const std::vector<float> x = random_vec(size_t(d.N) * d.C * d.H * d.W, rng);
        const std::vector<float> w = random_vec(size_t(d.OC) * Cg * d.KH * d.KW, rng);
        const std::vector<float> b = (t % 3 == 0) ? std::vector<float>() : random_vec(size_t(d.OC), rng);
        const std::vector<float> dy = random_vec(size_t(d.N) * d.OC * d.OH * d.OW, rng);
        std::vector<float> y_ref, dx_ref, dw_ref, db_ref;
        naive_conv(d, x, w, b, dy, y_ref, dx_ref, dw_ref, db_ref);

        std::vector<float> cols(ll::conv2d_cols_size(d) + 1), y(y_ref.size()), dx(x.size(), 7.0f);
        std::vector<float> dw(w.size(), 0.0f), db(size_t(d.OC), 0.0f);
        ll::conv2d_forward(y.data(), x.data(), w.data(), b.empty() ? nullptr : b.data(), cols.data(), d);
        ll::conv2d_backward(dx.data(), dw.data(), db.data(), dy.data(), x.data(), w.data(), cols.data(), d);
        INFO(dims_str(d));
        CHECK(max_rel_diff(y, y_ref) < 1e-5);
        CHECK(max_rel_diff(dx, dx_ref) < 1e-5);
        CHECK(max_rel_diff(dw, dw_ref) < 1e-5);
        CHECK(max_rel_diff(db, db_ref) < 1e-5);
    }
}

TEST_CASE("conv_transpose2d kernels match direct loops on random geometries") {
    ll::Rng rng(4);
    for (int t = 0; t < 80; ++t) {
        const ll::ConvDims d = random_dims(rng, true);
        const int OCg = d.OC / d.G;
        const std::vector<float> x = random_vec(size_t(d.N) * d.C * d.H * d.W, rng);
        const std::vector<float> w = random_vec(size_t(d.C) * OCg * d.KH * d.KW, rng);
        const std::vector<float> b = (t % 3 == 0) ? std::vector<float>() : random_vec(size_t(d.OC), rng);
        const std::vector<float> dy = random_vec(size_t(d.N) * d.OC * d.OH * d.OW, rng);
        std::vector<float> y_ref, dx_ref, dw_ref, db_ref;
        naive_conv_transpose(d, x, w, b, dy, y_ref, dx_ref, dw_ref, db_ref);

        std::vector<float> cols(ll::conv_transpose2d_cols_size(d) + 1), y(y_ref.size(), 7.0f), dx(x.size(), 7.0f);
        std::vector<float> dw(w.size(), 0.0f), db(size_t(d.OC), 0.0f);
        ll::conv_transpose2d_forward(y.data(), x.data(), w.data(), b.empty() ? nullptr : b.data(), cols.data(), d);
        ll::conv_transpose2d_backward(dx.data(), dw.data(), db.data(), dy.data(), x.data(), w.data(), cols.data(), d);
        INFO(dims_str(d));
        CHECK(max_rel_diff(y, y_ref) < 1e-5);
        CHECK(max_rel_diff(dx, dx_ref) < 1e-5);
        CHECK(max_rel_diff(dw, dw_ref) < 1e-5);
        CHECK(max_rel_diff(db, db_ref) < 1e-5);
    }
}

TEST_CASE("conv backward accumulates into dw and db") {
    ll::ConvDims d;
    d.C = 2; d.H = d.W = 4; d.OC = 3; d.KH = d.KW = 3; d.OH = d.OW = 2;
    ll::Rng rng(9);
    const std::vector<float> x = random_vec(32, rng), w = random_vec(54, rng), dy = random_vec(12, rng);
    std::vector<float> cols(ll::conv2d_cols_size(d)), dx(32), dw1(54, 0.0f), db1(3, 0.0f), dw2(54, 0.0f), db2(3, 0.0f);
    ll::conv2d_backward(dx.data(), dw1.data(), db1.data(), dy.data(), x.data(), w.data(), cols.data(), d);
    ll::conv2d_backward(dx.data(), dw2.data(), db2.data(), dy.data(), x.data(), w.data(), cols.data(), d);
    ll::conv2d_backward(dx.data(), dw2.data(), db2.data(), dy.data(), x.data(), w.data(), cols.data(), d);
    for (size_t i = 0; i < dw1.size(); ++i) CHECK(dw2[i] == doctest::Approx(2.0f * dw1[i]).epsilon(1e-5));
    for (size_t i = 0; i < db1.size(); ++i) CHECK(db2[i] == doctest::Approx(2.0f * db1[i]).epsilon(1e-5));
}

// ---- Layers ----

TEST_CASE("Conv2d gradients match finite differences") {
    check_layer_grads("[3, 7, 6]", R"({"type": "Conv2d", "out_channels": 4, "kernel_size": 3, "padding": 1})", 2);
    check_layer_grads("[2, 9, 8]",
                      R"({"type": "Conv2d", "out_channels": 3, "kernel_size": [3, 2], "stride": [2, 1],
                          "padding": [1, 0], "dilation": [2, 3]})", 2);
    check_layer_grads("[4, 6, 5]", R"({"type": "Conv2d", "out_channels": 6, "kernel_size": 3, "groups": 2})", 2);
    check_layer_grads("[3, 6, 6]",
                      R"({"type": "Conv2d", "out_channels": 3, "kernel_size": 3, "groups": 3, "padding": 2,
                          "stride": 2})", 2);  // depthwise
    check_layer_grads("[5, 4, 3]", R"({"type": "Conv2d", "out_channels": 2, "kernel_size": 1, "bias": false})", 3);
    check_layer_grads("[2, 5, 5]", R"({"type": "Conv2d", "out_channels": 2, "kernel_size": 5, "stride": 3})", 1);
}

TEST_CASE("ConvTranspose2d gradients match finite differences") {
    check_layer_grads("[3, 4, 5]", R"({"type": "ConvTranspose2d", "out_channels": 2, "kernel_size": 3})", 2);
    check_layer_grads("[2, 3, 4]",
                      R"({"type": "ConvTranspose2d", "out_channels": 3, "kernel_size": 3, "stride": 2,
                          "padding": 1, "output_padding": 1})", 2);
    check_layer_grads("[4, 3, 3]",
                      R"({"type": "ConvTranspose2d", "out_channels": 2, "kernel_size": [2, 3], "stride": [1, 2],
                          "groups": 2, "dilation": [3, 1], "output_padding": [2, 1]})", 2);
    check_layer_grads("[3, 4, 4]", R"({"type": "ConvTranspose2d", "out_channels": 5, "kernel_size": 1, "bias": false})", 2);
}

TEST_CASE("Conv2d and ConvTranspose2d hand-computed values") {
    SUBCASE("2x2 ones kernel over 1..9 with bias 0.5") {
        ll::Model m;
        lltest::build(model_text("[1, 3, 3]", R"({"type": "Conv2d", "out_channels": 1, "kernel_size": 2})"), m);
        auto ps = m.params();
        ps[0].value->fill(1.0f);
        ps[1].value->fill(0.5f);
        ll::Tensor x({1, 1, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9});
        const ll::Tensor& y = m.forward(x, ll::Mode::Eval);
        REQUIRE(y.shape() == ll::Shape({1, 1, 2, 2}));
        CHECK(y[0] == 12.5f);  // 1+2+4+5 + 0.5
        CHECK(y[1] == 16.5f);
        CHECK(y[2] == 24.5f);
        CHECK(y[3] == 28.5f);
        // dL/dx for dy = 1: how many windows cover each pixel; dW = window sums; db = 4.
        m.zero_grad();
        const ll::Tensor& dx = m.backward(ll::Tensor({1, 1, 2, 2}, 1.0f));
        CHECK(dx.values() == std::vector<float>({1, 2, 1, 2, 4, 2, 1, 2, 1}));
        CHECK(ps[0].grad->values() == std::vector<float>({12, 16, 24, 28}));
        CHECK((*ps[1].grad)[0] == 4.0f);
    }
    SUBCASE("stride-2 transposed 2x2 kernel tiles the input") {
        ll::Model m;
        lltest::build(model_text("[1, 2, 2]",
                                 R"({"type": "ConvTranspose2d", "out_channels": 1, "kernel_size": 2, "stride": 2,
                                     "bias": false})"), m);
        auto ps = m.params();
        REQUIRE(ps.size() == 1);
        *ps[0].value = ll::Tensor({1, 1, 2, 2}, {1, 2, 3, 4});
        ll::Tensor x({1, 1, 2, 2}, {1, 10, 100, 1000});
        const ll::Tensor& y = m.forward(x, ll::Mode::Eval);
        REQUIRE(y.shape() == ll::Shape({1, 1, 4, 4}));
        // y[2i + a][2j + b] = x[i][j] * w[a][b]
        CHECK(y.values() == std::vector<float>({1, 2, 10, 20, 3, 4, 30, 40, 100, 200, 1000, 2000, 300, 400, 3000, 4000}));
    }
    SUBCASE("dilated 2x2 kernel with padding reads the corners") {
        ll::Model m;
        lltest::build(model_text("[1, 3, 3]",
                                 R"({"type": "Conv2d", "out_channels": 1, "kernel_size": 2, "dilation": 2,
                                     "padding": 1, "bias": false})"), m);
        m.params()[0].value->fill(1.0f);
        ll::Tensor x({1, 1, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9});
        const ll::Tensor& y = m.forward(x, ll::Mode::Eval);
        REQUIRE(y.shape() == ll::Shape({1, 1, 3, 3}));
        // Output (0,0) reads (-1,-1), (-1,1), (1,-1), (1,1): only x[1][1] = 5 is inside.
        CHECK(y.values() == std::vector<float>({5, 4 + 6, 5, 2 + 8, 1 + 3 + 7 + 9, 2 + 8, 5, 4 + 6, 5}));
    }
}

TEST_CASE("worked example: 3x32x32 through Conv2d(10, 5, padding 2)") {
    ll::Model m;
    lltest::build(model_text("[3, 32, 32]",
                             R"({"type": "Conv2d", "out_channels": 10, "kernel_size": 5, "stride": 1, "padding": 2})"),
                  m);
    const std::vector<ll::LayerInfo> info = m.info();
    REQUIRE(info.size() == 1);
    CHECK(info[0].out_shape == ll::Shape({10, 32, 32}));
    CHECK(info[0].params == 760);
    CHECK(info[0].macs == 768000);
    CHECK(info[0].receptive.size[0] == 5);
    // The canonical arguments carry every default, in torch's order.
    CHECK(m.to_json().dump() ==
          R"({"input_shape":[3,32,32],"layers":[{"type":"Conv2d","out_channels":10,"kernel_size":5,"stride":1,)"
          R"("padding":2,"dilation":1,"groups":1,"bias":true}]})");
}

TEST_CASE("receptive field of L stacked 3x3 stride-1 convs is 1 + 2L") {
    for (int L = 1; L <= 5; ++L) {
        std::string layers;
        for (int i = 0; i < L; ++i) {
            if (i) layers += ", ";
            layers += R"({"type": "Conv2d", "out_channels": 2, "kernel_size": 3, "padding": 1})";
        }
        ll::Model m;
        lltest::build(model_text("[1, 16, 16]", layers), m);
        const ll::Receptive r = m.info()[size_t(L) - 1].receptive;
        CHECK(r.size[0] == 1 + 2 * L);
        CHECK(r.size[1] == 1 + 2 * L);
        CHECK(r.jump[0] == 1);
    }
    // Strides multiply the jump: 3x3 s2, then 3x3 s1 sees 3 + 2*2 = 7.
    ll::Model m;
    lltest::build(model_text("[1, 16, 16]", R"({"type": "Conv2d", "out_channels": 2, "kernel_size": 3, "stride": 2},
                                              {"type": "Conv2d", "out_channels": 2, "kernel_size": 3})"), m);
    CHECK(m.info()[1].receptive.size[0] == 7);
    CHECK(m.info()[1].receptive.jump[0] == 2);
}

TEST_CASE("ConvTranspose2d shapes, counts and geometry") {
    ll::Model m;
    lltest::build(model_text("[4, 5, 6]",
                             R"({"type": "ConvTranspose2d", "out_channels": 6, "kernel_size": 3, "stride": 2,
                                 "padding": 1, "output_padding": 1, "groups": 2})"), m);
    const ll::LayerInfo li = m.info()[0];
    CHECK(li.out_shape == ll::Shape({6, 10, 12}));  // (I-1)*2 - 2 + 2 + 1 + 1
    CHECK(li.params == 4 * 3 * 9 + 6);               // weight (C, OC/G, 3, 3) + bias
    CHECK(li.macs == int64_t(5) * 6 * 4 * 3 * 9);    // H*W * C * OC/G * KH*KW
    const auto* ct = dynamic_cast<const ll::ConvTranspose2d*>(&m.layer(0));
    REQUIRE(ct != nullptr);
    CHECK(ct->weight().shape() == ll::Shape({4, 3, 3, 3}));
    const ll::Geometry g = ct->geometry();
    CHECK(g.kernel[0] == 2);  // an output reads ceil(3 / 2) inputs
    CHECK(g.stride[0] == 1);
    // Stride 1: exact, a full-padding convolution.
    ll::Model m1;
    lltest::build(model_text("[1, 5, 5]", R"({"type": "ConvTranspose2d", "out_channels": 1, "kernel_size": 3,
                                              "dilation": 2})"), m1);
    const ll::Geometry g1 = m1.layer(0).geometry();
    CHECK(g1.kernel[0] == 3);
    CHECK(g1.dilation[0] == 2);
    CHECK(g1.padding[0] == 4);
    CHECK(m1.info()[0].receptive.size[0] == 5);
}

TEST_CASE("init follows torch: U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for weight and bias") {
    struct Case { const char* layer; double fan_in; };
    const Case cases[] = {
        {R"({"type": "Conv2d", "out_channels": 16, "kernel_size": 3, "groups": 2})", 4 * 9},       // (C/G)*K*K
        {R"({"type": "ConvTranspose2d", "out_channels": 12, "kernel_size": 2, "groups": 2})", 6 * 4},  // (OC/G)*K*K
    };
    for (const Case& c : cases) {
        ll::Model m;
        lltest::build(model_text("[8, 6, 6]", c.layer), m);
        ll::Rng rng(21);
        m.init(rng);
        const double bound = 1.0 / std::sqrt(c.fan_in);
        for (const ll::ParamRef& p : m.params()) {
            double lo = 1e9, hi = -1e9;
            for (float v : p.value->values()) {
                lo = std::min(lo, double(v));
                hi = std::max(hi, double(v));
            }
            INFO(c.layer << " " << p.name);
            CHECK(lo >= -bound);
            CHECK(hi <= bound);
            CHECK(hi - lo > (p.name == "0.weight" ? 1.8 : 1.0) * bound);  // spread over the interval
        }
    }
}

TEST_CASE("Conv2d reuses its buffers while the batch shape stays the same") {
    ll::Model m;
    lltest::build(model_text("[2, 8, 8]", R"({"type": "Conv2d", "out_channels": 3, "kernel_size": 3})"), m);
    ll::Rng rng(2);
    m.init(rng);
    ll::Tensor x = lltest::randn({4, 2, 8, 8}, rng), dy = lltest::randn({4, 3, 6, 6}, rng);
    const float* y0 = m.forward(x, ll::Mode::Train).data();
    const float* dx0 = m.backward(dy).data();
    const std::vector<float> y_first = m.output(0).values();
    const float* y1 = m.forward(x, ll::Mode::Train).data();
    const float* dx1 = m.backward(dy).data();
    CHECK(y0 == y1);
    CHECK(dx0 == dx1);
    CHECK(m.output(0).values() == y_first);  // deterministic
}

TEST_CASE("conv configuration errors say what is wrong") {
    auto has = [](const std::string& msg, const char* part) {
        INFO(msg);
        CHECK(msg.find(part) != std::string::npos);
    };
    has(build_error("[3, 8, 8]", R"({"type": "Conv2d", "out_channels": 4, "kernel_size": 3, "groups": 2})"),
        "in_channels 3 (from the input shape) is not divisible by groups 2");
    has(build_error("[4, 8, 8]", R"({"type": "Conv2d", "out_channels": 3, "kernel_size": 3, "groups": 2})"),
        "out_channels 3 is not divisible by groups 2");
    has(build_error("[4, 8, 8]", R"({"type": "ConvTranspose2d", "out_channels": 3, "kernel_size": 3, "groups": 2})"),
        "out_channels 3 is not divisible by groups 2");
    const std::string big = build_error("[1, 3, 3]", R"({"type": "Conv2d", "out_channels": 1, "kernel_size": 5})");
    has(big, "layer 0 (Conv2d): kernel 5x5 is larger than the padded input 3x3 (input 3x3 + 2*padding 0)");
    has(big, "use a smaller kernel or more padding");
    has(build_error("[1, 6, 9]", R"({"type": "Conv2d", "out_channels": 1, "kernel_size": 3, "dilation": [3, 1]})"),
        "dilated kernel 7x3 (kernel 3x3, dilation 3x1) is larger than the padded input 6x9");
    has(build_error("[1, 6, 9]", R"({"type": "Conv2d", "kernel_size": 3})"), "missing argument 'out_channels'");
    has(build_error("[1, 6, 9]", R"({"type": "Conv2d", "out_channels": 2})"), "missing argument 'kernel_size'");
    has(build_error("[1, 6, 9]", R"({"type": "Conv2d", "out_channels": 2, "kernel_size": 3, "padding": "same"})"),
        "argument 'padding' must be a whole number or [h, w]");
    has(build_error("[1, 6, 9]", R"({"type": "Conv2d", "out_channels": 2, "kernel_size": 3, "stride": 0})"),
        "argument 'stride' must be at least 1");
    has(build_error("[1, 6, 9]", R"({"type": "Conv2d", "out_channels": 2, "kernel_size": 3, "groups": 0})"),
        "argument 'groups' must be at least 1");
    has(build_error("[1, 6, 9]", R"({"type": "Conv2d", "out_channels": 2, "kernel_size": 3, "output_padding": 1})"),
        "unknown argument 'output_padding'");
    has(build_error("[10]", R"({"type": "Conv2d", "out_channels": 2, "kernel_size": 3})"),
        "Conv2d needs a C x H x W input, got 10");
    has(build_error("[1, 4, 4]",
                    R"({"type": "ConvTranspose2d", "out_channels": 1, "kernel_size": 3, "stride": 2,
                        "output_padding": 2})"),
        "output_padding 2 must be smaller than either stride 2 or dilation 1");
    has(build_error("[1, 1, 1]", R"({"type": "ConvTranspose2d", "out_channels": 1, "kernel_size": 1, "padding": 1})"),
        "the output would be -1x-1 for input 1x1 with padding 1");
}
