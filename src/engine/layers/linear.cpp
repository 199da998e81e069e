// Linear, Flatten, Dropout, Dropout2d (see linear.h for the conventions).
// Linear's kernels: GEMMs for batches (kernels/gemm.h); for one to three samples, loops that keep every
// inner loop contiguous: the forward a dot product over `in` with sixteen independent partial sums (so
// the compiler can vectorise without reassociating a single sum), the backward axpy rows
// (dx_n += dy[n,o] * W_o, dW_o += dy[n,o] * x_n), which vectorise as is.
// The pointers marked __restrict never alias (x, W, y, dx, dW are distinct buffers).
#include "engine/layers/linear.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <initializer_list>

#include "engine/kernels/gemm.h"
#include "engine/layers/layers.h"

namespace ll {

namespace {

// t.resize(batch_shape(n, sample)), allocating only when the shape changes.
void resize_batch(Tensor& t, int n, const Shape& sample) {
    const Shape& s = t.shape();
    if (s.size() == sample.size() + 1 && s[0] == n && std::equal(sample.begin(), sample.end(), s.begin() + 1)) return;
    t.resize(batch_shape(n, sample));
}

// sum_i a[i] * w[i] in sixteen interleaved partial sums: independent chains the compiler can keep in
// vector registers without reassociating one sum (eight lanes were a single AVX chain, 5x slower with
// -march=native, bound by the FMA latency).
float dot(const float* __restrict a, const float* __restrict w, int n) {
    float acc[16] = {};
    int i = 0;
    for (; i + 16 <= n; i += 16)
        for (int k = 0; k < 16; ++k) acc[k] += a[i + k] * w[i + k];
    for (int k = 0; k < 8; ++k) acc[k] += acc[k + 8];
    float s = ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]));
    for (; i < n; ++i) s += a[i] * w[i];
    return s;
}

// y[i] += alpha * x[i]
void axpy(float* __restrict y, float alpha, const float* __restrict x, int n) {
    for (int i = 0; i < n; ++i) y[i] += alpha * x[i];
}

// torch counts dims of the batched tensor: dim d of (N, in_shape...) with negatives from the end.
int normalise_dim(int d, int ndim) { return d < 0 ? d + ndim : d; }

}  // namespace

// ---- Kernels ----
// From four samples on, the products are GEMMs (kernels/gemm.h: packed, vectorised, split over the
// threads); below that, packing W would cost more than the products, so the loops above run instead.
constexpr int kGemmMinBatch = 4;

void linear_forward(float* y, const float* x, const float* W, const float* b, int N, int in, int out) {
    if (N >= kGemmMinBatch) {
        // y (N x out) = x (N x in) * W^T (in x out), then + b.
        sgemm(false, true, N, out, in, 1.0f, x, in, W, in, 0.0f, y, out);
        if (b)
            for (int n = 0; n < N; ++n)
                for (int o = 0; o < out; ++o) y[size_t(n) * out + o] += b[o];
        return;
    }
    for (int n = 0; n < N; ++n) {
        const float* xn = x + size_t(n) * in;
        float* yn = y + size_t(n) * out;
        for (int o = 0; o < out; ++o) {
            const float s = dot(xn, W + size_t(o) * in, in);
            yn[o] = b ? s + b[o] : s;
        }
    }
}

// From y[n,o] = b[o] + sum_i x[n,i] W[o,i]:  dL/dx[n,i] = sum_o dy[n,o] W[o,i],
// dL/dW[o,i] = sum_n dy[n,o] x[n,i],  dL/db[o] = sum_n dy[n,o].
void linear_backward(float* dx, float* dW, float* db, const float* dy, const float* x, const float* W, int N,
                     int in, int out) {
    if (db)
        for (int n = 0; n < N; ++n)
            for (int o = 0; o < out; ++o) db[o] += dy[size_t(n) * out + o];
    if (N >= kGemmMinBatch) {
        // dx (N x in) = dy (N x out) * W (out x in);  dW (out x in) += dy^T (out x N) * x (N x in).
        sgemm(false, false, N, in, out, 1.0f, dy, out, W, in, 0.0f, dx, in);
        sgemm(true, false, out, in, N, 1.0f, dy, out, x, in, 1.0f, dW, in);
        return;
    }
    for (int n = 0; n < N; ++n) {
        const float* dyn = dy + size_t(n) * out;
        const float* xn = x + size_t(n) * in;
        float* dxn = dx + size_t(n) * in;
        for (int i = 0; i < in; ++i) dxn[i] = 0.0f;
        for (int o = 0; o < out; ++o) {
            axpy(dxn, dyn[o], W + size_t(o) * in, in);
            axpy(dW + size_t(o) * in, dyn[o], xn, in);
        }
    }
}

