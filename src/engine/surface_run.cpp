#include "engine/surface_run.h"

#include <cmath>
#include <cstdio>

namespace ll {

Status SurfaceRun::reset(const Surface& surface, double x, double y, const OptimConfig& cfg, float l1, float l2) {
    LL_TRY(check_optim_config(cfg));
    if (!(l1 >= 0.0f && std::isfinite(l1))) return Status::error("l1 must be a finite number >= 0");
    if (!(l2 >= 0.0f && std::isfinite(l2))) return Status::error("l2 must be a finite number >= 0");
    double u, v;
    surface.to_params(x, y, u, v);
    if (!std::isfinite(float(u)) || !std::isfinite(float(v))) {
        char buf[128];
        std::snprintf(buf, sizeof buf, "the start point (%g, %g) is not a finite float32 point", x, y);
        return Status::error(buf);
    }
    surface_ = &surface;
    batch_pos_ = 0;
    opt_ = make_optimizer(cfg);
    l1_ = l1;
    l2_ = l2;
    p_[0] = float(u);
    p_[1] = float(v);
    g_.zero();
    return Status::ok();
}

// The gradient arrives in double, is rounded once to float32 (as `p.grad = torch.tensor(g,
// dtype=float32)`), then the penalties and the optimizer work in float32 like the network path.
void SurfaceRun::apply(double gu, double gv) {
    g_[0] = float(gu);
    g_[1] = float(gv);
    std::vector<ParamRef> params = {{"point", &p_, &g_}};
    add_l1(params, l1_);
    if (l2_ != 0.0f)
        for (int i = 0; i < 2; ++i) g_[size_t(i)] = g_[size_t(i)] + l2_ * p_[size_t(i)];
    opt_->step(params);
}

void SurfaceRun::step() {
    LL_ASSERT(opt_ != nullptr, "SurfaceRun::step before reset");
    double gu, gv;
    surface_->param_gradient(double(p_[0]), double(p_[1]), gu, gv);
    apply(gu, gv);
}

void SurfaceRun::step_batch(const std::vector<int>& idx) {
    LL_ASSERT(opt_ != nullptr, "SurfaceRun::step_batch before reset");
    LL_ASSERT(surface_->samples() > 0, "SurfaceRun::step_batch: the surface has no samples");
    double gu, gv;
    surface_->gradient_batch(double(p_[0]), double(p_[1]), idx, gu, gv);
    apply(gu, gv);
}

void SurfaceRun::step_next_batch(int batch) {
    LL_ASSERT(batch > 0, "SurfaceRun::step_next_batch: batch must be positive");
    const int n = surface_->samples();
    if (batch_pos_ >= n) batch_pos_ = 0;
    idx_.clear();
    for (int i = batch_pos_; i < n && i < batch_pos_ + batch; ++i) idx_.push_back(i);
    batch_pos_ += int(idx_.size());
    step_batch(idx_);
}

double SurfaceRun::x() const {
    double x, y;
    surface_->from_params(double(p_[0]), double(p_[1]), x, y);
    return x;
}

double SurfaceRun::y() const {
    double x, y;
    surface_->from_params(double(p_[0]), double(p_[1]), x, y);
    return y;
}

double SurfaceRun::loss() const { return surface_->value(x(), y()); }

bool SurfaceRun::diverged() const {
    return !std::isfinite(p_[0]) || !std::isfinite(p_[1]) || !std::isfinite(loss());
}

std::vector<std::pair<std::string, const Tensor*>> SurfaceRun::state() const {
    return opt_ ? opt_->state(0) : std::vector<std::pair<std::string, const Tensor*>>{};
}

double surface_penalty(double u, double v, float l1, float l2) {
    return l1 * (std::fabs(u) + std::fabs(v)) + 0.5 * l2 * (u * u + v * v);
}

}  // namespace ll
