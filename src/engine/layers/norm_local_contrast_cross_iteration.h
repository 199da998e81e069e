// The Normalization lab's two project-only layers (no torch.nn twin; `layerlab export-pytorch` writes a
// small module of the same name):
//   LocalContrastNorm          Jarrett, Kavukcuoglu, Ranzato & LeCun 2009, "What is the best multi-stage
//                              architecture for object recognition?" (norm_local_contrast.cpp)
//   CrossIterationBatchNorm2d  Yao, Cao, Zheng, Huang & Lin, "Cross-Iteration Batch Normalization",
//                              CVPR 2021 (norm_cross_iteration.cpp)
// The factories are in layers.h; the classes are declared here so the lab can read their caches.
#pragma once
#include <string>
#include <vector>

#include "engine/layers/conv.h"
#include "engine/layers/norm.h"

namespace ll {

// ---- LocalContrastNorm ----

struct LocalContrastOptions {
    int size = 9;            // Gaussian window, odd
    float sigma = 2.0f;      // its standard deviation in pixels
    bool mean_floor = true;  // floor = mean of sigma over the sample's map (the paper's choice)
    float floor = 0.0f;      // the fixed floor when mean_floor is false
};

// On a (N, C, H, W) batch, per sample, with a Gaussian window w_pq (p, q in [-size/2, size/2]) whose sum
// over the window AND the C channels is 1 (sum_{c,p,q} w_pq = 1, i.e. sum_pq w_pq = 1/C):
//   subtractive  v_{c,ij}  = x_{c,ij} - m_ij,         m_ij = sum_{c,p,q} w_pq x_{c,i+p,j+q}
//   divisive     y_{c,ij}  = v_{c,ij} / d_ij,         d_ij = max(floor, sigma_ij),
//                sigma_ij  = sqrt(sum_{c,p,q} w_pq v^2_{c,i+p,j+q}),
// floor = mean_ij(sigma_ij) of the sample (default) or a fixed number; d never falls below 1e-6 (0/0 on
// a constant map). Near the border the window is cut by the image and its weights are renormalised to
// the part inside (see norm_local_contrast.cpp).
// No parameters and no state: train and eval are the same.
class LocalContrastNorm final : public Layer {
public:
    explicit LocalContrastNorm(const LocalContrastOptions& o) : opt_(o) {}
    const char* type() const override { return "LocalContrastNorm"; }
    Status configure(const Shape& in) override;
    const Tensor& forward(const Tensor& x, Mode mode) override;
    const Tensor& backward(const Tensor& dy) override;
    // sigma reads v over the window, and v reads x over the window: 2*size-1 per axis; the mean floor
    // reads the whole map.
    Geometry geometry() const override;
    int64_t macs() const override;