// ---- Linear ----

Linear::Linear(int out_features, bool bias, int in_features)
    : out_(out_features), in_arg_(in_features), has_bias_(bias) {}

Status Linear::configure(const Shape& in) {
    if (in.size() != 1) {
        return Status::error("Linear needs a flat vector of features, got a " + shape_str(in) +
                             " input; add a {\"type\": \"Flatten\"} layer before it");
    }
    if (in_arg_ > 0 && in_arg_ != in[0]) {
        return Status::error("in_features is " + std::to_string(in_arg_) + " but the input has " +
                             std::to_string(in[0]) + " features; remove in_features (it is inferred) or fix it");
    }
    // 10000 -> 2^26 features is a 2.5 TiB weight: refused before it is allocated.
    LL_TRY(reserve("weight", {out_, in[0]}, 2));
    if (has_bias_) LL_TRY(reserve("bias", {out_}, 2));
    in_ = in[0];
    in_shape_ = in;
    out_shape_ = {out_};
    if (W_.shape() != Shape{out_, in_}) {
        W_ = Tensor({out_, in_});
        dW_ = Tensor({out_, in_});
    }
    if (has_bias_ && b_.shape() != Shape{out_}) {
        b_ = Tensor({out_});
        db_ = Tensor({out_});
    }
    return Status::ok();
}

// kaiming_uniform_(a=sqrt(5)): gain = sqrt(2 / (1 + a^2)) = sqrt(1/3), bound = gain * sqrt(3 / fan_in)
// = 1/sqrt(fan_in); the bias uses the same bound. Weight first, then bias, as torch does.
void Linear::init(Rng& rng) {
    const float bound = 1.0f / std::sqrt(float(in_));
    for (size_t i = 0; i < W_.numel(); ++i) W_[i] = rng.uniform(-bound, bound);
    for (size_t i = 0; i < b_.numel(); ++i) b_[i] = rng.uniform(-bound, bound);
}

const Tensor& Linear::forward(const Tensor& x, Mode) {
    LL_ASSERT(x.ndim() == 2 && x.dim(1) == in_, "Linear input must be (N, in_features)");
    x_ = &x;
    const int N = x.dim(0);
    resize_to(y_, {N, out_});
    linear_forward(y_.data(), x.data(), W_.data(), has_bias_ ? b_.data() : nullptr, N, in_, out_);
    return y_;
}

const Tensor& Linear::backward(const Tensor& dy) {
    LL_ASSERT(x_ && dy.ndim() == 2 && dy.dim(0) == x_->dim(0) && dy.dim(1) == out_, "Linear dy must be (N, out)");
    const int N = dy.dim(0);
    resize_to(dx_, {N, in_});
    linear_backward(dx_.data(), dW_.data(), has_bias_ ? db_.data() : nullptr, dy.data(), x_->data(), W_.data(), N,
                    in_, out_);
    return dx_;
}

std::vector<ParamRef> Linear::params() {
    std::vector<ParamRef> p{{"weight", &W_, &dW_}};
    if (has_bias_) p.push_back({"bias", &b_, &db_});
    return p;
}

Geometry Linear::geometry() const {
    Geometry g;
    g.global = true;
    g.spatial = false;
    return g;
}

// ---- Flatten ----

Status Flatten::configure(const Shape& in) {
    const int ndim = int(in.size()) + 1;  // with the batch dimension
    const int s = normalise_dim(start_dim_, ndim), e = normalise_dim(end_dim_, ndim);
    const std::string dims = "start_dim " + std::to_string(start_dim_) + ", end_dim " + std::to_string(end_dim_);
    if (s < 0 || s >= ndim || e < 0 || e >= ndim) {
        return Status::error(dims + " is out of range for a " + std::to_string(ndim) + "-D batch (N x " +
                             shape_str(in) + "); dims go from 0 (batch) to " + std::to_string(ndim - 1) +
                             " or count back from -1");
    }
    if (s == 0) return Status::error(dims + " would merge the batch dimension (dim 0); use start_dim 1");
    if (s > e) return Status::error(dims + ": start_dim comes after end_dim; swap them");
    in_shape_ = in;
    out_shape_.clear();
    // Sample dims are batched dims minus one: merge in[s-1 .. e-1].
    for (int d = 0; d < s - 1; ++d) out_shape_.push_back(in[size_t(d)]);
    int merged = 1;
    for (int d = s - 1; d <= e - 1; ++d) merged *= in[size_t(d)];
    out_shape_.push_back(merged);
    for (int d = e; d < int(in.size()); ++d) out_shape_.push_back(in[size_t(d)]);
    return Status::ok();
}

