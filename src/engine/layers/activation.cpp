// Activations: ReLU, LeakyReLU, Sigmoid, Tanh, GELU (exact, erf form: torch's default) and Softmax over
// dim 1 (channels of a C x H x W map, or features). Shapes pass through unchanged.
#include <cmath>

#include "engine/layers/layers.h"
#include "engine/parallel.h"

namespace ll {

namespace {

// Shared plumbing of the pointwise activations: y = f(x), dx = dy * f'(x, y). Op supplies f and grad as
// static inline functions, so the loops call no virtual function per element and the cheap ones (ReLU,
// LeakyReLU) vectorise; large tensors are split over the threads (elementwise: any split gives the
// same values) from kParallelMinValues (engine/parallel.h).
constexpr int64_t kPointwiseGrain = 1 << 15;

template <class Fn>
void for_values(int64_t n, const Fn& fn) {
    if (n < kParallelMinValues) fn(int64_t(0), n);
    else parallel_for(0, n, kPointwiseGrain, fn);
}

template <class Op>
class Pointwise : public Layer {
public:
    Status configure(const Shape& in) override {
        in_shape_ = out_shape_ = in;
        return Status::ok();
    }
    const Tensor& forward(const Tensor& x, Mode) override {
        x_ = &x;
        y_.resize(x.shape());
        const float* xp = x.data();
        float* yp = y_.data();
        const Op& op = static_cast<const Op&>(*this);
        for_values(int64_t(x.numel()), [&](int64_t lo, int64_t hi) {
            for (int64_t i = lo; i < hi; ++i) yp[i] = op.f(xp[i]);
        });
        return y_;
    }
    const Tensor& backward(const Tensor& dy) override {
        dx_.resize(dy.shape());
        const float* xp = x_->data();
        const float* yp = y_.data();
        const float* g = dy.data();
        float* d = dx_.data();
        const Op& op = static_cast<const Op&>(*this);
        for_values(int64_t(dy.numel()), [&](int64_t lo, int64_t hi) {
            for (int64_t i = lo; i < hi; ++i) d[i] = op.grad(g[i], xp[i], yp[i]);
        });
        return dx_;
    }

private:
    const Tensor* x_ = nullptr;
    Tensor y_, dx_;
};

// grad(dy, x, y) = dy * f'(x), written as a select where f' is a step (torch's threshold_backward:
// dy where x > 0, else 0).
class ReLU final : public Pointwise<ReLU> {
public:
    const char* type() const override { return "ReLU"; }
    float f(float x) const { return x > 0.0f ? x : 0.0f; }
    float grad(float dy, float x, float) const { return x > 0.0f ? dy : 0.0f; }  // torch: 0 at x = 0
};

class LeakyReLU final : public Pointwise<LeakyReLU> {
public:
    explicit LeakyReLU(float slope) : slope_(slope) {}
    const char* type() const override { return "LeakyReLU"; }
    float f(float x) const { return x > 0.0f ? x : slope_ * x; }
    float grad(float dy, float x, float) const { return dy * (x > 0.0f ? 1.0f : slope_); }

private:
    float slope_;
};

class Sigmoid final : public Pointwise<Sigmoid> {
public:
    const char* type() const override { return "Sigmoid"; }
    float f(float x) const { return 1.0f / (1.0f + std::exp(-x)); }
    float grad(float dy, float, float y) const { return dy * (y * (1.0f - y)); }
};

class Tanh final : public Pointwise<Tanh> {
public:
    const char* type() const override { return "Tanh"; }
    float f(float x) const { return std::tanh(x); }
    float grad(float dy, float, float y) const { return dy * (1.0f - y * y); }
};

// GELU(x) = x * Phi(x), Phi the standard normal CDF; GELU'(x) = Phi(x) + x * phi(x).
class GELU final : public Pointwise<GELU> {
public:
    const char* type() const override { return "GELU"; }
    float f(float x) const { return 0.5f * x * (1.0f + std::erf(x * 0.70710678118654752f)); }
    float grad(float dy, float x, float) const {
        const float cdf = 0.5f * (1.0f + std::erf(x * 0.70710678118654752f));
        const float pdf = 0.39894228040143268f * std::exp(-0.5f * x * x);
        return dy * (cdf + x * pdf);
    }
};

// Softmax over dim 1. x viewed as (N, C, S) with S = H*W (1 for features).
// dx_c = y_c * (dy_c - sum_k dy_k y_k)
class Softmax final : public Layer {
public:
    const char* type() const override { return "Softmax"; }
    Status configure(const Shape& in) override {
        in_shape_ = out_shape_ = in;
        return Status::ok();
    }
    const Tensor& forward(const Tensor& x, Mode) override {
        y_.resize(x.shape());
        const int N = x.dim(0), C = x.dim(1);
        const size_t S = x.numel() / size_t(N) / size_t(C);
        for (int n = 0; n < N; ++n) {
            for (size_t s = 0; s < S; ++s) {
                const float* xp = x.data() + size_t(n) * C * S + s;
                float* yp = y_.data() + size_t(n) * C * S + s;
                float mx = xp[0];
                for (int c = 1; c < C; ++c) mx = std::max(mx, xp[c * S]);
                float sum = 0.0f;
                for (int c = 0; c < C; ++c) { yp[c * S] = std::exp(xp[c * S] - mx); sum += yp[c * S]; }
                const float inv = 1.0f / sum;
                for (int c = 0; c < C; ++c) yp[c * S] *= inv;
            }
        }
        return y_;
    }
    const Tensor& backward(const Tensor& dy) override {
        dx_.resize(dy.shape());
        const int N = dy.dim(0), C = dy.dim(1);
        const size_t S = dy.numel() / size_t(N) / size_t(C);
        for (int n = 0; n < N; ++n) {
            for (size_t s = 0; s < S; ++s) {
                const size_t base = size_t(n) * C * S + s;
                float dot = 0.0f;
                for (int c = 0; c < C; ++c) dot += dy[base + c * S] * y_[base + c * S];
                for (int c = 0; c < C; ++c) dx_[base + c * S] = y_[base + c * S] * (dy[base + c * S] - dot);
            }
        }
        return dx_;
    }

private:
    Tensor y_, dx_;
};

}  // namespace

LayerPtr make_relu(LayerArgs&) { return std::make_unique<ReLU>(); }
LayerPtr make_leaky_relu(LayerArgs& a) { return std::make_unique<LeakyReLU>(a.get_float("negative_slope", 0.01f)); }
LayerPtr make_sigmoid(LayerArgs&) { return std::make_unique<Sigmoid>(); }
LayerPtr make_tanh(LayerArgs&) { return std::make_unique<Tanh>(); }
LayerPtr make_gelu(LayerArgs&) { return std::make_unique<GELU>(); }
LayerPtr make_softmax(LayerArgs&) { return std::make_unique<Softmax>(); }

}  // namespace ll
