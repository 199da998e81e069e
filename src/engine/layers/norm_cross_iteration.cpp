// CrossIterationBatchNorm2d (Yao et al., CVPR 2021): BatchNorm2d whose statistics pool the last k train
// iterations, past ones Taylor-compensated for the preceding Conv2d's weight change (maths in
// norm_local_contrast_cross_iteration.h). The batch statistics, normalisation and affine step reuse
// BatchNorm's kernels (kernels/norm_kernels.h) and the running statistics its RunningStats
// (running_stats.h), so window 1 is BatchNorm2d bit for bit.
//
// Compensation terms of one iteration, from the conv's input X and output y = conv(X; W, b) (the layer's
// own input): with P_c(n, s) the im2col patch that output (n, c, s) reads, y_c = W_c . P_c + b_c, so
//   d mu_c / d W_c = mean_{n,s} P_c            (conv weight gradient of dy = 1/M)
//   d nu_c / d W_c = 2 mean_{n,s} y_c P_c      (conv weight gradient of dy = 2 y / M)
//   d mu_c / d b_c = 1,  d nu_c / d b_c = 2 mu_c.
// Both gradients come from conv2d_backward (weights only), whatever the stride, padding or groups.
// Iteration bookkeeping: a train forward pools the ring of past iterations, then leaves its own
// statistics in current_ ("pending"); the next train forward moves them into the ring first, so between
// forwards current() and past(tau) are exactly what the last forward used.
#include <algorithm>
#include <cmath>
#include <string>

#include "engine/kernels/conv_kernels.h"
#include "engine/kernels/norm_kernels.h"
#include "engine/layers/norm_local_contrast_cross_iteration.h"

