// LocalContrastNorm: Jarrett et al. 2009's subtractive then divisive normalisation over a Gaussian
// window spanning all channels (maths in norm_local_contrast_cross_iteration.h). Per sample, with G
// the zero-padded blur by the separable window g g^T (g: 1-D Gaussian summing to 1) and s = sum_c x_c:
//   m = G(s) / (C a),  v_c = x_c - m,  sigma = sqrt(G(sum_c v_c^2) / (C a)),  y_c = v_c / max(floor, sigma).
// Borders: the window is cut by the image. Zero padding alone would pull m towards 0 near the border
// (an image of constant 5 would get m < 5 there and a spurious edge in v), so the weights are
// renormalised to the part of the window inside the image: a_ij = sum_{(p,q) inside} g_p g_q, which is
// separable (a_i * a_j), and dividing by C a_ij makes the inside weights sum to 1 over window and
// channels at every position. This is the classic implementation's choice (the blur of the input
// divided by the blur of an all-ones map): a constant image gives v = 0 up to the border too (with the
// maps in double, exactly), and a = 1 in the interior, so the definition there is unchanged. a depends
// only on the shape, so the subtractive step stays a fixed linear map and the gradient is exact.
#include <algorithm>
#include <cmath>
#include <string>

#include "engine/layers/norm_local_contrast_cross_iteration.h"