    const LocalContrastOptions& options() const { return opt_; }
    // (size, size): w_pq, summing to 1/C (to 1 over the window and the channels).
    const Tensor& window() const { return window_; }
    // (H, W): the share of the window's weight that falls inside the image (1 away from the border).
    const Tensor& coverage() const { return coverage_; }
    // Caches of the last forward, for the lab.
    const Tensor& local_mean() const { return mean_; }   // (N, 1, H, W): m
    const Tensor& centered() const { return v_; }        // (N, C, H, W): v = x - m
    const Tensor& local_std() const { return sigma_; }   // (N, 1, H, W): sigma
    const Tensor& floor_values() const { return floor_; }  // (N): the floor used per sample
    const Tensor& divisor() const { return d_; }         // (N, 1, H, W): max(floor, sigma)

private:
    LocalContrastOptions opt_;
    int C_ = 0, H_ = 0, W_ = 0;
    // The blurred maps are computed in double: a constant sample then gets m equal to its value in
    // float, so v = 0 exactly (float rounding would leave noise of 1e-7 that the division magnifies).
    std::vector<double> g1_;      // (size): 1-D Gaussian summing to 1; the window is g1 g1^T / C
    Tensor window_, coverage_;    // see the accessors
    std::vector<double> inv_ca_;  // (H, W): 1 / (C * coverage), the renormalised weights' factor
    Tensor y_, dx_, v_, mean_, sigma_, d_, floor_;
    std::vector<double> map_, tmp_, aux_;  // (H, W) scratch maps
};

// ---- CrossIterationBatchNorm2d ----

struct CrossIterationOptions {
    int window = 4;           // k: the current iteration and the k-1 before it
    bool compensate = true;   // Taylor-compensate past statistics for the preceding Conv2d's weight change
    int burn_in = 0;          // train iterations that use the batch statistics only
    BatchNormOptions bn;      // eps, momentum (null: cumulative), affine, track_running_stats
};

// One train iteration's per-channel statistics of the layer's input (the preceding conv's output y).
struct IterationStats {
    int64_t iteration = 0;  // 1-based index of the train iteration it comes from
    int count = 0;          // M = N*H*W values per channel
    Tensor mu, nu;          // (C): mean(y_c) and the second moment mean(y_c^2), with that iteration's weights
    // With compensation: d mu_c / d W_c and d nu_c / d W_c, (OC, C_in/G, KH, KW) like the conv's weight,
    // and the conv's weight and bias then; empty otherwise. (d mu_c / d b_c = 1, d nu_c / d b_c = 2 mu_c.)
    Tensor dmu_dw, dnu_dw, weight, bias;
    // (C): the statistics compensated to the conv's weights of the last forward that used them
    // (equal to mu, nu without compensation).
    Tensor mu_comp, nu_comp;
};

// Batch statistics pooled over the current and the last k-1 train iterations (per channel over
// (N, H, W)). A past iteration's statistics were taken with older weights theta_{t-tau} of the preceding
// conv; to first order in the weight change
//   mu_{t-tau}(theta_t) ~ mu_{t-tau} + d mu_{t-tau}/d theta (theta_t - theta_{t-tau}), nu the same,
// exact for mu (linear in the weights). Then over the n valid iterations
//   mean = 1/n sum_tau mu_tau,   var = 1/n sum_tau max(nu_tau, mu_tau^2) - mean^2,
// x_hat = (x - mean) / sqrt(var + eps), y = gamma x_hat + beta. Gradients flow through the current
// iteration's statistics only (past ones are constants, as in the paper). Running statistics follow
// BatchNorm2d with the pooled mean and variance (unbiased over all the pooled values). Eval uses them.
// window 1 (or burn-in) is BatchNorm2d exactly.
class CrossIterationBatchNorm2d final : public NormLayer {
public:
    explicit CrossIterationBatchNorm2d(const CrossIterationOptions& o);
    const char* type() const override { return "CrossIterationBatchNorm2d"; }
    Status configure(const Shape& in) override;
    // Finds the Conv2d whose weights the compensation follows (called by the Model after configure).
    Status link_previous(Layer* prev) override;
    void init(Rng&) override;
    const Tensor& forward(const Tensor& x, Mode mode) override;
    const Tensor& backward(const Tensor& dy) override;
    std::vector<BufferRef> buffers() override;
    Geometry geometry() const override;
    Status check_batch(const Shape& x_shape, Mode mode) const override;

    const CrossIterationOptions& options() const { return opt_; }
    const Tensor& running_mean() const { return running_.mean; }  // (C); empty without tracking
    const Tensor& running_var() const { return running_.var; }
    int64_t num_batches_tracked() const { return running_.num_batches_tracked; }
    bool used_batch_stats() const { return used_batch_stats_; }

    // Compensation runs when it is asked for and a Conv2d comes right before; otherwise the note says why.
    bool compensating() const { return conv_ != nullptr; }
    const std::string& compensation_note() const { return note_; }
    const Conv2d* linked_conv() const { return conv_; }

    // The last train forward: its own statistics (current().mu_comp == current().mu), the past
    // iterations it pooled (past(1) the one before it ... past(history_size())), and how many
    // iterations it averaged (1: batch statistics only).
    const IterationStats& current() const { return current_; }
    int history_size() const { return int(history_count_); }
    const IterationStats& past(int tau) const;
    int used_iterations() const { return used_iterations_; }
    int64_t iterations() const { return iterations_; }  // train iterations recorded

    // Frozen: train forwards pool the same history again and again without recording themselves or
    // updating the running statistics (the lab's repeated look at one step; gradchecks).
    void set_frozen(bool frozen);
    bool frozen() const { return frozen_; }
    void clear_history();

private:
    bool uses_batch_stats(Mode mode) const { return mode == Mode::Train || !opt_.bn.track_running_stats; }
    void commit_pending();
    void record_current(const Tensor& x);
    void compensate(IterationStats& s) const;
    int pool_statistics();  // fills mean_, var_ from current_ and the history; returns total count
    void update_running_stats(int M_total);

    CrossIterationOptions opt_;
    int C_ = 0, S_ = 1;
    Conv2d* conv_ = nullptr;
    std::string note_;
    RunningStats running_;
    bool used_batch_stats_ = true;

    IterationStats current_;
    std::vector<IterationStats> history_;  // ring of window-1 slots
    size_t history_head_ = 0, history_count_ = 0;  // next slot to write; slots filled
    bool pending_ = false;  // current_ holds a recorded iteration not yet in the ring
    bool frozen_ = false;
    int64_t iterations_ = 0;
    int used_iterations_ = 1;
    int used_count_ = 0;  // M of the current batch in the last train forward

    Tensor ones_;                // (N, C, H, W) of 1: d mu / d W as a weight gradient
    std::vector<float> cols_;    // im2col workspace of the conv's geometry
};

}  // namespace ll
