// LayerNorm, GroupNorm and InstanceNorm2d: one row-statistics core, RowNorm.
// RowNorm views a sample as G rows of M = C/G * S values: LayerNorm G = 1, GroupNorm G = num_groups,
// InstanceNorm G = C. The same code path makes GroupNorm(1) equal LayerNorm without affine, and
// GroupNorm(C) equal InstanceNorm2d, to the bit. Maths: kernels/norm_kernels.h.
#include <algorithm>
#include <string>

#include "engine/kernels/norm_kernels.h"
#include "engine/layers/norm.h"

namespace ll {

// ---- RowNorm ----

Status RowNorm::set_layout(int G, int C, int S, const Shape& affine_shape) {
    G_ = G;
    C_ = C;
    S_ = S;
    return setup_affine(affine_shape);
}

// x: (N, C, S) = (N*G, M) rows. mean, var, rstd: (N, G). y = gamma_c * x_hat + beta_c.
const Tensor& RowNorm::forward(const Tensor& x, Mode) {
    LL_ASSERT(x.ndim() == int(in_shape_.size()) + 1 && x.numel() == size_t(x.dim(0)) * shape_numel(in_shape_),
              "RowNorm: input is not (N, in_shape...)");
    const int N = x.dim(0), R = N * G_, M = C_ / G_ * S_;
    x_hat_.resize(x.shape());
    y_.resize(x.shape());
    mean_.resize({N, G_});
    var_.resize({N, G_});
    rstd_.resize({N, G_});
    row_moments(mean_.data(), var_.data(), x.data(), R, M);
    inv_std(rstd_.data(), var_.data(), R, eps_);
    row_normalize(x_hat_.data(), x.data(), mean_.data(), rstd_.data(), R, M);
    affine_forward(y_.data(), x_hat_.data(), gamma_ptr(), beta_ptr(), N, C_, S_);
    return y_;
}

// dxh = dy * gamma_c (accumulating dgamma, dbeta), then per row
// dx = rstd/M * (M*dxh - sum(dxh) - x_hat*sum(dxh*x_hat)).
const Tensor& RowNorm::backward(const Tensor& dy) {
    LL_ASSERT(dy.shape() == x_hat_.shape(), "RowNorm: dy does not match the last forward");
    const int N = dy.dim(0), R = N * G_, M = C_ / G_ * S_;
    dx_.resize(dy.shape());
    affine_backward(dx_.data(), affine_ ? dgamma_.data() : nullptr, affine_ ? dbeta_.data() : nullptr, dy.data(),
                    x_hat_.data(), gamma_ptr(), N, C_, S_);
    row_norm_backward(dx_.data(), dx_.data(), x_hat_.data(), rstd_.data(), R, M);
    return dx_;
}

// ---- LayerNorm ----

Status LayerNorm::configure(const Shape& in) {
    in_shape_ = out_shape_ = in;
    const int D = int(shape_numel(in));
    LL_TRY(set_layout(1, D, 1, in));  // one row per sample; gamma/beta per value, of the sample's shape
    return Status::ok();
}

Geometry LayerNorm::geometry() const {
    Geometry g;
    g.global = true;  // every output depends on the sample's mean and variance
    g.spatial = in_shape_.size() > 1;
    return g;
}

// ---- GroupNorm ----

Status GroupNorm::configure(const Shape& in) {
    const int C = in[0];
    if (C % num_groups_ != 0) {
        std::string divisors;
        for (int d = 1; d <= C; ++d) {
            if (C % d == 0) divisors += (divisors.empty() ? "" : ", ") + std::to_string(d);
        }
        return Status::error("num_groups " + std::to_string(num_groups_) + " does not divide the " +
                             std::to_string(C) + " input channels; use one of " + divisors);
    }
    in_shape_ = out_shape_ = in;
    LL_TRY(set_layout(num_groups_, C, int(shape_numel(in) / size_t(C)), {C}));
    return Status::ok();
}

Geometry GroupNorm::geometry() const {
    Geometry g;  // pointwise in space: statistics cover the whole map but are not a spatial kernel
    g.spatial = in_shape_.size() > 1;
    return g;
}

// ---- InstanceNorm2d ----

Status InstanceNorm2d::configure(const Shape& in) {
    LL_TRY(expect_image(in, "InstanceNorm2d"));
    const int C = in[0], S = in[1] * in[2];
    if (S == 1 && !opt_.track_running_stats) {
        return Status::error("InstanceNorm2d needs more than 1 spatial element (got a 1x1 map, whose variance "
                             "is always 0); place it before the map shrinks to 1x1");
    }
    in_shape_ = out_shape_ = in;
    LL_TRY(set_layout(C, C, S, {C}));
    running_.configure(opt_.track_running_stats, C);
    avg_mean_ = avg_var_ = opt_.track_running_stats ? Tensor({C}) : Tensor();
    return Status::ok();
}

void InstanceNorm2d::init(Rng&) {
    reset_affine();
    if (opt_.track_running_stats) running_.reset();
}

Status InstanceNorm2d::check_batch(const Shape& x_shape, Mode mode) const {
    LL_TRY(NormLayer::check_batch(x_shape, mode));
    if ((mode == Mode::Train || !opt_.track_running_stats) && S_ <= 1) {
        return Status::error("InstanceNorm2d: expected more than 1 spatial element when training, got input size " +
                             shape_str(x_shape));
    }
    return Status::ok();
}

// torch runs batch_norm on the (1, N*C, H, W) view with the running stats repeated N times, then
// keeps their mean over n: running = (1 - m) * running + m * mean_n(stat_nc).
void InstanceNorm2d::update_running_stats(int N) {
    if (S_ <= 1 || N == 0) return;  // torch raises (check_batch)
    const int C = C_;
    for (int c = 0; c < C; ++c) {
        double s = 0.0;
        for (int n = 0; n < N; ++n) s += double(mean_[size_t(n) * C + c]);
        avg_mean_[size_t(c)] = float(s / N);
    }
    for (int c = 0; c < C; ++c) {
        double s = 0.0;
        for (int n = 0; n < N; ++n) s += double(var_[size_t(n) * C + c]);
        avg_var_[size_t(c)] = float(s / N);
    }
    // unbiased over the H*W values of each (n, c); num_batches_tracked stays 0, as torch
    running_.update(avg_mean_.data(), avg_var_.data(), double(opt_.momentum), double(S_) / double(S_ - 1));
}

const Tensor& InstanceNorm2d::forward(const Tensor& x, Mode mode) {
    used_batch_stats_ = mode == Mode::Train || !opt_.track_running_stats;
    if (used_batch_stats_) {
        RowNorm::forward(x, mode);
        if (mode == Mode::Train && opt_.track_running_stats) update_running_stats(x.dim(0));
        return y_;
    }
    // Eval with running statistics: per channel constants, as BatchNorm in eval.
    LL_ASSERT(x.ndim() == 4 && x.dim(1) == C_, "InstanceNorm2d: input is not (N, C, H, W)");
    const int N = x.dim(0);
    x_hat_.resize(x.shape());
    y_.resize(x.shape());
    mean_.resize({C_});
    var_.resize({C_});
    rstd_.resize({C_});
    running_.copy_to(mean_.data(), var_.data());
    inv_std(rstd_.data(), var_.data(), C_, eps_);
    channel_normalize(x_hat_.data(), x.data(), mean_.data(), rstd_.data(), N, C_, S_);
    affine_forward(y_.data(), x_hat_.data(), gamma_ptr(), beta_ptr(), N, C_, S_);
    return y_;
}

const Tensor& InstanceNorm2d::backward(const Tensor& dy) {
    if (used_batch_stats_) return RowNorm::backward(dy);
    LL_ASSERT(dy.shape() == x_hat_.shape(), "InstanceNorm2d: dy does not match the last forward");
    const int N = dy.dim(0);
    dx_.resize(dy.shape());
    affine_backward(dx_.data(), affine_ ? dgamma_.data() : nullptr, affine_ ? dbeta_.data() : nullptr, dy.data(),
                    x_hat_.data(), gamma_ptr(), N, C_, S_);
    channel_scale(dx_.data(), dx_.data(), rstd_.data(), N, C_, S_);  // statistics are constants
    return dx_;
}

std::vector<BufferRef> InstanceNorm2d::buffers() {
    if (!opt_.track_running_stats) return {};
    return running_.buffers();
}

// ---- Factories ----

LayerPtr make_layer_norm(LayerArgs& a) {
    const float eps = read_norm_eps(a);
    return std::make_unique<LayerNorm>(eps, a.get_bool("elementwise_affine", true));
}

LayerPtr make_group_norm(LayerArgs& a) {
    const int groups = a.require_int("num_groups", 1);
    const float eps = read_norm_eps(a);
    return std::make_unique<GroupNorm>(groups, eps, a.get_bool("affine", true));
}

LayerPtr make_instance_norm2d(LayerArgs& a) {
    InstanceNormOptions o;
    o.eps = read_norm_eps(a);
    o.momentum = read_norm_momentum(a);
    o.affine = a.get_bool("affine", false);
    o.track_running_stats = a.get_bool("track_running_stats", false);
    return std::make_unique<InstanceNorm2d>(o);
}

}  // namespace ll
