// BatchNorm1d and BatchNorm2d (one class, statistics per channel over (N, S)), and the NormLayer
// plumbing shared with norm_row.cpp. Maths of forward/backward: kernels/norm_kernels.h; running
// statistics as torch 1.13's _BatchNorm.forward and ATen batch_norm_cpu_update_stats.
#include <algorithm>
#include <string>

#include "engine/kernels/norm_kernels.h"
#include "engine/layers/norm.h"

namespace ll {

// ---- NormLayer ----

Status NormLayer::setup_affine(const Shape& shape) {
    if (!affine_) {
        gamma_ = beta_ = dgamma_ = dbeta_ = Tensor();
        return Status::ok();
    }
    // gamma, beta and their gradients: 4 tensors of the affine shape (LayerNorm's is the whole sample).
    LL_TRY(reserve("gamma and beta", {int64_t(shape_numel(shape))}, 4));
    gamma_ = Tensor(shape, 1.0f);
    beta_ = Tensor(shape, 0.0f);
    dgamma_ = Tensor(shape, 0.0f);
    dbeta_ = Tensor(shape, 0.0f);
    return Status::ok();
}

void NormLayer::reset_affine() {
    if (!affine_) return;
    gamma_.fill(1.0f);
    beta_.fill(0.0f);
}

std::vector<ParamRef> NormLayer::params() {
    if (!affine_) return {};
    return {{"weight", &gamma_, &dgamma_}, {"bias", &beta_, &dbeta_}};
}

Status NormLayer::check_batch(const Shape& x_shape, Mode) const {
    if (x_shape.size() != in_shape_.size() + 1 || Shape(x_shape.begin() + 1, x_shape.end()) != in_shape_) {
        return Status::error(std::string(type()) + ": expected a batch of " + shape_str(in_shape_) +
                             " samples, got " + shape_str(x_shape));
    }
    return Status::ok();
}

// ---- BatchNorm ----

BatchNorm::BatchNorm(int dims, const BatchNormOptions& opt)
    : NormLayer(opt.eps, opt.affine), dims_(dims), opt_(opt) {
    LL_ASSERT(dims == 1 || dims == 2, "BatchNorm: dims must be 1 or 2");
}

Status BatchNorm::configure(const Shape& in) {
    if (dims_ == 2 && in.size() != 3) {
        return Status::error("BatchNorm2d needs a C x H x W input, got " + shape_str(in) +
                             (in.size() < 3 ? "; use BatchNorm1d for features or C x L inputs" : ""));
    }
    if (dims_ == 1 && in.size() != 1 && in.size() != 2) {
        return Status::error("BatchNorm1d needs a features or C x L input, got " + shape_str(in) +
                             "; use BatchNorm2d for C x H x W maps");
    }
    in_shape_ = out_shape_ = in;
    C_ = in[0];
    S_ = int(shape_numel(in) / size_t(C_));
    LL_TRY(setup_affine({C_}));
    LL_TRY(reserve("statistics", {C_}, 5));  // mean, var, rstd, running mean and var
    mean_ = var_ = rstd_ = Tensor({C_});  // (C) whatever the batch: sized once
    running_.configure(opt_.track_running_stats, C_);
    return Status::ok();
}

void BatchNorm::init(Rng&) {
    reset_affine();
    if (opt_.track_running_stats) running_.reset();
}

Status BatchNorm::check_batch(const Shape& x_shape, Mode mode) const {
    LL_TRY(NormLayer::check_batch(x_shape, mode));
    if (uses_batch_stats(mode) && int64_t(x_shape[0]) * S_ <= 1) {
        return Status::error(std::string(type()) + ": expected more than 1 value per channel when training, got "
                             "input size " + shape_str(x_shape) + "; use a batch of at least 2 samples");
    }
    return Status::ok();
}

void BatchNorm::update_running_stats(int M) {
    if (M <= 1) return;  // torch raises here (check_batch); the state stays as it was
    const double f = running_.next_factor(opt_.momentum, opt_.cumulative);
    // The running variance estimates the population variance: unbiased, var * M/(M-1).
    running_.update(mean_.data(), var_.data(), f, double(M) / double(M - 1));
}

// ---- Forward ----

const Tensor& BatchNorm::forward(const Tensor& x, Mode mode) {
    LL_ASSERT(x.ndim() == int(in_shape_.size()) + 1 && x.dim(1) == C_, "BatchNorm: input is not (N, in_shape...)");
    const int N = x.dim(0);
    x_hat_.resize(x.shape());  // (N, C, S)
    y_.resize(x.shape());
    used_batch_stats_ = uses_batch_stats(mode);
    if (!used_batch_stats_) running_.copy_to(mean_.data(), var_.data());
    // Statistics (when used), rstd, x_hat and y, channel by channel.
    batch_norm_forward(y_.data(), x_hat_.data(), mean_.data(), var_.data(), rstd_.data(), x.data(), gamma_ptr(),
                       beta_ptr(), N, C_, S_, eps_, used_batch_stats_);
    if (used_batch_stats_ && mode == Mode::Train && opt_.track_running_stats) update_running_stats(N * S_);
    return y_;
}

// ---- Backward ----

// y = gamma * x_hat + beta: dgamma += sum dy * x_hat, dbeta += sum dy, dxh = dy * gamma. Then with batch
// statistics dx = rstd/M * (M*dxh - sum(dxh) - x_hat*sum(dxh*x_hat)) (derivation in norm_kernels.h);
// with running statistics (constants) dx = dxh * rstd.
const Tensor& BatchNorm::backward(const Tensor& dy) {
    LL_ASSERT(dy.shape() == x_hat_.shape(), "BatchNorm: dy does not match the last forward");
    const int N = dy.dim(0);
    dx_.resize(dy.shape());
    batch_norm_backward(dx_.data(), affine_ ? dgamma_.data() : nullptr, affine_ ? dbeta_.data() : nullptr, dy.data(),
                        x_hat_.data(), gamma_ptr(), rstd_.data(), N, C_, S_, used_batch_stats_);
    return dx_;
}

std::vector<BufferRef> BatchNorm::buffers() {
    if (!opt_.track_running_stats) return {};
    return running_.buffers();
}

Geometry BatchNorm::geometry() const {
    Geometry g;  // pointwise in space: kernel 1
    g.spatial = in_shape_.size() > 1;
    return g;
}

// ---- Factories ----

// torch accepts any eps; a negative one makes var + eps negative, so it is refused.
float read_norm_eps(LayerArgs& a) {
    const float eps = a.get_float("eps", 1e-5f);
    if (!(eps >= 0.0f)) a.error("argument 'eps' must be at least 0, got " + std::to_string(eps));
    return eps;
}

namespace {

BatchNormOptions read_batch_norm(LayerArgs& a) {
    BatchNormOptions o;
    o.eps = read_norm_eps(a);
    o.momentum = read_norm_momentum(a, &o.cumulative);  // null: torch's momentum=None, the cumulative average
    o.affine = a.get_bool("affine", true);
    o.track_running_stats = a.get_bool("track_running_stats", true);
    return o;
}

}  // namespace

LayerPtr make_batch_norm2d(LayerArgs& a) { return std::make_unique<BatchNorm>(2, read_batch_norm(a)); }
LayerPtr make_batch_norm1d(LayerArgs& a) { return std::make_unique<BatchNorm>(1, read_batch_norm(a)); }

}  // namespace ll