namespace ll {

namespace {

constexpr int kMaxWindow = 64;  // each slot keeps two weight-sized derivatives and the weights

// Backward through statistics pooled over n iterations of which only the current one (M values per
// channel) depends on x: mean = (mu_t + ...)/n and var = (nu_t + ...)/n - mean^2 give
// d mean/dx = 1/(nM), d var/dx = 2 (x - mean)/(nM), so as for BatchNorm with nM in place of M:
//   dx = rstd * (dxh - (sum(dxh) + x_hat * sum(dxh * x_hat)) / (nM)).
// (Here x_hat has no zero mean over the batch; the formula does not need it.) dx may alias dxh.
void pooled_norm_backward(float* dx, const float* dxh, const float* x_hat, const float* rstd, int N, int C, int S,
                          int n) {
    const double nM = double(n) * double(N) * double(S);
    for (int c = 0; c < C; ++c) {
        double sum_d = 0.0, sum_dx = 0.0;
        for (int b = 0; b < N; ++b) {
            const size_t base = (size_t(b) * C + size_t(c)) * S;
            for (int s = 0; s < S; ++s) {
                sum_d += double(dxh[base + s]);
                sum_dx += double(dxh[base + s]) * double(x_hat[base + s]);
            }
        }
        const float mean_d = float(sum_d / nM), mean_dx = float(sum_dx / nM), r = rstd[c];
        for (int b = 0; b < N; ++b) {
            const size_t base = (size_t(b) * C + size_t(c)) * S;
            for (int s = 0; s < S; ++s) dx[base + s] = r * (dxh[base + s] - mean_d - x_hat[base + s] * mean_dx);
        }
    }
}

void scale_values(Tensor& t, double f) {
    for (size_t i = 0; i < t.numel(); ++i) t[i] = float(double(t[i]) * f);
}

}  // namespace

// ---- Setup ----

CrossIterationBatchNorm2d::CrossIterationBatchNorm2d(const CrossIterationOptions& o)
    : NormLayer(o.bn.eps, o.bn.affine), opt_(o) {
    (void)link_previous(nullptr);  // no conv: nothing is reserved, nothing can fail
}

Status CrossIterationBatchNorm2d::configure(const Shape& in) {
    if (in.size() != 3) {
        return Status::error("CrossIterationBatchNorm2d needs a C x H x W input, got " + shape_str(in) +
                             "; put it after a Conv2d, before any Flatten");
    }
    in_shape_ = out_shape_ = in;
    C_ = in[0];
    S_ = in[1] * in[2];
    LL_TRY(setup_affine({C_}));
    mean_ = var_ = rstd_ = Tensor({C_});
    running_.configure(opt_.bn.track_running_stats, C_);
    history_.assign(size_t(opt_.window - 1), IterationStats());
    current_ = IterationStats();
    iterations_ = 0;
    clear_history();
    return Status::ok();
}

Status CrossIterationBatchNorm2d::link_previous(Layer* prev) {
    conv_ = nullptr;
    if (!opt_.compensate) {
        note_ = "compensate is false: past statistics are averaged as they were recorded (the naive variant)";
    } else if (!prev) {
        note_ = "no layer before it: past statistics are used without compensation (it needs a Conv2d right "
                "before it)";
    } else if (Conv2d* c = dynamic_cast<Conv2d*>(prev)) {
        conv_ = c;
        note_.clear();
    } else {
        note_ = std::string("the previous layer is ") + prev->type() +
                ", not a Conv2d: past statistics are used without compensation (put it right after a Conv2d)";
    }
    current_ = IterationStats();
    clear_history();
    // With compensation each of the window's iterations keeps d mu / dW, d nu / dW and the weights:
    // three copies of the conv's weight (allocated as the iterations run, counted now).
    if (conv_) {
        const Tensor& w = conv_->weight();
        LL_TRY(reserve("compensation history", {opt_.window, int64_t(w.numel())}, 3));
    }
    return Status::ok();
}

void CrossIterationBatchNorm2d::init(Rng&) {
    reset_affine();
    running_.reset();
    iterations_ = 0;
    clear_history();
}

void CrossIterationBatchNorm2d::clear_history() {
    history_head_ = history_count_ = 0;
    pending_ = false;
}

void CrossIterationBatchNorm2d::set_frozen(bool frozen) {
    if (frozen && !frozen_) commit_pending();  // the last recorded iteration becomes past(1)
    frozen_ = frozen;
}

const IterationStats& CrossIterationBatchNorm2d::past(int tau) const {
    LL_ASSERT(tau >= 1 && size_t(tau) <= history_count_, "CrossIterationBatchNorm2d::past: tau out of range");
    const size_t cap = history_.size();
    return history_[(history_head_ + cap - size_t(tau)) % cap];
}

Status CrossIterationBatchNorm2d::check_batch(const Shape& x_shape, Mode mode) const {
    LL_TRY(NormLayer::check_batch(x_shape, mode));
    if (uses_batch_stats(mode) && int64_t(x_shape[0]) * S_ <= 1) {
        return Status::error("CrossIterationBatchNorm2d: expected more than 1 value per channel when training, got "
                             "input size " + shape_str(x_shape) + "; use a batch of at least 2 samples");
    }
    return Status::ok();
}

// ---- Iteration history ----

void CrossIterationBatchNorm2d::commit_pending() {
    if (!pending_) return;
    pending_ = false;
    if (history_.empty()) return;
    history_[history_head_] = current_;  // copy-assign: reuses the slot's storage
    history_head_ = (history_head_ + 1) % history_.size();
    history_count_ = std::min(history_count_ + 1, history_.size());
}

// current_.mu, nu, count are set; adds the compensation terms and the conv's weights when they will be
// needed (a later iteration pools this one), and marks it pending.
void CrossIterationBatchNorm2d::record_current(const Tensor& x) {
    current_.iteration = iterations_;
    pending_ = opt_.window > 1;
    if (!pending_ || !conv_) return;
    const Tensor* cx = conv_->last_input();
    LL_ASSERT(cx && conv_->dims().N == x.dim(0) && conv_->out_shape() == in_shape_,
              "CrossIterationBatchNorm2d: the linked Conv2d must run forward on this batch just before");
    const ConvDims& d = conv_->dims();
    const double M = double(current_.count);
    current_.weight = conv_->weight();
    current_.bias = conv_->bias();
    if (ones_.shape() != x.shape()) {
        ones_.resize(x.shape());
        ones_.fill(1.0f);
    }
    cols_.resize(conv2d_cols_size(d));
    current_.dmu_dw.resize(conv_->weight().shape());
    current_.dnu_dw.resize(conv_->weight().shape());
    current_.dmu_dw.zero();
    current_.dnu_dw.zero();
    // Weight gradients only (dx null): sum_{n,s} dy * P with dy = 1, then dy = y.
    conv2d_backward(nullptr, current_.dmu_dw.data(), nullptr, ones_.data(), cx->data(), conv_->weight().data(),
                    cols_.data(), d);
    conv2d_backward(nullptr, current_.dnu_dw.data(), nullptr, x.data(), cx->data(), conv_->weight().data(),
                    cols_.data(), d);
    scale_values(current_.dmu_dw, 1.0 / M);
    scale_values(current_.dnu_dw, 2.0 / M);
}

// mu(theta_t) ~ mu + dmu/dW . (W_t - W) + (b_t - b), nu(theta_t) ~ nu + dnu/dW . (W_t - W) + 2 mu (b_t - b).
void CrossIterationBatchNorm2d::compensate(IterationStats& s) const {
    s.mu_comp = s.mu;
    s.nu_comp = s.nu;
    if (!conv_ || s.weight.empty() || s.weight.shape() != conv_->weight().shape()) return;
    const Tensor& w = conv_->weight();
    const Tensor& b = conv_->bias();
    const size_t K = w.numel() / size_t(C_);
    for (int c = 0; c < C_; ++c) {
        double dmu = 0.0, dnu = 0.0;
        for (size_t j = size_t(c) * K; j < size_t(c + 1) * K; ++j) {
            const double dw = double(w[j]) - double(s.weight[j]);
            dmu += double(s.dmu_dw[j]) * dw;
            dnu += double(s.dnu_dw[j]) * dw;
        }
        if (!b.empty() && b.numel() == s.bias.numel()) {
            const double db = double(b[size_t(c)]) - double(s.bias[size_t(c)]);
            dmu += db;
            dnu += 2.0 * double(s.mu[size_t(c)]) * db;
        }
        s.mu_comp[size_t(c)] = float(double(s.mu[size_t(c)]) + dmu);
        s.nu_comp[size_t(c)] = float(double(s.nu[size_t(c)]) + dnu);
    }
}

// mean_, var_ hold the current batch's mean and (two-pass) variance; replaces them by the pooled ones.
// 1/n sum max(nu, mu^2) - mean^2 is evaluated as 1/n sum [max(nu - mu^2, 0) + (mu - mean)^2] (the same
// number, without cancelling two large terms), with the current iteration's variance taken exactly.
int CrossIterationBatchNorm2d::pool_statistics() {
    // The filled slots are 0 .. history_count_-1 whatever the ring's head; their order does not matter.
    int M_total = current_.count;
    for (size_t k = 0; k < history_count_; ++k) {
        compensate(history_[k]);
        M_total += history_[k].count;
    }
    const double n = double(history_count_ + 1);
    for (int c = 0; c < C_; ++c) {
        const size_t i = size_t(c);
        double sum_mu = double(mean_[i]);
        for (size_t k = 0; k < history_count_; ++k) sum_mu += double(history_[k].mu_comp[i]);
        const double mean = sum_mu / n;
        double sum_var = double(var_[i]) + (double(mean_[i]) - mean) * (double(mean_[i]) - mean);
        for (size_t k = 0; k < history_count_; ++k) {
            const double mu = double(history_[k].mu_comp[i]), nu = double(history_[k].nu_comp[i]);
            sum_var += std::max(nu - mu * mu, 0.0) + (mu - mean) * (mu - mean);
        }
        mean_[i] = float(mean);
        var_[i] = float(sum_var / n);
    }
    return M_total;
}

void CrossIterationBatchNorm2d::update_running_stats(int M_total) {
    if (M_total <= 1) return;
    const double f = running_.next_factor(opt_.bn.momentum, opt_.bn.cumulative);
    // Unbiased over every pooled value, M_total/(M_total-1); BatchNorm2d's M/(M-1) for one iteration.
    running_.update(mean_.data(), var_.data(), f, double(M_total) / double(M_total - 1));
}

// ---- Forward ----

const Tensor& CrossIterationBatchNorm2d::forward(const Tensor& x, Mode mode) {
    LL_ASSERT(x.ndim() == 4 && x.dim(1) == C_ && x.dim(2) == in_shape_[1] && x.dim(3) == in_shape_[2],
              "CrossIterationBatchNorm2d: input is not (N, C, H, W)");
    const int N = x.dim(0), M = N * S_;
    x_hat_.resize(x.shape());
    y_.resize(x.shape());
    used_batch_stats_ = uses_batch_stats(mode);
    used_iterations_ = 1;
    if (used_batch_stats_) {
        const bool train = mode == Mode::Train && M > 1;  // M = 1: torch refuses (check_batch); no state change
        if (train && !frozen_) commit_pending();
        channel_moments(mean_.data(), var_.data(), x.data(), N, C_, S_);
        if (train) {
            current_.count = M;
            current_.mu = mean_;
            current_.nu = var_;
            for (int c = 0; c < C_; ++c)  // nu = var + mu^2
                current_.nu[size_t(c)] = float(double(var_[size_t(c)]) + double(mean_[size_t(c)]) * mean_[size_t(c)]);
            current_.mu_comp = current_.mu;
            current_.nu_comp = current_.nu;
            int M_total = M;
            if (opt_.window > 1 && iterations_ >= opt_.burn_in && history_count_ > 0) {
                M_total = pool_statistics();
                used_iterations_ = int(history_count_) + 1;
            }
            if (!frozen_) {
                ++iterations_;
                record_current(x);
                if (opt_.bn.track_running_stats) update_running_stats(M_total);
            }
        }
    } else {
        running_.copy_to(mean_.data(), var_.data());
    }
    inv_std(rstd_.data(), var_.data(), C_, eps_);
    channel_normalize(x_hat_.data(), x.data(), mean_.data(), rstd_.data(), N, C_, S_);
    affine_forward(y_.data(), x_hat_.data(), gamma_ptr(), beta_ptr(), N, C_, S_);
    return y_;
}

// ---- Backward ----

// As BatchNorm: dgamma += sum dy * x_hat, dbeta += sum dy, dxh = dy * gamma, then through the current
// iteration's statistics (pooled_norm_backward; BatchNorm's kernel when nothing was pooled) or, with
// running statistics, dx = dxh * rstd.
const Tensor& CrossIterationBatchNorm2d::backward(const Tensor& dy) {
    LL_ASSERT(dy.shape() == x_hat_.shape(), "CrossIterationBatchNorm2d: dy does not match the last forward");
    const int N = dy.dim(0);
    dx_.resize(dy.shape());
    affine_backward(dx_.data(), affine_ ? dgamma_.data() : nullptr, affine_ ? dbeta_.data() : nullptr, dy.data(),
                    x_hat_.data(), gamma_ptr(), N, C_, S_);
    if (!used_batch_stats_) channel_scale(dx_.data(), dx_.data(), rstd_.data(), N, C_, S_);
    else if (used_iterations_ == 1) channel_norm_backward(dx_.data(), dx_.data(), x_hat_.data(), rstd_.data(), N, C_, S_);
    else pooled_norm_backward(dx_.data(), dx_.data(), x_hat_.data(), rstd_.data(), N, C_, S_, used_iterations_);
    return dx_;
}

std::vector<BufferRef> CrossIterationBatchNorm2d::buffers() {
    if (!opt_.bn.track_running_stats) return {};
    return running_.buffers();
}

Geometry CrossIterationBatchNorm2d::geometry() const { return Geometry{}; }  // pointwise in space

// ---- Factory ----

LayerPtr make_cross_iteration_batch_norm2d(LayerArgs& a) {
    CrossIterationOptions o;
    o.window = a.get_int("window", 4, 1);
    if (o.window > kMaxWindow) {
        a.error("argument 'window' must be at most " + std::to_string(kMaxWindow) + " iterations, got " +
                std::to_string(o.window) + "; the paper uses 4 to 8");
    }
    o.compensate = a.get_bool("compensate", true);
    o.burn_in = a.get_int("burn_in", 0, 0);
    o.bn.eps = read_norm_eps(a);
    o.bn.momentum = read_norm_momentum(a, &o.bn.cumulative);  // null: torch's cumulative average
    o.bn.affine = a.get_bool("affine", true);
    o.bn.track_running_stats = a.get_bool("track_running_stats", true);
    return std::make_unique<CrossIterationBatchNorm2d>(o);
}

}  // namespace ll