const Tensor& Flatten::forward(const Tensor& x, Mode) {
    resize_batch(y_, x.dim(0), out_shape_);
    LL_ASSERT(y_.numel() == x.numel(), "Flatten input does not match the configured shape");
    std::copy(x.data(), x.data() + x.numel(), y_.data());
    return y_;
}

const Tensor& Flatten::backward(const Tensor& dy) {
    resize_batch(dx_, dy.dim(0), in_shape_);
    LL_ASSERT(dx_.numel() == dy.numel(), "Flatten dy does not match the configured shape");
    std::copy(dy.data(), dy.data() + dy.numel(), dx_.data());
    return dx_;
}

Geometry Flatten::geometry() const {
    Geometry g;
    g.spatial = false;
    return g;
}

// ---- Dropout, Dropout2d ----

Status Dropout::configure(const Shape& in) {
    in_shape_ = out_shape_ = in;
    return Status::ok();
}

float Dropout::scale() const { return p_ < 1.0f ? 1.0f / float(1.0 - double(p_)) : 0.0f; }

// Train: y = x * mask * 1/(1-p), one keep draw (u >= p, so P(keep) = 1-p) per element, or per (n, c)
// for Dropout2d. p = 0 and p = 1 draw nothing (torch returns x, or x * 0). Eval: y = x.
const Tensor& Dropout::forward(const Tensor& x, Mode mode) {
    y_.resize(x.shape());
    last_train_ = mode == Mode::Train;
    if (!last_train_ || x.numel() == 0) {
        last_train_ = false;
        std::copy(x.data(), x.data() + x.numel(), y_.data());
        return y_;
    }
    const int N = x.dim(0);
    const int C = channelwise_ ? (x.ndim() > 1 ? x.dim(1) : 1) : int(x.numel() / size_t(N));
    const size_t inner = x.numel() / (size_t(N) * size_t(C));  // elements sharing one draw
    resize_to(mask_, {N, C});
    Rng& rng = rng_ ? *rng_ : own_rng_;
    if (p_ <= 0.0f) mask_.fill(1.0f);
    else if (p_ >= 1.0f) mask_.fill(0.0f);
    else
        for (size_t i = 0; i < mask_.numel(); ++i) mask_[i] = rng.uniform() >= p_ ? 1.0f : 0.0f;
    if (!channelwise_) mask_.reshape(x.shape());
    const float s = scale();
    for (size_t j = 0; j < mask_.numel(); ++j) {
        const float m = mask_[j] * s;
        const float* xp = x.data() + j * inner;
        float* yp = y_.data() + j * inner;
        for (size_t k = 0; k < inner; ++k) yp[k] = xp[k] * m;
    }
    return y_;
}

// dx = dy * mask * 1/(1-p) in train mode, dy in eval mode.
const Tensor& Dropout::backward(const Tensor& dy) {
    dx_.resize(dy.shape());
    if (!last_train_) {
        std::copy(dy.data(), dy.data() + dy.numel(), dx_.data());
        return dx_;
    }
    LL_ASSERT(dy.numel() % mask_.numel() == 0, "Dropout dy does not match the last forward");
    const size_t inner = dy.numel() / mask_.numel();
    const float s = scale();
    for (size_t j = 0; j < mask_.numel(); ++j) {
        const float m = mask_[j] * s;
        for (size_t k = 0; k < inner; ++k) dx_[j * inner + k] = dy[j * inner + k] * m;
    }
    return dx_;
}

// ---- Factories ----

LayerPtr make_linear(LayerArgs& a) {
    const int out = a.require_int("out_features", 1);
    const bool bias = a.get_bool("bias", true);
    // in_features is inferred; accepted (and checked by configure) when a torch-style file gives it.
    const int in = a.has("in_features") ? a.get_int("in_features", 0, 1) : 0;
    return std::make_unique<Linear>(out, bias, in);
}

LayerPtr make_flatten(LayerArgs& a) {
    const int s = a.get_int("start_dim", 1);
    const int e = a.get_int("end_dim", -1);
    return std::make_unique<Flatten>(s, e);
}

namespace {

LayerPtr make_dropout_layer(LayerArgs& a, bool channelwise) {
    const float p = a.get_float("p", 0.5f);
    if (!(p >= 0.0f && p <= 1.0f)) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%g", double(p));
        a.error(std::string("argument 'p' is a drop probability and must be between 0 and 1, got ") + buf);
    }
    return std::make_unique<Dropout>(p, channelwise);
}

}  // namespace

LayerPtr make_dropout(LayerArgs& a) { return make_dropout_layer(a, false); }
LayerPtr make_dropout2d(LayerArgs& a) { return make_dropout_layer(a, true); }

}  // namespace ll