namespace ll {

namespace {

// The divisor never falls below this: with a fixed floor of 0 (or a constant sample under the mean
// floor) sigma can be 0 where v is 0 too, and 0/0 must not make NaN. Below it no gradient flows to
// sigma or the floor.
constexpr float kMinDivisor = 1e-6f;

// ---- Kernels (one sample's (H, W) maps; no allocation) ----

// out = G u: out_ij = sum_{p,q} g_p g_q u_{i+p, j+q}, zero outside the map, p, q in [-r, r].
// Horizontal pass into tmp, vertical pass into out; out may alias u. G is symmetric (g_p = g_-p), so it
// is its own adjoint: the backward passes use the same function.
void gaussian_blur(double* out, double* tmp, const double* u, const double* g, int r, int H, int W) {
    for (int i = 0; i < H; ++i) {
        const double* row = u + size_t(i) * W;
        double* t = tmp + size_t(i) * W;
        for (int j = 0; j < W; ++j) {
            const int q0 = std::max(-r, -j), q1 = std::min(r, W - 1 - j);
            double acc = 0.0;
            for (int q = q0; q <= q1; ++q) acc += g[q + r] * row[j + q];
            t[j] = acc;
        }
    }
    for (int i = 0; i < H; ++i) {
        const int p0 = std::max(-r, -i), p1 = std::min(r, H - 1 - i);
        double* o = out + size_t(i) * W;
        for (int j = 0; j < W; ++j) o[j] = 0.0;
        for (int p = p0; p <= p1; ++p) {
            const double gp = g[p + r];
            const double* t = tmp + size_t(i + p) * W;
            for (int j = 0; j < W; ++j) o[j] += gp * t[j];
        }
    }
}

// out_ij = sum_c x_{c,ij} (squared when `square`), x: (C, HW).
void channel_sum(double* out, const float* x, int C, int HW, bool square) {
    std::fill(out, out + HW, 0.0);
    for (int c = 0; c < C; ++c) {
        const float* xc = x + size_t(c) * HW;
        if (square) for (int s = 0; s < HW; ++s) out[s] += double(xc[s]) * double(xc[s]);
        else for (int s = 0; s < HW; ++s) out[s] += double(xc[s]);
    }
}

}  // namespace

// ---- Configure ----

Status LocalContrastNorm::configure(const Shape& in) {
    LL_TRY(expect_image(in, "LocalContrastNorm"));
    in_shape_ = out_shape_ = in;
    C_ = in[0];
    H_ = in[1];
    W_ = in[2];
    const int K = opt_.size, r = K / 2;
    // The window (K, K) and its 1-D factor, then the per-pixel maps (coverage in float, four in double).
    LL_TRY(reserve("window", {K, K}));
    LL_TRY(reserve("border maps", {H_, W_}, 9));
    // g_k = exp(-k^2 / (2 sigma^2)), normalised to sum 1; the 2-D window g_p g_q / C sums to 1 over
    // the window and the channels.
    double total = 0.0;
    g1_.resize(size_t(K));
    for (int k = -r; k <= r; ++k) {
        g1_[size_t(k + r)] = std::exp(-double(k) * k / (2.0 * double(opt_.sigma) * double(opt_.sigma)));
        total += g1_[size_t(k + r)];
    }
    for (double& v : g1_) v /= total;
    window_ = Tensor({K, K});
    for (int p = 0; p < K; ++p)
        for (int q = 0; q < K; ++q) window_[size_t(p) * K + q] = float(g1_[size_t(p)] * g1_[size_t(q)] / C_);
    // Coverage a_ij = a_i a_j, a_i = sum of g_p over the taps i + p inside [0, H).
    auto axis_cover = [&](int n, int i) {
        double s = 0.0;
        for (int p = std::max(-r, -i); p <= std::min(r, n - 1 - i); ++p) s += g1_[size_t(p + r)];
        return s;
    };
    coverage_ = Tensor({H_, W_});
    inv_ca_.resize(size_t(H_) * W_);
    for (int i = 0; i < H_; ++i) {
        const double ai = axis_cover(H_, i);
        for (int j = 0; j < W_; ++j) {
            const double a = ai * axis_cover(W_, j);
            coverage_[size_t(i) * W_ + j] = float(a);
            inv_ca_[size_t(i) * W_ + j] = 1.0 / (double(C_) * a);
        }
    }
    map_.resize(size_t(H_) * W_);
    tmp_.resize(map_.size());
    aux_.resize(map_.size());
    return Status::ok();
}

Geometry LocalContrastNorm::geometry() const {
    Geometry g;
    if (opt_.mean_floor) {
        g.global = true;  // the floor averages sigma over the whole map
        return g;
    }
    const int k[2] = {2 * opt_.size - 1, 2 * opt_.size - 1}, s[2] = {1, 1}, p[2] = {opt_.size - 1, opt_.size - 1},
              d[2] = {1, 1};
    return Geometry::window(k, s, p, d);
}

// Two separable blurs of size taps per axis on one (H, W) map, and about three operations per value
// (channel sums, centring, the division).
int64_t LocalContrastNorm::macs() const {
    const int64_t HW = int64_t(H_) * W_;
    return 2 * 2 * HW * opt_.size + 3 * int64_t(C_) * HW;
}

// ---- Forward ----

const Tensor& LocalContrastNorm::forward(const Tensor& x, Mode) {
    LL_ASSERT(x.ndim() == 4 && x.dim(1) == C_ && x.dim(2) == H_ && x.dim(3) == W_,
              "LocalContrastNorm: input does not match the configured shape");
    const int N = x.dim(0), HW = H_ * W_, r = opt_.size / 2;
    y_.resize(x.shape());
    v_.resize(x.shape());
    mean_.resize({N, 1, H_, W_});
    sigma_.resize({N, 1, H_, W_});
    d_.resize({N, 1, H_, W_});
    floor_.resize({N});
    for (int n = 0; n < N; ++n) {
        const size_t off = size_t(n) * C_ * HW;
        const float* xn = x.data() + off;
        float* vn = v_.data() + off;
        float* yn = y_.data() + off;
        float* mn = mean_.data() + size_t(n) * HW;
        float* sn = sigma_.data() + size_t(n) * HW;
        float* dn = d_.data() + size_t(n) * HW;
        // m = G(sum_c x_c) / (C a);  v_c = x_c - m
        channel_sum(map_.data(), xn, C_, HW, false);
        gaussian_blur(map_.data(), tmp_.data(), map_.data(), g1_.data(), r, H_, W_);
        for (int s = 0; s < HW; ++s) mn[s] = float(map_[size_t(s)] * inv_ca_[size_t(s)]);
        for (int c = 0; c < C_; ++c)
            for (int s = 0; s < HW; ++s) vn[size_t(c) * HW + s] = xn[size_t(c) * HW + s] - mn[s];
        // sigma = sqrt(G(sum_c v_c^2) / (C a)); floor = mean(sigma) or the fixed number
        channel_sum(map_.data(), vn, C_, HW, true);
        gaussian_blur(map_.data(), tmp_.data(), map_.data(), g1_.data(), r, H_, W_);
        double sigma_sum = 0.0;
        for (int s = 0; s < HW; ++s) {
            sn[s] = float(std::sqrt(std::max(0.0, map_[size_t(s)] * inv_ca_[size_t(s)])));
            sigma_sum += double(sn[s]);
        }
        const float fl = opt_.mean_floor ? float(sigma_sum / double(HW)) : opt_.floor;
        floor_[size_t(n)] = fl;
        // y_c = v_c / d, d = max(floor, sigma) (never below kMinDivisor)
        for (int s = 0; s < HW; ++s) dn[s] = std::max(std::max(fl, sn[s]), kMinDivisor);
        for (int c = 0; c < C_; ++c)
            for (int s = 0; s < HW; ++s) yn[size_t(c) * HW + s] = vn[size_t(c) * HW + s] / dn[s];
    }
    return y_;
}

// ---- Backward ----

// Per sample, backwards through y_c = v_c / d:
//   dd = -sum_c dy_c v_c / d^2, and d/dv_c directly: dy_c / d.
//   d = max(floor, sigma): dd goes to sigma where sigma >= floor, else to the floor (neither when the
//   kMinDivisor guard is active); the mean floor hands its gradient to every sigma: + dfloor / (H W).
//   sigma = sqrt(s2): ds2 = dsigma / (2 sigma).  s2 = G(u) / (C a), u = sum_c v_c^2:
//   du = G^T(ds2 / (C a)) = G(ds2 / (C a)) (G symmetric), and dv_c += 2 v_c du.
//   v_c = x_c - m, m = G(sum_c x_c) / (C a): dx_c = dv_c + G(dm / (C a)) with dm = -sum_c dv_c.
const Tensor& LocalContrastNorm::backward(const Tensor& dy) {
    LL_ASSERT(dy.shape() == y_.shape(), "LocalContrastNorm: dy does not match the last forward");
    const int N = dy.dim(0), HW = H_ * W_, r = opt_.size / 2;
    dx_.resize(dy.shape());
    for (int n = 0; n < N; ++n) {
        const size_t off = size_t(n) * C_ * HW;
        const float* dyn = dy.data() + off;
        const float* vn = v_.data() + off;
        const float* sn = sigma_.data() + size_t(n) * HW;
        const float* dn = d_.data() + size_t(n) * HW;
        float* dxn = dx_.data() + off;
        const float fl = floor_[size_t(n)];
        double dfloor = 0.0;
        for (int s = 0; s < HW; ++s) {
            double acc = 0.0;
            for (int c = 0; c < C_; ++c) acc += double(dyn[size_t(c) * HW + s]) * double(vn[size_t(c) * HW + s]);
            const double dd = -acc / (double(dn[s]) * double(dn[s]));
            const bool to_sigma = sn[s] >= fl && sn[s] >= kMinDivisor;
            const bool to_floor = sn[s] < fl && fl >= kMinDivisor;
            map_[size_t(s)] = to_sigma ? dd : 0.0;  // dsigma
            if (to_floor) dfloor += dd;
        }
        if (opt_.mean_floor) {
            for (int s = 0; s < HW; ++s) map_[size_t(s)] += dfloor / double(HW);
        }
        for (int s = 0; s < HW; ++s) {  // ds2 / (C a)
            map_[size_t(s)] = sn[s] > 0.0f ? map_[size_t(s)] / (2.0 * double(sn[s])) * inv_ca_[size_t(s)] : 0.0;
        }
        gaussian_blur(map_.data(), tmp_.data(), map_.data(), g1_.data(), r, H_, W_);  // du
        std::fill(aux_.begin(), aux_.end(), 0.0);
        for (int c = 0; c < C_; ++c) {
            for (int s = 0; s < HW; ++s) {
                const size_t i = size_t(c) * HW + s;
                const double dv = double(dyn[i]) / double(dn[s]) + 2.0 * double(vn[i]) * map_[size_t(s)];
                dxn[i] = float(dv);
                aux_[size_t(s)] -= dv;  // dm
            }
        }
        for (int s = 0; s < HW; ++s) aux_[size_t(s)] *= inv_ca_[size_t(s)];
        gaussian_blur(aux_.data(), tmp_.data(), aux_.data(), g1_.data(), r, H_, W_);
        for (int c = 0; c < C_; ++c)
            for (int s = 0; s < HW; ++s) dxn[size_t(c) * HW + s] = float(double(dxn[size_t(c) * HW + s]) + aux_[size_t(s)]);
    }
    return dx_;
}

// ---- Factory ----

LayerPtr make_local_contrast_norm(LayerArgs& a) {
    LocalContrastOptions o;
    // At most the largest input side: 2^31-3 made configure loop for minutes and then abort.
    o.size = a.get_int("size", 9, 1, kMaxSpatialArg);
    if (o.size % 2 == 0) {
        a.error("argument 'size' must be odd so the window has a centre pixel, got " + std::to_string(o.size) +
                "; use " + std::to_string(o.size - 1) + " or " + std::to_string(o.size + 1));
    }
    o.sigma = a.get_float("sigma", 2.0f);
    if (!(o.sigma > 0.0f)) a.error("argument 'sigma' (the Gaussian's standard deviation in pixels) must be above 0");
    // "floor": null or absent is the paper's mean of sigma over the sample's map; a number is fixed.
    if (a.has("floor")) {
        float f = 0.0f;
        o.mean_floor = a.get_null_or_float("floor", 0.0f, f);
        if (!o.mean_floor) {
            if (!(f >= 0.0f)) a.error("argument 'floor' must be at least 0 (or null for the mean of sigma), got " + std::to_string(f));
            o.floor = f;
        }
    }
    return std::make_unique<LocalContrastNorm>(o);
}

}  // namespace ll
