// Normalisation layers, the torch.nn twins: BatchNorm1d/2d (norm_batch.cpp), LayerNorm, GroupNorm,
// InstanceNorm2d (norm_row.cpp) and LocalResponseNorm (norm_local_response.cpp). The factories in
// layers.h build them from JSON; the classes are declared here so the Normalization lab can read their
// caches. Running statistics: running_stats.h.
//
// All but LRN standardise then scale: x_hat = (x - mean) * rstd, rstd = 1/sqrt(var + eps), var biased,
// y = gamma * x_hat + beta. They differ only in the axes averaged (for a (N, C, H, W) batch):
//   BatchNorm (N, H, W) per channel | LayerNorm (C, H, W) per sample | InstanceNorm (H, W) per sample
//   and channel | GroupNorm (C/G, H, W) per sample and group of channels.
// num_features / normalized_shape / num_channels are inferred from the input shape, never arguments.
#pragma once
#include "engine/layers/layers.h"
#include "engine/layers/running_stats.h"

namespace ll {

// Shared state and accessors of the standardise-then-scale norms.
class NormLayer : public Layer {
public:
    // ---- Caches of the last forward, for the labs ----
    const Tensor& x_hat() const { return x_hat_; }  // (N, in_shape...)
    // The statistics the last forward normalised with: BatchNorm (C); LayerNorm (N, 1); GroupNorm (N, G);
    // InstanceNorm (N, C). When running statistics were used (eval), their copy: (C).
    const Tensor& mean() const { return mean_; }
    const Tensor& var() const { return var_; }    // biased variance, same shape as mean()
    const Tensor& rstd() const { return rstd_; }  // 1 / sqrt(var + eps), same shape as mean()
    const Tensor& gamma() const { return gamma_; }  // (C), LayerNorm: in_shape; empty without affine
    const Tensor& beta() const { return beta_; }
    bool affine() const { return affine_; }
    float eps() const { return eps_; }

    // Whether a batch of this shape (with batch dim) can go through forward in this mode, with torch's
    // error otherwise ("Expected more than 1 value per channel when training"). forward() itself never
    // fails: on such a batch it returns torch's arithmetic (var 0, so y = beta) and leaves the running
    // statistics and num_batches_tracked untouched.
    Status check_batch(const Shape& x_shape, Mode mode) const override;

    std::vector<ParamRef> params() override;
    // One multiply-add per value (y = a*x + b once the statistics are folded into a and b);
    // computing the statistics is not counted.
    int64_t macs() const override { return int64_t(shape_numel(in_shape_)); }

protected:
    NormLayer(float eps, bool affine) : eps_(eps), affine_(affine) {}
    // Sizes gamma and beta (and their grads) to `shape` when affine, torch's init: gamma 1, beta 0.
    Status setup_affine(const Shape& shape);  // reserves, then sizes gamma, beta and their gradients
    void reset_affine();
    const float* gamma_ptr() const { return affine_ ? gamma_.data() : nullptr; }
    const float* beta_ptr() const { return affine_ ? beta_.data() : nullptr; }

    float eps_;
    bool affine_;
    Tensor gamma_, beta_, dgamma_, dbeta_;
    Tensor x_hat_, y_, dx_;      // (N, in_shape...), reused while the batch shape is unchanged
    Tensor mean_, var_, rstd_;   // see mean()
};

// ---- BatchNorm1d / BatchNorm2d ----

struct BatchNormOptions {
    float eps = 1e-5f;
    float momentum = 0.1f;
    bool cumulative = false;  // torch's momentum=None: cumulative average, factor 1/num_batches_tracked
    bool affine = true;
    bool track_running_stats = true;
};

// Statistics per channel over (N, S): BatchNorm2d on {C, H, W} (S = H*W), BatchNorm1d on {F}
// (C = F, S = 1) or {C, L} (S = L).
// Train: normalise with the batch mean and biased variance; with track_running_stats,
// running = (1 - f) * running + f * batch_stat using the UNBIASED variance var * M/(M-1), M = N*S,
// f = momentum (or 1/num_batches_tracked when cumulative), num_batches_tracked += 1.
// Eval: normalise with the running statistics (with the batch's when track_running_stats is false).
class BatchNorm final : public NormLayer {
public:
    BatchNorm(int dims, const BatchNormOptions& opt);  // dims: 1 (BatchNorm1d) or 2 (BatchNorm2d)
    const char* type() const override { return dims_ == 1 ? "BatchNorm1d" : "BatchNorm2d"; }
    Status configure(const Shape& in) override;
    void init(Rng&) override;
    const Tensor& forward(const Tensor& x, Mode mode) override;
    const Tensor& backward(const Tensor& dy) override;
    std::vector<BufferRef> buffers() override;  // none without track_running_stats, as torch
    Geometry geometry() const override;
    Status check_batch(const Shape& x_shape, Mode mode) const override;

