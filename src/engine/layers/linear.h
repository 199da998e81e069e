// Linear, Flatten, Dropout and Dropout2d: the layers of a classifier head (torch.nn twins).
//
// Linear: y = x W^T + b with W (out, in), the input a flat (N, in) batch; in_features is inferred from
// the shape flowing in, so a C x H x W map needs a Flatten first. Flatten merges dims start_dim..end_dim
// (torch's counting, batch = dim 0). Dropout zeroes elements with probability p in train mode and scales
// the survivors by 1/(1-p) (inverted dropout, so eval mode is the identity); Dropout2d zeroes whole
// channels of (N, C, H, W) (torch's feature_dropout: one draw per (n, c)).
// The classes are exposed so the labs can show Dropout's last mask.
#pragma once
#include "engine/layers/layer.h"

namespace ll {

// ---- Kernels (no allocation; x: (N, in), W: (out, in), b: (out) or null, y: (N, out)) ----

// y[n, o] = b[o] + sum_i x[n, i] * W[o, i]
void linear_forward(float* y, const float* x, const float* W, const float* b, int N, int in, int out);
// dx[n, i] = sum_o dy[n, o] W[o, i]          (overwritten)
// dW[o, i] += sum_n dy[n, o] x[n, i]         (accumulated)
// db[o]    += sum_n dy[n, o]                 (accumulated; skipped when db is null)
void linear_backward(float* dx, float* dW, float* db, const float* dy, const float* x, const float* W, int N,
                     int in, int out);

class Linear final : public Layer {
public:
    // in_features <= 0: inferred by configure(); otherwise configure() checks it.
    Linear(int out_features, bool bias, int in_features = 0);
    const char* type() const override { return "Linear"; }
    Status configure(const Shape& in_shape) override;
    // torch: kaiming_uniform_(a=sqrt(5)) => W ~ U(-1/sqrt(in), 1/sqrt(in)); b ~ U(-1/sqrt(in), 1/sqrt(in)).
    void init(Rng& rng) override;
    const Tensor& forward(const Tensor& x, Mode mode) override;
    const Tensor& backward(const Tensor& dy) override;
    std::vector<ParamRef> params() override;
    Geometry geometry() const override;
    int64_t macs() const override { return int64_t(in_) * out_; }

    const Tensor& weight() const { return W_; }  // (out, in)
    const Tensor& bias() const { return b_; }    // (out), empty without bias

private:
    int in_ = 0, out_ = 0, in_arg_ = 0;
    bool has_bias_ = true;
    Tensor W_, dW_, b_, db_;  // (out, in), (out)
    Tensor y_, dx_;           // (N, out), (N, in)
    const Tensor* x_ = nullptr;
};

class Flatten final : public Layer {
public:
    Flatten(int start_dim, int end_dim) : start_dim_(start_dim), end_dim_(end_dim) {}
    const char* type() const override { return "Flatten"; }
    Status configure(const Shape& in_shape) override;
    const Tensor& forward(const Tensor& x, Mode mode) override;
    const Tensor& backward(const Tensor& dy) override;
    Geometry geometry() const override;

private:
    int start_dim_, end_dim_;
    Tensor y_, dx_;
};

// Dropout (channelwise = false) and Dropout2d (channelwise = true).
class Dropout final : public Layer {
public:
    Dropout(float p, bool channelwise) : p_(p), channelwise_(channelwise) {}
    const char* type() const override { return channelwise_ ? "Dropout2d" : "Dropout"; }
    Status configure(const Shape& in_shape) override;
    const Tensor& forward(const Tensor& x, Mode mode) override;
    const Tensor& backward(const Tensor& dy) override;
    // Null: draw from a layer-owned generator seeded 0.
    void set_rng(Rng* rng) override { rng_ = rng; }

    float p() const { return p_; }
    // Multiplier of kept values: 1/(1-p), and 0 when p = 1 (torch multiplies by zero).
    float scale() const;
    // The last train-mode forward's keep mask, 1 kept / 0 dropped: (N, in_shape...) for Dropout,
    // (N, C) for Dropout2d. Empty before the first train-mode forward.
    const Tensor& mask() const { return mask_; }
    bool channelwise() const { return channelwise_; }
    // The last forward ran in train mode with values to drop (else it was the identity).
    bool last_forward_dropped() const { return last_train_; }

private:
    float p_;
    bool channelwise_;
    bool last_train_ = false;
    Rng* rng_ = nullptr;
    Rng own_rng_{0};
    Tensor mask_, y_, dx_;
};

}  // namespace ll