    const Tensor& running_mean() const { return running_.mean; }  // (C); empty without tracking
    const Tensor& running_var() const { return running_.var; }    // (C), unbiased estimates
    int64_t num_batches_tracked() const { return running_.num_batches_tracked; }
    const BatchNormOptions& options() const { return opt_; }
    bool used_batch_stats() const { return used_batch_stats_; }  // last forward: batch (true) or running

private:
    bool uses_batch_stats(Mode mode) const { return mode == Mode::Train || !opt_.track_running_stats; }
    void update_running_stats(int M);

    int dims_;
    BatchNormOptions opt_;
    int C_ = 0, S_ = 1;
    RunningStats running_;
    bool used_batch_stats_ = true;
};

// ---- LayerNorm / GroupNorm / InstanceNorm2d ----

// Statistics per sample over groups of whole channels: x viewed as (N*G, M) rows, M = C/G * S.
// Affine per channel over (N, S) (LayerNorm: per value, C = all features, S = 1).
class RowNorm : public NormLayer {
public:
    const Tensor& forward(const Tensor& x, Mode mode) override;
    const Tensor& backward(const Tensor& dy) override;
    int groups() const { return G_; }  // rows per sample

protected:
    RowNorm(float eps, bool affine) : NormLayer(eps, affine) {}
    // Records the row and affine layout for in_shape_ and sizes gamma/beta to affine_shape.
    Status set_layout(int G, int C, int S, const Shape& affine_shape);

    int G_ = 1, C_ = 1, S_ = 1;
};

// normalized_shape = the whole sample shape; elementwise_affine gamma/beta have that shape.
class LayerNorm final : public RowNorm {
public:
    LayerNorm(float eps, bool elementwise_affine) : RowNorm(eps, elementwise_affine) {}
    const char* type() const override { return "LayerNorm"; }
    Status configure(const Shape& in) override;
    void init(Rng&) override { reset_affine(); }
    Geometry geometry() const override;
};

// num_groups must divide the channels (dim 0 of the input: {C, H, W}, {C, L} or {C}).
class GroupNorm final : public RowNorm {
public:
    GroupNorm(int num_groups, float eps, bool affine) : RowNorm(eps, affine), num_groups_(num_groups) {}
    const char* type() const override { return "GroupNorm"; }
    Status configure(const Shape& in) override;
    void init(Rng&) override { reset_affine(); }
    Geometry geometry() const override;

private:
    int num_groups_;
};

struct InstanceNormOptions {
    float eps = 1e-5f;
    float momentum = 0.1f;
    bool affine = false;
    bool track_running_stats = false;
};

// Per sample and channel over (H, W). With track_running_stats (torch's ATen instance_norm): train
// updates running = (1 - m) * running + m * mean_n(stat_nc), the variance unbiased (H*W/(H*W-1)),
// and eval normalises with the running statistics. num_batches_tracked exists but stays 0, as torch.
class InstanceNorm2d final : public RowNorm {
public:
    explicit InstanceNorm2d(const InstanceNormOptions& opt) : RowNorm(opt.eps, opt.affine), opt_(opt) {}
    const char* type() const override { return "InstanceNorm2d"; }
    Status configure(const Shape& in) override;
    void init(Rng&) override;
    const Tensor& forward(const Tensor& x, Mode mode) override;
    const Tensor& backward(const Tensor& dy) override;
    std::vector<BufferRef> buffers() override;
    Status check_batch(const Shape& x_shape, Mode mode) const override;

    const Tensor& running_mean() const { return running_.mean; }  // (C); empty without tracking
    const Tensor& running_var() const { return running_.var; }
    const InstanceNormOptions& options() const { return opt_; }
    bool used_batch_stats() const { return used_batch_stats_; }

private:
    void update_running_stats(int N);

    InstanceNormOptions opt_;
    RunningStats running_;
    Tensor avg_mean_, avg_var_;  // (C): batch averages of the per-sample statistics
    bool used_batch_stats_ = true;
};

// ---- LocalResponseNorm ----

// Across channels of {C, H, W} or {C, L}: y_c = x_c / (k + alpha/size * sum_{c' in W(c)} x_{c'}^2)^beta,
// W(c) = [c - size/2, c + (size-1)/2] (zero padded, divisor always size). No parameters.
class LocalResponseNorm final : public Layer {
public:
    LocalResponseNorm(int size, float alpha, float beta, float k) : size_(size), alpha_(alpha), beta_(beta), k_(k) {}
    const char* type() const override { return "LocalResponseNorm"; }
    Status configure(const Shape& in) override;
    const Tensor& forward(const Tensor& x, Mode mode) override;
    const Tensor& backward(const Tensor& dy) override;
    // The window sum of squares is size multiply-adds per value.
    int64_t macs() const override { return int64_t(shape_numel(in_shape_)) * size_; }

    const Tensor& scale() const { return scale_; }  // (N, C, ...): k + alpha/size * window sum of x^2

private:
    int size_;
    float alpha_, beta_, k_;
    int C_ = 0, S_ = 1;
    const Tensor* x_ = nullptr;
    Tensor y_, dx_, scale_, work_;
};

// Factory helper shared by norm_batch.cpp, norm_row.cpp and norm_cross_iteration.cpp: the "eps" argument
// (default 1e-5, >= 0).
float read_norm_eps(LayerArgs& a);

}  // namespace ll
